/** Returns of VAT/GST registrations outside the US, through the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type Client, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => {
  await api.close();
});

const fromUs = { country: 'US', region: 'CA', postalCode: '94105' };
const toronto = { country: 'CA', region: 'ON', postalCode: 'M5V 2T6' };
const vancouver = { country: 'CA', region: 'BC', postalCode: 'V6B 1A1' };
const berlin = { country: 'DE', postalCode: '10115' };
const paris = { country: 'FR', postalCode: '75001' };

type Customer = { address: Record<string, string>; type?: string; taxIds?: Array<{ type: string; value: string }> };

function seller(s: Client) {
  return (id: string, date: string, currency: string, customer: Customer, amount: number, extra: Record<string, unknown> = {}) =>
    s.call('POST', '/v1/transactions', { id, date, currency, commit: true, shipFrom: fromUs, customer, lines: [{ id: '1', productId: 'saas.b2c', amount }], ...extra });
}

const taxOf = (answer: { jurisdictions: Array<{ id: string; tax: number }> }, ids: string[]) =>
  answer.jurisdictions.filter((j) => ids.includes(j.id)).reduce((sum, j) => sum + j.tax, 0);

describe('a Canadian GST/HST return', () => {
  it('carries the GST and the harmonized provinces\' HST, not a province\'s PST, with reverse-charged sales apart', async () => {
    const s = await api.seller();
    for (const id of ['CA', 'CA-BC']) await s.call('PUT', `/v1/registrations/${id}`, { effectiveDate: '2020-01-01', filingFrequency: 'quarterly' });
    const sale = seller(s);
    const on = await sale('on', '2025-07-10', 'CAD', { address: toronto }, 10000);
    const bc = await sale('bc', '2025-08-03', 'CAD', { address: vancouver }, 20000);
    const b2b = await sale('b2b', '2025-08-20', 'CAD', { type: 'business', address: toronto, taxIds: [{ type: 'ca_gst_hst', value: '123456789RT0001' }] }, 30000);
    await sale('usd', '2025-09-01', 'USD', { address: toronto }, 5000);
    await sale('later', '2025-10-01', 'CAD', { address: toronto }, 9999);
    const refund = await s.call('POST', '/v1/transactions/on/refunds', { id: 'on-r', date: '2025-09-15', lines: [{ id: '1', amount: 4000 }] });
    expect(b2b.body.exemptions).toEqual([expect.objectContaining({ kind: 'reverse_charge' })]);

    const report = (await s.call('GET', '/v1/returns/CA/2025-Q3')).body;
    expect(report).toMatchObject({
      jurisdictionId: 'CA', period: '2025-Q3', start: '2025-07-01', end: '2025-09-30', status: 'closed', currency: 'CAD',
      covers: ['CA', 'CA-NB', 'CA-NL', 'CA-NS', 'CA-ON', 'CA-PE'],
      grossSales: 60000, refunds: { gross: -4000, transactions: 1, tax: taxOf(refund.body, ['CA-ON']) }, netSales: 56000,
      exemptSales: 30000, reverseChargeSales: 30000, exemptByReason: [{ reason: 'reverse_charge', amount: 30000 }],
      taxableSales: 26000, nonTaxableSales: 0, transactions: 4,
      otherCurrencies: [{ currency: 'USD', transactions: 1 }],
    });
    expect(report.taxCollected).toBe(taxOf(on.body, ['CA-ON']) + taxOf(bc.body, ['CA']) + taxOf(refund.body, ['CA-ON']));
    expect(report.jurisdictions.map((j: { id: string }) => j.id)).toEqual(['CA', 'CA-ON']);

    const behind = (await s.call('GET', '/v1/returns/CA/2025-Q3/transactions')).body.data;
    expect(behind.map((t: { id: string }) => t.id)).toEqual(['on', 'bc', 'b2b', 'on-r']);
    expect(behind.reduce((sum: number, t: { tax: number }) => sum + t.tax, 0)).toBe(report.taxCollected);
    expect(behind.find((t: { id: string }) => t.id === 'bc')).toMatchObject({ gross: 20000, taxable: 20000, tax: taxOf(bc.body, ['CA']) });

    const pst = (await s.call('GET', '/v1/returns/CA-BC/2025-Q3')).body;
    expect(pst).toMatchObject({ covers: ['CA-BC'], grossSales: 20000, taxableSales: 20000, taxCollected: taxOf(bc.body, ['CA-BC']), transactions: 1 });

    const usd = (await s.call('GET', '/v1/returns/CA/2025-Q3?currency=USD')).body;
    expect(usd).toMatchObject({ currency: 'USD', grossSales: 5000, transactions: 1, otherCurrencies: [{ currency: 'CAD', transactions: 4 }] });

    const csv = await api.app.inject({ method: 'GET', url: '/v1/returns/CA/2025-Q3?format=csv', headers: { authorization: `Bearer ${s.key}` } });
    expect(csv.body).toContain('currency,CA,CAD,,,,,');
    expect(csv.body).toContain('gross_sales,CA,,,600.00,,,');
    expect(csv.body).toContain('reverse_charge_sales,CA,,,300.00,,,');
  });

  it('answers where a province\'s HST is reported, and refuses a registration the seller does not hold', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/registrations/CA', { effectiveDate: '2020-01-01' });
    const ontario = (await s.call('GET', '/v1/returns/CA-ON/2025-Q3')).body.error;
    expect(ontario).toMatchObject({ code: 'jurisdiction_unknown', param: 'jurisdictionId' });
    expect(ontario.message).toContain('CA return');
    expect((await s.call('GET', '/v1/returns/GB/2025-Q3')).body.error).toMatchObject({ code: 'jurisdiction_unknown', param: 'jurisdictionId' });
    expect((await s.call('GET', '/v1/returns/US-TX/2025-Q3?currency=USD')).body.error).toMatchObject({ code: 'parameter_invalid', param: 'currency' });
  });
});

describe('an EU one-stop-shop return', () => {
  it('carries every member state\'s VAT in euro, B2B sales under reverse charge apart, and leaves out states with a registration of their own', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/registrations/EU-OSS', { effectiveDate: '2020-01-01', filingFrequency: 'quarterly' });
    const sale = seller(s);
    const de = await sale('de', '2025-04-10', 'EUR', { address: berlin }, 10000);
    const fr = await sale('fr', '2025-05-10', 'EUR', { address: paris }, 20000);
    await sale('de-b2b', '2025-06-10', 'EUR', { type: 'business', address: berlin, taxIds: [{ type: 'eu_vat', value: 'DE136695976' }] }, 50000);

    const report = (await s.call('GET', '/v1/returns/EU-OSS/2025-Q2')).body;
    expect(report).toMatchObject({ currency: 'EUR', grossSales: 80000, taxableSales: 30000, reverseChargeSales: 50000, exemptSales: 50000, transactions: 3 });
    expect(report.covers).toHaveLength(27);
    expect(report.jurisdictions.map((j: { id: string; tax: number }) => [j.id, j.tax])).toEqual([['DE', taxOf(de.body, ['DE'])], ['FR', taxOf(fr.body, ['FR'])]]);
    expect(report.taxCollected).toBe(de.body.tax + fr.body.tax);

    await s.call('PUT', '/v1/registrations/DE', { effectiveDate: '2020-01-01' });
    const withGermany = (await s.call('GET', '/v1/returns/EU-OSS/2025-Q2')).body;
    expect(withGermany.covers).not.toContain('DE');
    expect(withGermany).toMatchObject({ grossSales: 20000, taxCollected: fr.body.tax });
    expect((await s.call('GET', '/v1/returns/DE/2025-Q2')).body).toMatchObject({ covers: ['DE'], grossSales: 60000, taxCollected: de.body.tax, reverseChargeSales: 50000 });
  });
});

describe('a filed return outside the US', () => {
  it('refuses every write dated in its period that its jurisdictions collect on; other returns\' periods stay open', async () => {
    const s = await api.seller();
    for (const id of ['CA', 'EU-OSS']) await s.call('PUT', `/v1/registrations/${id}`, { effectiveDate: '2020-01-01', filingFrequency: 'quarterly' });
    const sale = seller(s);
    const a = await sale('a', '2025-07-05', 'CAD', { address: toronto }, 10000);
    await sale('b', '2025-08-10', 'CAD', { address: vancouver }, 20000);
    await s.call('POST', '/v1/transactions', { id: 'draft', date: '2025-08-11', currency: 'CAD', shipFrom: fromUs, customer: { address: toronto }, lines: [{ id: '1', productId: 'saas.b2c', amount: 500 }] });

    const filed = await s.call('POST', '/v1/returns/CA/2025-Q3/file', { filedAt: '2025-10-20', confirmation: 'CRA-1' });
    expect(filed.body).toMatchObject({ status: 'filed', jurisdictionId: 'CA', grossSales: 30000, filedAt: '2025-10-20', confirmation: 'CRA-1' });
    expect((await s.call('POST', '/v1/returns/CA/2025-Q3/file', { filedAt: '2025-10-21' })).body.error.code).toBe('period_filed');
    const periods = (await s.call('GET', '/v1/filing-periods?jurisdictionId=CA&asOf=2026-01-15')).body.data;
    expect(periods.find((p: { period: string }) => p.period === '2025-Q3').status).toBe('filed');

    expect((await sale('late-on', '2025-08-15', 'CAD', { address: toronto }, 5000)).body.error).toMatchObject({ code: 'period_filed', param: 'date' });
    // British Columbia's PST is not on the CA return, but the GST on the same line is.
    expect((await sale('late-bc', '2025-08-15', 'CAD', { address: vancouver }, 5000)).body.error.code).toBe('period_filed');
    expect((await s.call('POST', '/v1/transactions/draft/commit')).body.error.code).toBe('period_filed');
    expect((await s.call('POST', '/v1/transactions/a/refunds', { id: 'a-r', date: '2025-09-15' })).body.error.code).toBe('period_filed');
    expect((await sale('oss', '2025-08-15', 'EUR', { address: berlin }, 5000)).status).toBe(200);
    expect((await sale('next', '2025-10-02', 'CAD', { address: toronto }, 5000)).status).toBe(200);

    // Voiding a sale of the filed period refunds it whole in the open period.
    const voided = await s.call('POST', '/v1/transactions/a/void');
    expect(voided.body).toMatchObject({ id: 'void-a', type: 'refund', originalId: 'a', tax: -a.body.tax });
    expect(voided.body.date > '2025-09-30').toBe(true);
    expect((await s.call('GET', '/v1/returns/CA/2025-Q3')).body).toEqual(filed.body);
    expect((await s.call('GET', '/v1/returns/CA/2025-Q3?currency=USD')).body).toMatchObject({ status: 'filed', filedAt: '2025-10-20', currency: 'USD', grossSales: 0 });
  });

  it('leaves an import\'s transactions dated in it out, reporting each', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/registrations/CA', { effectiveDate: '2020-01-01', filingFrequency: 'monthly' });
    await s.call('POST', '/v1/returns/CA/2025-08/file', { filedAt: '2025-09-20' });
    const csv = [
      'transaction_id,type,date,currency,region,postal_code,country,line_id,product_id,amount,tax_collected',
      'old,sale,2025-08-20,CAD,ON,M5V 2T6,CA,1,saas.b2c,100.00,13.00',
      'new,sale,2025-09-02,CAD,ON,M5V 2T6,CA,1,saas.b2c,100.00,13.00',
    ].join('\n');
    const v = await s.call('POST', '/v1/imports?kind=transactions', csv, { 'content-type': 'text/csv' });
    expect(v.body.status).toBe('validated');
    await s.call('POST', `/v1/imports/${v.body.id}/commit`);
    await api.app.levy.imports.settle();
    const done = (await s.call('GET', `/v1/imports/${v.body.id}`)).body;
    expect(done).toMatchObject({ progress: { written: 1, failed: 1 } });
    expect(done.errors.first).toEqual([expect.objectContaining({ row: 2, column: 'date', code: 'period_filed', phase: 'commit' })]);
    expect((await s.call('GET', '/v1/returns/CA/2025-09')).body).toMatchObject({ grossSales: 10000, taxCollected: 1300 });
  });
});
