/** Reprocessing a customer's sales after a certificate changes, with filed periods left as they were filed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { impactOf } from '../../src/certificates/reprocess.js';
import { createReprocessing } from '../../src/store/reprocessings.repository.js';
import { reprocessings } from '../../src/store/schema.js';
import { expectAggregatesMatchLedger } from '../helpers/ledger.js';
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

async function seller(): Promise<Client> {
  const s = await api.seller();
  await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01', filingFrequency: 'quarterly' });
  await s.call('PUT', '/v1/customers/cus_shop', { name: 'Corner Shop', address: dallas });
  return s;
}

function sale(s: Client, id: string, when: { date: string } | { timestamp: string }, amount: number, customerId = 'cus_shop') {
  return s.call('POST', '/v1/transactions', { id, ...when, currency: 'USD', commit: true, customer: { id: customerId, address: austin }, lines: [{ id: '1', productId: 'saas.b2b', amount }] });
}

describe('a filed period, then voids, refunds and reprocessing of its transactions', () => {
  it('reads exactly as filed, and the open period carries the difference', async () => {
    const s = await seller();
    const now = new Date().toISOString();
    const kept = await sale(s, 'kept', { date: '2025-07-03' }, 10000);
    const voided = await sale(s, 'voided', { date: '2025-07-04' }, 20000);
    const refunded = await sale(s, 'refunded', { date: '2025-08-05' }, 30000);
    const other = await sale(s, 'other-customer', { date: '2025-08-06' }, 40000, 'cus_other');
    const filed = await s.call('POST', '/v1/returns/US-TX/2025-Q3/file', { filedAt: '2025-10-20', confirmation: 'TX-1' });
    expect(filed.body.taxCollected).toBe(kept.body.tax + voided.body.tax + refunded.body.tax + other.body.tax);
    const current = await sale(s, 'current', { timestamp: now }, 50000);
    const month = current.body.date.slice(0, 7);

    const v = await s.call('POST', '/v1/transactions/voided/void');
    const r = await s.call('POST', '/v1/transactions/refunded/refunds', { id: 'refunded-r', timestamp: now, lines: [{ id: '1', amount: 10000 }] });
    expect(r.status).toBe(200);

    // The customer's resale certificate arrives, covering the whole time.
    const cert = await s.call('POST', '/v1/certificates', { customerId: 'cus_shop', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2025-01-01' });
    const body = { from: '2025-01-01', to: current.body.date };

    const dry = await s.call('POST', `/v1/certificates/${cert.body.id}/reprocess`, { ...body, dryRun: true });
    expect(dry.status).toBe(200);
    const byId = new Map(dry.body.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.get('kept')).toMatchObject({ action: 'correct', taxBefore: kept.body.tax, taxAfter: 0, difference: -kept.body.tax, filedPeriod: { jurisdictionId: 'US-TX', period: '2025-Q3' } });
    expect(byId.get('voided')).toMatchObject({ action: 'skip', reason: 'refunded' }); // voided in a filed period = refunded in the open one
    expect(byId.get('refunded')).toMatchObject({ action: 'skip', reason: 'refunded' });
    expect(byId.get('current')).toMatchObject({ action: 'revise', taxBefore: current.body.tax, taxAfter: 0, filedPeriod: null });
    expect(byId.has('other-customer')).toBe(false);
    expect(dry.body).toMatchObject({
      transactions: 4, revised: 1, corrected: 1, skipped: 2, unchanged: 0,
      totals: [{ currency: 'USD', taxBefore: kept.body.tax + current.body.tax, taxAfter: 0, difference: -(kept.body.tax + current.body.tax) }],
      filedPeriods: [{ jurisdictionId: 'US-TX', period: '2025-Q3', transactions: 1 }],
    });
    // A dry run changes nothing.
    expect((await s.call('GET', '/v1/transactions/current')).body).toMatchObject({ version: 1, tax: current.body.tax });

    const started = await s.call('POST', `/v1/certificates/${cert.body.id}/reprocess`, body, { 'idempotency-key': 'rp-1' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', total: 4, impact: { revised: 1, corrected: 1 } });
    const again = await s.call('POST', `/v1/certificates/${cert.body.id}/reprocess`, body, { 'idempotency-key': 'rp-1' });
    expect(again.body.id).toBe(started.body.id);
    await api.app.levy.reprocessing.settle();

    const run = (await s.call('GET', `/v1/reprocessings/${started.body.id}`)).body;
    expect(run).toMatchObject({ status: 'completed', done: 4, total: 4, error: null });
    const done = new Map(run.items.map((i: { id: string }) => [i.id, i]));
    expect(done.get('current')).toMatchObject({ action: 'revise', version: 2 });
    expect(done.get('kept')).toMatchObject({ action: 'correct', negationId: expect.any(String), correctionId: expect.any(String) });
    const { negationId, correctionId } = done.get('kept') as { negationId: string; correctionId: string };

    // The open period: a new version in place for its own sale; negation and correction for the filed one.
    const revised = (await s.call('GET', '/v1/transactions/current')).body;
    expect(revised).toMatchObject({ status: 'committed', version: 2, tax: 0, date: current.body.date, subtotal: 50000 });
    expect(revised.versions.map((x: { version: number }) => x.version)).toEqual([1, 2]);
    expect(revised.exemptions).toEqual([expect.objectContaining({ kind: 'certificate', certificateId: cert.body.id })]);
    const negation = (await s.call('GET', `/v1/transactions/${negationId}`)).body;
    expect(negation).toMatchObject({ type: 'refund', originalId: 'kept', date: current.body.date, subtotal: -10000, tax: -kept.body.tax });
    const correction = (await s.call('GET', `/v1/transactions/${correctionId}`)).body;
    expect(correction).toMatchObject({ type: 'sale', status: 'committed', date: current.body.date, subtotal: 10000, tax: 0 });
    expect((await s.call('GET', '/v1/transactions/kept')).body).toMatchObject({ status: 'committed', version: 1, tax: kept.body.tax });

    // The filed return reads as it did; the open period carries every difference.
    expect((await s.call('GET', '/v1/returns/US-TX/2025-Q3')).body).toEqual(filed.body);
    const open = (await s.call('GET', `/v1/returns/US-TX/${month}`)).body;
    expect(open).toMatchObject({ status: 'open', grossSales: 50000 + 10000, refunds: { gross: -(20000 + 10000 + 10000), transactions: 3 } });
    expect(open.taxCollected).toBe(0 + 0 + v.body.tax + r.body.tax + negation.tax);
    // Texas taxes 80% of a data-processing service: the exempt share of the open period's two sales.
    expect(open.exemptByReason).toEqual([{ reason: 'resale', amount: ((50000 + 10000) * 8) / 10 }]);
    const behind = (await s.call('GET', `/v1/returns/US-TX/${month}/transactions`)).body.data.map((t: { id: string }) => t.id).sort();
    expect(behind).toEqual(['current', 'refunded-r', 'void-voided', negationId, correctionId].sort());
    await expectAggregatesMatchLedger(api.store.db, s.id);

    // Reprocessing again finds nothing left to change.
    const second = await s.call('POST', `/v1/certificates/${cert.body.id}/reprocess`, { ...body, dryRun: true });
    expect(second.body).toMatchObject({ revised: 0, corrected: 0, unchanged: 2, skipped: 3 });
    expect(second.body.items.find((i: { id: string }) => i.id === correctionId)).toMatchObject({ action: 'unchanged', date: '2025-07-03' });
  });
});

describe('reprocessing', () => {
  it('undoes an exemption when the certificate is archived, and can use the customer\'s address on record', async () => {
    const s = await seller();
    const cert = await s.call('POST', '/v1/certificates', { customerId: 'cus_shop', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2026-01-01' });
    const exempt = await sale(s, 'x1', { date: '2026-02-03' }, 10000);
    expect(exempt.body.tax).toBe(0);
    await s.call('POST', `/v1/certificates/${cert.body.id}/archive`);
    await s.call('PUT', '/v1/customers/cus_shop', { name: 'Corner Shop', address: dallas });

    const dry = await s.call('POST', `/v1/certificates/${cert.body.id}/reprocess`, { from: '2026-01-01', to: '2026-12-31', dryRun: true, preferCustomerAddress: true });
    const item = dry.body.items[0];
    expect(item).toMatchObject({ id: 'x1', action: 'revise', taxBefore: 0 });
    expect(item.taxAfter).toBeGreaterThan(0);
    const started = await s.call('POST', `/v1/certificates/${cert.body.id}/reprocess`, { from: '2026-01-01', to: '2026-12-31', preferCustomerAddress: true });
    await api.app.levy.reprocessing.settle();
    expect((await s.call('GET', `/v1/reprocessings/${started.body.id}`)).body.status).toBe('completed');
    const after = (await s.call('GET', '/v1/transactions/x1')).body;
    expect(after).toMatchObject({ version: 2, tax: item.taxAfter, address: { city: expect.stringMatching(/dallas/i) } });
    expect(after.jurisdictions.map((j: { id: string }) => j.id)).toContain('US-TX-CITY-DALLAS');
    await expectAggregatesMatchLedger(api.store.db, s.id);

    const list = (await s.call('GET', `/v1/reprocessings?certificateId=${cert.body.id}`)).body;
    expect(list.data.map((x: { id: string }) => x.id)).toEqual([started.body.id]);
  });

  it('corrects in the open period a sale the customer\'s address on record moves into another state\'s filed period', async () => {
    const s = await seller();
    await s.call('PUT', '/v1/registrations/US-WA', { effectiveDate: '2020-01-01', filingFrequency: 'quarterly' });
    const austinSale = await sale(s, 'moved', { date: '2025-08-10' }, 10000);
    await s.call('POST', '/v1/returns/US-WA/2025-Q3/file', { filedAt: '2025-10-20' });
    await s.call('PUT', '/v1/customers/cus_shop', { name: 'Corner Shop', address: { postalCode: '98101', country: 'US' } });
    const cert = await s.call('POST', '/v1/certificates', { customerId: 'cus_shop', jurisdictions: ['US-CA'], reason: 'resale', effectiveDate: '2020-01-01' });
    const body = { from: '2025-07-01', to: '2025-09-30', preferCustomerAddress: true };
    const dry = await s.call('POST', `/v1/certificates/${cert.body.id}/reprocess`, { ...body, dryRun: true });
    expect(dry.body.items).toEqual([expect.objectContaining({ id: 'moved', action: 'correct', taxBefore: austinSale.body.tax, filedPeriod: { jurisdictionId: 'US-WA', period: '2025-Q3' } })]);
    const run = await s.call('POST', `/v1/certificates/${cert.body.id}/reprocess`, body);
    await api.app.levy.reprocessing.settle();
    const done = (await s.call('GET', `/v1/reprocessings/${run.body.id}`)).body;
    expect(done.items).toEqual([expect.objectContaining({ id: 'moved', action: 'correct' })]);
    const correction = (await s.call('GET', `/v1/transactions/${done.items[0].correctionId}`)).body;
    expect(correction.address.region).toBe('WA');
    expect(correction.date > '2025-09-30').toBe(true);
    await expectAggregatesMatchLedger(api.store.db, s.id);
  });

  it('resumes a run left unfinished from the sales it recorded, never applying one twice', async () => {
    const s = await seller();
    const a = await sale(s, 'a', { date: '2026-02-03' }, 10000);
    await sale(s, 'b', { date: '2026-02-04' }, 20000);
    const cert = await s.call('POST', '/v1/certificates', { customerId: 'cus_shop', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2026-01-01' });
    // A run whose process died after it had dealt with `a` (recorded here, as the run records it, without the change).
    const row = await createReprocessing(api.store.db, { sellerId: s.id, certificateId: cert.body.id, customerId: 'cus_shop', fromDate: '2026-01-01', toDate: '2026-12-31', preferCustomerAddress: false, impact: impactOf([]), total: 2 });
    await api.store.db.update(reprocessings).set({ status: 'running', done: 1, outcome: { items: [{ id: 'a', date: '2026-02-03', currency: 'USD', taxBefore: a.body.tax, taxAfter: 0, difference: -a.body.tax, action: 'revise' }] } }).where(eq(reprocessings.id, row.id));

    await api.app.levy.reprocessing.resume(0);
    await api.app.levy.reprocessing.settle();
    const run = (await s.call('GET', `/v1/reprocessings/${row.id}`)).body;
    expect(run).toMatchObject({ status: 'completed', done: 2, total: 2 });
    expect(run.items.map((i: { id: string; action: string }) => `${i.id} ${i.action}`)).toEqual(['a revise', 'b revise']);
    expect((await s.call('GET', '/v1/transactions/a')).body).toMatchObject({ version: 1 });
    expect((await s.call('GET', '/v1/transactions/b')).body).toMatchObject({ version: 2, tax: 0 });
  });

  it('refuses bad requests clearly', async () => {
    const s = await seller();
    await s.call('PUT', '/v1/customers/cus_bare', { name: 'No Address' });
    const cert = await s.call('POST', '/v1/certificates', { customerId: 'cus_bare', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2026-01-01' });
    const url = `/v1/certificates/${cert.body.id}/reprocess`;
    expect((await s.call('POST', url, { from: '2026-03-01', to: '2026-01-01' })).body.error).toMatchObject({ code: 'parameter_invalid', param: 'from' });
    expect((await s.call('POST', url, { from: '2026-01-01' })).body.error).toMatchObject({ param: 'to' });
    expect((await s.call('POST', url, { from: '2026-01-01', to: '2026-02-01', preferCustomerAddress: true })).body.error).toMatchObject({ code: 'parameter_invalid', param: 'preferCustomerAddress' });
    expect((await s.call('POST', '/v1/certificates/cert_nope/reprocess', { from: '2026-01-01', to: '2026-02-01' })).status).toBe(404);
    expect((await s.call('GET', '/v1/reprocessings/rep_nope')).status).toBe(404);
  });
});
