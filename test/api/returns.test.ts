/** Filing periods through the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => {
  await api.close();
});

describe('filing periods', () => {
  it('follow each registration\'s frequency from its effective date', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2026-02-10', filingFrequency: 'monthly' });
    await s.call('PUT', '/v1/registrations/US-WA', { effectiveDate: '2025-12-01' });
    const tx = await s.call('GET', '/v1/filing-periods?jurisdictionId=US-TX&asOf=2026-05-15');
    expect(tx.body.data.map((p: { period: string; status: string }) => `${p.period} ${p.status}`)).toEqual(['2026-05 open', '2026-04 closed', '2026-03 closed', '2026-02 closed']);
    const all = await s.call('GET', '/v1/filing-periods?asOf=2026-05-15');
    const wa = all.body.data.filter((p: { jurisdictionId: string }) => p.jurisdictionId === 'US-WA');
    expect(wa.map((p: { period: string }) => p.period)).toEqual(['2026-Q2', '2026-Q1', '2025-Q4']);
    expect(wa[0]).toMatchObject({ frequency: 'quarterly', frequencySet: false, start: '2026-04-01', end: '2026-06-30', status: 'open' });
    expect((await s.call('GET', '/v1/filing-periods?jurisdictionId=US-CA')).status).toBe(404);
  });
});

describe('returns', () => {
  it('sums the period\'s sales, refunds, exemptions and tax by jurisdiction, traceable to its transactions', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01', filingFrequency: 'quarterly' });
    await s.call('PUT', '/v1/customers/cus_shop', { name: 'Corner Shop', address: { postalCode: '78701', country: 'US' } });
    await s.call('POST', '/v1/certificates', { customerId: 'cus_shop', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2026-01-01' });
    const austin = { postalCode: '78701', country: 'US' };
    const sale = (id: string, date: string, amount: number, extra: Record<string, unknown> = {}) =>
      s.call('POST', '/v1/transactions', { id, date, currency: 'USD', commit: true, customer: { address: austin }, lines: [{ id: '1', productId: 'saas.b2b', amount }], ...extra });
    const a = await sale('a', '2026-07-05', 10000);
    const b = await sale('b', '2026-08-10', 20000);
    const c = await sale('c', '2026-08-11', 5000, { customer: { id: 'cus_shop', address: austin } });
    await sale('mp', '2026-08-12', 7000, { marketplace: true });
    await sale('later', '2026-10-01', 9999);
    await s.call('POST', '/v1/transactions', { id: 'draft', date: '2026-08-01', currency: 'USD', customer: { address: austin }, lines: [{ productId: 'saas.b2b', amount: 100 }] });
    const r = await s.call('POST', '/v1/transactions/b/refunds', { id: 'b-r', date: '2026-09-01', lines: [{ id: '1', amount: 5000 }] });

    const report = (await s.call('GET', '/v1/returns/US-TX/2026-Q3')).body;
    expect(report).toMatchObject({
      jurisdictionId: 'US-TX', period: '2026-Q3', start: '2026-07-01', end: '2026-09-30',
      grossSales: 35000, refunds: { gross: -5000, transactions: 1, tax: r.body.tax }, netSales: 30000,
      exemptSales: 4000, exemptByReason: [{ reason: 'resale', amount: 4000 }], transactions: 4,
    });
    expect(c.body.tax).toBe(0);
    expect(report.taxCollected).toBe(a.body.tax + b.body.tax + r.body.tax);
    expect(report.taxableSales + report.exemptSales + report.nonTaxableSales).toBe(report.netSales);
    expect(report.jurisdictions.map((j: { id: string }) => j.id)).toEqual(['US-TX', 'US-TX-CITY-AUSTIN', 'US-TX-SPECIAL-CAPMETRO']);
    const state = report.jurisdictions.find((j: { id: string }) => j.id === 'US-TX');
    expect(state.tax).toBe([a, b, r].reduce((sum, t) => sum + t.body.jurisdictions.find((j: { id: string }) => j.id === 'US-TX').tax, 0));

    const behind = (await s.call('GET', '/v1/returns/US-TX/2026-Q3/transactions')).body.data;
    expect(behind.map((t: { id: string }) => t.id)).toEqual(['a', 'b', 'c', 'b-r']);
    expect(behind.reduce((sum: number, t: { tax: number }) => sum + t.tax, 0)).toBe(report.taxCollected);

    const csv = await api.app.inject({ method: 'GET', url: '/v1/returns/US-TX/2026-Q3?format=csv', headers: { authorization: `Bearer ${s.key}` } });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('gross_sales,US-TX,,,350.00,,,');
    expect(csv.body).toContain('exempt_sales:resale,US-TX,,,40.00,,,');

    expect((await s.call('GET', '/v1/returns/US-TX/2026-13')).body.error).toMatchObject({ code: 'parameter_invalid', param: 'period' });
    expect((await s.call('GET', '/v1/returns/DE/2026')).body.error).toMatchObject({ code: 'jurisdiction_unknown' });
    expect((await s.call('GET', '/v1/returns/US-TX/2026-09')).body).toMatchObject({ grossSales: 0, refunds: { gross: -5000 } });
  });
});

describe('a filed return', () => {
  it('never changes: voids and refunds of its sales land in the open period, which carries the difference', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01', filingFrequency: 'quarterly' });
    const austin = { postalCode: '78701', country: 'US' };
    const sale = (id: string, date: string, amount: number) =>
      s.call('POST', '/v1/transactions', { id, date, currency: 'USD', commit: true, customer: { address: austin }, lines: [{ id: '1', productId: 'saas.b2b', amount }] });
    const a = await sale('a', '2025-07-05', 10000);
    await sale('b', '2025-08-10', 20000);

    expect((await s.call('POST', '/v1/returns/US-TX/2099-Q1/file', { filedAt: '2099-04-20' })).body.error).toMatchObject({ code: 'parameter_invalid', param: 'period' });
    const filed = await s.call('POST', '/v1/returns/US-TX/2025-Q3/file', { filedAt: '2025-10-20', confirmation: 'TX-778899' });
    expect(filed.body).toMatchObject({ status: 'filed', grossSales: 30000, filedAt: '2025-10-20', confirmation: 'TX-778899' });
    expect((await s.call('POST', '/v1/returns/US-TX/2025-Q3/file', { filedAt: '2025-10-21' })).body.error.code).toBe('period_filed');
    const periods = (await s.call('GET', '/v1/filing-periods?jurisdictionId=US-TX&asOf=2026-01-15')).body.data;
    expect(periods.find((p: { period: string }) => p.period === '2025-Q3').status).toBe('filed');

    // Nothing dated in the filed period is taken.
    expect((await sale('late', '2025-08-15', 5000)).body.error).toMatchObject({ code: 'period_filed', param: 'date' });
    expect((await s.call('POST', '/v1/transactions/b/refunds', { id: 'b-r1', date: '2025-09-15', lines: [{ id: '1', amount: 5000 }] })).body.error.code).toBe('period_filed');

    // Corrections land in the open period.
    const refunded = await s.call('POST', '/v1/transactions/b/refunds', { id: 'b-r2', timestamp: new Date().toISOString(), lines: [{ id: '1', amount: 5000 }] });
    expect(refunded.status).toBe(200);
    const voided = await s.call('POST', '/v1/transactions/a/void');
    expect(voided.body).toMatchObject({ id: 'void-a', type: 'refund', originalId: 'a', subtotal: -10000, tax: -a.body.tax, date: refunded.body.date });
    expect((await s.call('GET', '/v1/transactions/a')).body).toMatchObject({
      status: 'committed',
      filing: { jurisdictionId: 'US-TX', period: '2025-Q3', filedAt: '2025-10-20', confirmation: 'TX-778899' },
    });
    expect((await s.call('GET', '/v1/transactions/b-r2')).body.filing).toBeNull();

    expect((await s.call('GET', '/v1/returns/US-TX/2025-Q3')).body).toEqual(filed.body);
    const month = refunded.body.date.slice(0, 7);
    const open = (await s.call('GET', `/v1/returns/US-TX/${month}`)).body;
    expect(open).toMatchObject({ status: 'open', grossSales: 0, refunds: { gross: -15000, transactions: 2, tax: refunded.body.tax + voided.body.tax }, filedAt: null });
  });
});

describe('an import into a filed period', () => {
  it('leaves out the transactions dated in it, reporting each', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01', filingFrequency: 'monthly' });
    await s.call('POST', '/v1/returns/US-TX/2025-08/file', { filedAt: '2025-09-20' });
    const csv = [
      'transaction_id,type,date,currency,region,postal_code,country,line_id,product_id,amount,tax_collected',
      'old,sale,2025-08-20,USD,TX,78701,US,1,saas.b2b,100.00,0',
      'new,sale,2025-09-02,USD,TX,78701,US,1,saas.b2b,100.00,0',
    ].join('\n');
    const v = await s.call('POST', '/v1/imports?kind=transactions', csv, { 'content-type': 'text/csv' });
    expect(v.body.status).toBe('validated');
    await s.call('POST', `/v1/imports/${v.body.id}/commit`);
    await api.app.levy.imports.settle();
    const done = (await s.call('GET', `/v1/imports/${v.body.id}`)).body;
    expect(done).toMatchObject({ status: 'committed', progress: { written: 1, failed: 1 } });
    expect(done.errors.first).toEqual([expect.objectContaining({ row: 2, column: 'date', code: 'period_filed', phase: 'commit' })]);
    expect((await s.call('GET', '/v1/returns/US-TX/2025-08')).body.grossSales).toBe(0);
  });
});
