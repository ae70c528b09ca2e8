/**
 * Nexus, presences, imports and alerts as a seller meets them through the
 * API (app.inject, on PGlite, or on PostgreSQL when DATABASE_URL is set).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../../src/alerts/webhook.js';
import { expectAggregatesMatchLedger } from '../helpers/ledger.js';
import { startSmtp, type SmtpCatcher } from '../helpers/smtp.js';
import { testApi, type Client, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => {
  await api.close();
});

const SIOUX_FALLS = { city: 'Sioux Falls', region: 'SD', postalCode: '57104', country: 'US' };
const sale = (id: string, date: string, amount: number, address: Record<string, string> = SIOUX_FALLS) => ({
  id,
  date,
  currency: 'USD',
  commit: true,
  customer: { address },
  lines: [{ id: '1', productId: 'saas.b2b', amount }],
});

async function nexusOf(s: Client, id: string, asOf: string) {
  const r = await s.call('GET', `/v1/nexus?asOf=${asOf}`);
  expect(r.status).toBe(200);
  return r.body.data.find((e: { jurisdictionId: string }) => e.jurisdictionId === id);
}

describe('the nexus answer from the ledger', () => {
  it('crosses South Dakota\'s $100,000 on the sale that exceeds it, and a refund pulls it back under', async () => {
    const s = await api.seller();
    const first = await s.call('POST', '/v1/transactions', sale('sd1', '2026-02-10', 6_000_000));
    const second = await s.call('POST', '/v1/transactions', sale('sd2', '2026-05-20', 4_500_000));
    expect(second.body.notCollected.length).toBeGreaterThan(0);
    const notCollected = (r: { body: { notCollected: Array<{ tax: number }> } }) => r.body.notCollected.reduce((a, n) => a + n.tax, 0);

    const crossed = await nexusOf(s, 'US-SD', '2026-06-01');
    expect(crossed).toMatchObject({ status: 'economic', registered: false, economicSince: '2026-05-20', current: { periodStart: '2026-01-01', periodEnd: '2026-06-01', sales: 10_500_000, transactions: 2 } });
    expect(crossed.threshold).toMatchObject({ sales: 10_000_000, over: true, counts: 'gross' });
    const since = crossed.collectionRequiredFrom as string;
    expect(crossed.exposure.since).toBe(since);
    expect(crossed.exposure.estimatedTax).toBe((since <= '2026-02-10' ? notCollected(first) : 0) + (since <= '2026-05-20' ? notCollected(second) : 0));
    expect((await nexusOf(s, 'US-SD', '2026-05-19')).status).toBe('none');

    expect((await s.call('POST', '/v1/transactions/sd2/refunds', { id: 'sd2-r', date: '2026-06-10', lines: [{ id: '1', amount: 1_000_000 }] })).status).toBe(200);
    const after = await nexusOf(s, 'US-SD', '2026-06-15');
    expect(after).toMatchObject({ status: 'approaching', economicSince: null, ratio: '0.9500', current: { sales: 9_500_000, transactions: 2 } });
    expect(after.exposure.until).toBe('2026-06-09');
    await expectAggregatesMatchLedger(api.store.db, s.id);

    const detail = await s.call('GET', '/v1/nexus/US-SD?asOf=2026-06-15');
    expect(detail.status).toBe(200);
    const month = (m: string) => detail.body.months.find((x: { month: string }) => x.month === m);
    expect(month('2026-02')).toMatchObject({ sales: { gross: 6_000_000, retail: 6_000_000 }, transactions: 1 });
    expect(month('2026-06')).toMatchObject({ sales: { gross: -1_000_000 }, transactions: 0 });
    expect((await s.call('GET', '/v1/nexus/US-XX')).status).toBe(400);
  });

  it('counts only committed sales: uncommitted ones wait, voided ones come back out', async () => {
    const s = await api.seller();
    await s.call('POST', '/v1/transactions', { ...sale('u1', '2026-03-01', 9_000_000), commit: false });
    expect((await nexusOf(s, 'US-SD', '2026-04-01')).current.sales).toBe(0);
    await s.call('POST', '/v1/transactions/u1/commit');
    expect((await nexusOf(s, 'US-SD', '2026-04-01')).current.sales).toBe(9_000_000);
    await s.call('POST', '/v1/transactions/u1/void');
    expect((await nexusOf(s, 'US-SD', '2026-04-01')).current).toMatchObject({ sales: 0, transactions: 0 });
    await expectAggregatesMatchLedger(api.store.db, s.id);
  });

  it('counts a marketplace sale toward a threshold where the state counts it, never toward exposure', async () => {
    const s = await api.seller();
    const r = await s.call('POST', '/v1/transactions', { ...sale('mp', '2026-03-01', 60_000_000, { city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' }), marketplace: true });
    expect(r.body).toMatchObject({ marketplace: true, source: 'api', taxCollected: null });
    const tx = await nexusOf(s, 'US-TX', '2026-05-01');
    expect(tx).toMatchObject({ status: 'economic', economicSince: '2026-03-01', current: { sales: 60_000_000, transactions: 1 } });
    expect(tx.exposure).toMatchObject({ estimatedTax: 0, taxableSales: 0, transactions: 0 });
  });

  it('answers every state, registered first, and states without a sales tax as such', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2024-01-01' });
    const r = await s.call('GET', '/v1/nexus?asOf=2026-06-01');
    expect(r.body).toMatchObject({ asOf: '2026-06-01', lookbackYears: 3, backfillCompletedAt: null });
    expect(r.body.data).toHaveLength(51);
    const status = (id: string) => r.body.data.find((e: { jurisdictionId: string }) => e.jurisdictionId === id).status;
    expect([status('US-TX'), status('US-OR'), status('US-CA')]).toEqual(['registered', 'no_sales_tax', 'none']);
    expect((await s.call('PATCH', '/v1/settings', { nexusLookbackYears: 6 })).status).toBe(400);
    expect((await s.call('PATCH', '/v1/settings', { nexusLookbackYears: 5 })).body.nexusLookbackYears).toBe(5);
    expect((await s.call('GET', '/v1/nexus?asOf=2026-02-30')).status).toBe(400);
  });
});

describe('physical presence', () => {
  it('records offices and employees, and raises one alert for a new state', async () => {
    const s = await api.seller();
    expect((await s.call('PUT', '/v1/physical-nexus/US-WA', { effectiveDate: '2024-03-01', notes: 'Seattle office' })).body).toMatchObject({ jurisdictionId: 'US-WA', effectiveDate: '2024-03-01' });
    expect((await s.call('GET', '/v1/physical-nexus/US-WA')).body.notes).toBe('Seattle office');
    expect((await s.call('PUT', '/v1/physical-nexus/US-XX', { effectiveDate: '2024-03-01' })).body.error).toMatchObject({ code: 'jurisdiction_unknown', param: 'jurisdictionId' });

    expect((await s.call('PUT', '/v1/employees/e1', { name: 'Ana', region: 'CO', country: 'US', startDate: '2025-01-06' })).status).toBe(200);
    expect((await s.call('PUT', '/v1/employees/e2', { region: 'CO', country: 'US', startDate: '2025-02-01', endDate: '2025-01-01' })).body.error).toMatchObject({ code: 'parameter_invalid', param: 'endDate' });
    expect((await s.call('PUT', '/v1/employees/e3', { region: 'ZZ', country: 'US', startDate: '2025-02-01' })).body.error).toMatchObject({ code: 'jurisdiction_unknown', param: 'region' });

    const r = await s.call('GET', '/v1/nexus?asOf=2026-01-01');
    const entry = (id: string) => r.body.data.find((e: { jurisdictionId: string }) => e.jurisdictionId === id);
    expect(entry('US-CO')).toMatchObject({ status: 'physical', physicalSince: '2025-01-06' });
    expect(entry('US-WA')).toMatchObject({ status: 'physical', physicalSince: '2024-03-01' });

    await api.app.levy.alerts.settle();
    await s.call('PUT', '/v1/employees/e1', { name: 'Ana B.', region: 'CO', country: 'US', startDate: '2025-01-06' });
    await api.app.levy.alerts.settle();
    await api.app.levy.alerts.raise(s.id);
    const alerts = (await s.call('GET', '/v1/alerts')).body.data;
    expect(alerts.filter((a: { kind: string }) => a.kind === 'physical_presence').map((a: { jurisdictionId: string }) => a.jurisdictionId).sort()).toEqual(['US-CO', 'US-WA']);
    expect(alerts[0].delivery).toMatchObject({ email: 'skipped', webhook: 'skipped' });

    expect((await s.call('DELETE', '/v1/physical-nexus/US-WA')).body).toEqual({ id: 'US-WA', deleted: true });
    expect((await s.call('GET', '/v1/physical-nexus/US-WA')).status).toBe(404);
  });
});

const HEADER = 'transaction_id,type,original_transaction_id,date,currency,customer_id,customer_name,customer_type,address_line1,city,region,postal_code,country,line_id,product_id,amount,quantity,tax_collected,marketplace';
const GOOD = [
  HEADER,
  'inv_1,sale,,2026-03-02,USD,c1,Acme,business,,Sioux Falls,SD,57104,US,1,plan-x,1000.00,1,0.00,false',
  'inv_1,sale,,2026-03-02,USD,c1,Acme,business,,Sioux Falls,SD,57104,US,2,setup,250.50,1,0.00,false',
  'inv_2,sale,,2026-03-05,USD,,,individual,,Austin,TX,78701,US,1,plan-x,99.99,1,6.60,false',
  'mp_1,sale,,2026-03-07,USD,,,individual,,Austin,TX,78701,US,1,plan-x,50.00,1,4.13,true',
  'cn_1,refund,inv_1,2026-03-20,USD,c1,Acme,business,,Sioux Falls,SD,57104,US,1,plan-x,100.00,1,0.00,false',
].join('\n');

async function upload(s: Client, csv: string, kind = 'transactions') {
  return s.call('POST', `/v1/imports?kind=${kind}`, csv, { 'content-type': 'text/csv' });
}

describe('historical backfill', () => {
  it('serves the template', async () => {
    const r = await api.app.inject({ method: 'GET', url: '/v1/imports/template.csv' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.body.split(/\r?\n/)[0]).toBe(HEADER);
  });

  it('reports every bad row with its row, column and code, and imports nothing', async () => {
    const s = await api.seller();
    const bad = [HEADER, 'a,sale,,2026-13-01,USD,,,,,,SD,57104,US,1,p,"1,000.00",1,0,false', 'b,refund,nope,2026-03-01,USD,,,,,,SD,57104,US,1,p,10.00,1,0,false'].join('\n');
    const r = await upload(s, bad);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'invalid', rows: { total: 2, invalid: 2 } });
    expect(r.body.errors.first).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: 'date', code: 'date_invalid' }),
        expect.objectContaining({ row: 2, column: 'amount', code: 'amount_invalid' }),
        expect.objectContaining({ row: 3, column: 'original_transaction_id', code: 'original_unknown' }),
      ]),
    );
    expect((await s.call('POST', `/v1/imports/${r.body.id}/commit`)).body.error.code).toBe('import_not_valid');
    expect((await s.call('GET', '/v1/transactions')).body.data).toEqual([]);
    expect((await s.call('POST', '/v1/imports?kind=transactions', { not: 'csv' })).body.error.code).toBe('unsupported_media_type');
  });

  it('validates, asks for new products, commits, keeps the tax collected beside Levy\'s, and re-imports nothing twice', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/products/pro', { taxCategory: 'saas.b2b' });
    const v = await upload(s, GOOD);
    expect(v.body).toMatchObject({ status: 'validated', errors: { count: 0 }, items: { total: 4, existing: 0 } });
    expect(v.body.message).toMatch(/^All looks good/);
    expect(v.body.newProducts).toEqual([
      { productId: 'plan-x', rows: 4, assignedTo: null },
      { productId: 'setup', rows: 1, assignedTo: null },
    ]);
    const id = v.body.id;
    expect((await s.call('POST', `/v1/imports/${id}/commit`)).body.error.code).toBe('import_products_unassigned');
    expect((await s.call('PUT', `/v1/imports/${id}/products/plan-x`, { productId: 'nope' })).body.error).toMatchObject({ code: 'product_unknown', param: 'body.productId' });
    expect((await s.call('PUT', `/v1/imports/${id}/products/plan-x`, { productId: 'pro' })).body.newProducts[0].assignedTo).toEqual({ productId: 'pro' });
    expect((await s.call('POST', `/v1/imports/${id}/products`, { rest: { taxCategory: 'services.professional' } })).body.newProducts[1].assignedTo).toEqual({ taxCategory: 'services.professional' });

    const c = await s.call('POST', `/v1/imports/${id}/commit`);
    expect(c.status).toBe(202);
    await api.app.levy.imports.settle();
    const done = (await s.call('GET', `/v1/imports/${id}`)).body;
    expect(done).toMatchObject({ status: 'committed', progress: { done: 4, total: 4, written: 4, failed: 0 } });

    const inv2 = (await s.call('GET', '/v1/transactions/inv_2')).body;
    expect(inv2).toMatchObject({ source: 'import', status: 'committed', taxCollected: 660, tax: 0, subtotal: 9999 });
    expect(inv2.notCollected.length).toBeGreaterThan(0);
    expect((await s.call('GET', '/v1/transactions/cn_1')).body).toMatchObject({ type: 'refund', originalId: 'inv_1', subtotal: -10000 });
    expect((await s.call('GET', '/v1/transactions/mp_1')).body).toMatchObject({ marketplace: true });
    // The assignments joined the catalog: plan-x is an external id of pro, setup a product of its own.
    expect((await s.call('GET', '/v1/products/pro')).body.externalIds).toEqual(['plan-x']);
    expect((await s.call('GET', '/v1/products/setup')).body.taxCategory).toBe('services.professional');

    const tx = await nexusOf(s, 'US-TX', '2026-04-01');
    expect(tx.current).toMatchObject({ sales: 14_999, transactions: 2 });
    expect(tx.threshold.marketplace).toBe(true);
    await expectAggregatesMatchLedger(api.store.db, s.id);

    const again = await upload(s, GOOD);
    expect(again.body).toMatchObject({ status: 'validated', items: { total: 4, existing: 4 }, newProducts: [] });
    await s.call('POST', `/v1/imports/${again.body.id}/commit`);
    await api.app.levy.imports.settle();
    expect((await s.call('GET', `/v1/imports/${again.body.id}`)).body.progress).toMatchObject({ done: 4, written: 0 });
    expect((await s.call('GET', '/v1/transactions?limit=50')).body.data).toHaveLength(4);
    await expectAggregatesMatchLedger(api.store.db, s.id);

    const completed = await s.call('POST', `/v1/imports/${id}/complete`);
    expect(completed.body.status).toBe('completed');
    expect((await s.call('GET', '/v1/settings')).body.backfillCompletedAt).toBe(completed.body.progress.completedAt);
    expect((await s.call('GET', '/v1/nexus?asOf=2026-04-01')).body.backfillCompletedAt).toBe(completed.body.progress.completedAt);
  });

  it('imports employees', async () => {
    const s = await api.seller();
    const csv = 'employee_id,name,region,country,start_date,end_date\nemp1,Ana,NC,US,2024-05-01,\nemp2,Bo,BC,CA,2023-01-01,2024-01-01\n';
    const v = await upload(s, csv, 'employees');
    expect(v.body).toMatchObject({ status: 'validated', items: { total: 2 } });
    await s.call('POST', `/v1/imports/${v.body.id}/commit`);
    await api.app.levy.imports.settle();
    expect((await s.call('GET', '/v1/employees')).body.data.map((e: { id: string }) => e.id)).toEqual(['emp1', 'emp2']);
    expect((await nexusOf(s, 'US-NC', '2025-01-01')).status).toBe('physical');
  });
});

describe('alert delivery', () => {
  let smtp: SmtpCatcher;
  let hook: Server;
  const posts: Array<{ body: string; signature: string }> = [];
  beforeAll(async () => {
    smtp = await startSmtp();
    hook = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (c: Buffer) => (body += c.toString()));
      request.on('end', () => {
        posts.push({ body, signature: String(request.headers['levy-signature']) });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await smtp.close();
    await new Promise<void>((resolve) => hook.close(() => resolve()));
  });

  it('emails and posts a signed webhook once when a threshold is crossed', async () => {
    const s = await api.seller();
    const smtpPort = smtp.port;
    const hookPort = (hook.address() as AddressInfo).port;
    const set = await s.call('PUT', '/v1/alert-channels', {
      email: { to: ['finance@example.com'], from: 'levy@example.com', smtp: { host: '127.0.0.1', port: smtpPort, secure: false } },
      webhook: { url: `http://127.0.0.1:${hookPort}/levy` },
    });
    expect(set.status).toBe(200);
    const secret = set.body.webhook.secret as string;
    expect(secret).toMatch(/^whsec_/);
    expect((await s.call('GET', '/v1/alert-channels')).body.webhook).toEqual({ url: `http://127.0.0.1:${hookPort}/levy` });

    const today = new Date().toISOString().slice(0, 10);
    const year = today.slice(0, 4);
    await s.call('POST', '/v1/transactions', sale('big1', `${year}-01-02`, 10_100_000));
    await api.app.levy.alerts.settle();
    await s.call('POST', '/v1/transactions', sale('big2', `${year}-01-03`, 500_000));
    await api.app.levy.alerts.settle();

    const crossed = (await s.call('GET', '/v1/alerts')).body.data.filter((a: { kind: string; jurisdictionId: string }) => a.kind === 'threshold_crossed' && a.jurisdictionId === 'US-SD');
    expect(crossed).toHaveLength(1);
    expect(crossed[0].delivery).toMatchObject({ email: 'sent', webhook: 'sent', attempts: 1 });
    const mine = smtp.received.map((m) => m.raw).filter((m) => m.includes(crossed[0].id) || m.includes('South Dakota'));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain('finance@example.com');
    const post = posts.filter((p) => p.body.includes(crossed[0].id));
    expect(post).toHaveLength(1);
    expect(verifySignature(secret, post[0]!.body, post[0]!.signature)).toBe(true);
    expect(JSON.parse(post[0]!.body)).toMatchObject({ type: 'alert.threshold_crossed', data: { jurisdictionId: 'US-SD' } });
  });
});
