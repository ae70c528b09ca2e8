/** An exemption the invoice itself claims: answered, recorded with the version, kept by reprocessing, reported by reason. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type Client, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => {
  await api.close();
});

const austin = { postalCode: '78701', country: 'US' };
const dallas = { postalCode: '75201', country: 'US' };
const TEXAS = ['US-TX', 'US-TX-CITY-AUSTIN', 'US-TX-SPECIAL-CAPMETRO'];

async function seller(): Promise<Client> {
  const s = await api.seller();
  await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01', filingFrequency: 'quarterly' });
  await s.call('PUT', '/v1/customers/cus_shop', { name: 'Corner Shop', address: dallas });
  return s;
}

const invoice = (extra: Record<string, unknown> = {}) => ({
  date: '2026-08-10',
  currency: 'USD',
  customer: { id: 'cus_shop', address: austin },
  lines: [{ id: '1', productId: 'saas.b2b', amount: 10000 }],
  ...extra,
});

describe('POST /v1/tax/calculate with an exemption', () => {
  it('exempts the invoice and names the exemption; a bad reason or jurisdiction is a 400 naming the field', async () => {
    const s = await seller();
    const r = await s.call('POST', '/v1/tax/calculate', invoice({ exemption: { reason: 'government', number: 'G-77' } }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ tax: 0, exemptAmount: 8000, exemptions: [{ kind: 'transaction_exempt', reason: 'government', number: 'G-77', jurisdictions: TEXAS }] });
    expect(r.body.lines[0].jurisdictions[0]).toMatchObject({ id: 'US-TX', exemption: 'transaction_exempt' });

    const reason = await s.call('POST', '/v1/tax/calculate', invoice({ exemption: { reason: 'charity' } }));
    expect(reason.status).toBe(400);
    expect(reason.body.error).toMatchObject({ type: 'invalid_request', param: 'exemption.reason' });
    const where = await s.call('POST', '/v1/tax/calculate', invoice({ exemption: { reason: 'resale', jurisdictions: ['US-XX'] } }));
    expect(where.status).toBe(400);
    expect(where.body.error).toMatchObject({ code: 'jurisdiction_unknown', param: 'exemption.jurisdictions.0' });
  });
});

describe('a sale recorded with an exemption', () => {
  it('is stored with it, stays exempt when an unrelated certificate change reprocesses it, and its return shows the reason', async () => {
    const s = await seller();
    const exempt = await s.call('POST', '/v1/transactions', invoice({ id: 'exempt-sale', commit: true, exemption: { reason: 'resale', number: 'R-1' } }));
    expect(exempt.body).toMatchObject({ status: 'committed', version: 1, tax: 0, exemptions: [{ kind: 'transaction_exempt', reason: 'resale', number: 'R-1' }] });
    const taxed = await s.call('POST', '/v1/transactions', invoice({ id: 'taxed-sale', date: '2026-08-11', commit: true }));
    expect(taxed.body.tax).toBeGreaterThan(0);

    // A certificate for another state: nothing about these Texas sales changes, and the recalculation must say so.
    const cert = await s.call('POST', '/v1/certificates', { customerId: 'cus_shop', jurisdictions: ['US-CA'], reason: 'resale', effectiveDate: '2026-01-01' });
    const range = { from: '2026-01-01', to: '2026-12-31' };
    const dry = await s.call('POST', `/v1/certificates/${cert.body.id}/reprocess`, { ...range, dryRun: true });
    expect(dry.body).toMatchObject({ transactions: 2, unchanged: 2, revised: 0, corrected: 0 });

    // Recalculated to the customer's address on record, the sale gets a new version, still exempt by its own claim.
    const started = await s.call('POST', `/v1/certificates/${cert.body.id}/reprocess`, { ...range, preferCustomerAddress: true });
    expect(started.status).toBe(202);
    await api.app.levy.reprocessing.settle();
    const run = (await s.call('GET', `/v1/reprocessings/${started.body.id}`)).body;
    expect(run).toMatchObject({ status: 'completed', error: null });
    const revised = (await s.call('GET', '/v1/transactions/exempt-sale')).body;
    expect(revised).toMatchObject({ version: 2, tax: 0, exemptAmount: 8000, address: { postalCode: '75201' } });
    expect(revised.exemptions).toEqual([expect.objectContaining({ kind: 'transaction_exempt', reason: 'resale', number: 'R-1', jurisdictions: expect.arrayContaining(['US-TX']) })]);
    expect((await s.call('GET', '/v1/transactions/taxed-sale')).body.tax).toBeGreaterThan(0);

    // The reprocessed version keeps the claim too: running again finds nothing to change.
    const again = await s.call('POST', `/v1/certificates/${cert.body.id}/reprocess`, { ...range, dryRun: true, preferCustomerAddress: true });
    expect(again.body).toMatchObject({ revised: 0, corrected: 0, unchanged: 2 });

    const report = (await s.call('GET', '/v1/returns/US-TX/2026-Q3')).body;
    expect(report.exemptByReason).toEqual([{ reason: 'resale', amount: 8000 }]);
  });
});
