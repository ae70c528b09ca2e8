/**
 * Transactions that need attention, as a seller meets them through the API:
 * an import's transactions the ledger refuses are held whole with their
 * error, reposted once the cause is fixed (or with a corrected request), and
 * never recorded twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { commitImport } from '../../src/imports/commit.js';
import { loadEngine } from '../../src/index.js';
import { holdForAttention } from '../../src/store/attention.repository.js';
import { imports } from '../../src/store/schema.js';
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

const HEADER = 'transaction_id,type,original_transaction_id,date,currency,customer_id,region,postal_code,country,line_id,product_id,amount,quantity,tax_collected,marketplace';

async function importAndCommit(s: Client, rows: string[], query = ''): Promise<string> {
  const v = await s.call('POST', '/v1/imports?kind=transactions', [HEADER, ...rows].join('\n'), { 'content-type': 'text/csv' });
  expect(v.body.status).toBe('validated');
  expect((await s.call('POST', `/v1/imports/${v.body.id}/commit${query}`)).status).toBe(202);
  await api.app.levy.imports.settle();
  return v.body.id as string;
}

async function attention(s: Client, query = ''): Promise<Array<Record<string, any>>> {
  const r = await s.call('GET', `/v1/attention${query}`);
  expect(r.status).toBe(200);
  return r.body.data;
}

describe('an imported sale dated in a filed period, and its refund', () => {
  it('are held whole with their errors, and reposted once: with a corrected date, then the refund', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01', filingFrequency: 'monthly' });
    await s.call('POST', '/v1/returns/US-TX/2025-08/file', { filedAt: '2025-09-20' });
    const importId = await importAndCommit(s, [
      'old,sale,,2025-08-20,USD,cus_1,TX,78701,US,1,saas.b2b,100.00,2,8.25,false',
      'old,sale,,2025-08-20,USD,cus_1,TX,78701,US,2,saas.b2b,50.00,,0,false',
      'old-r,refund,old,2025-09-05,USD,cus_1,TX,78701,US,1,saas.b2b,40.00,,0,false',
      'new,sale,,2025-09-02,USD,cus_1,TX,78701,US,1,saas.b2b,100.00,,0,false',
    ]);

    // The import's own report is as before; the transactions it could not take are kept.
    const report = (await s.call('GET', `/v1/imports/${importId}`)).body;
    expect(report).toMatchObject({ status: 'committed', progress: { written: 1, failed: 2 } });
    expect(report.message).toContain('GET /v1/attention');
    expect((await s.call('GET', `/v1/imports/${importId}/errors`)).body.data).toEqual([
      expect.objectContaining({ row: 2, column: 'date', code: 'period_filed', phase: 'commit' }),
      expect.objectContaining({ row: 4, column: 'original_transaction_id', code: 'resource_not_found', phase: 'commit' }),
    ]);
    const [refundItem, saleItem] = await attention(s);
    expect(saleItem).toMatchObject({ source: 'import', sourceId: importId, reference: 'old', type: 'sale', code: 'period_filed', field: 'date', status: 'open', attempts: 1, resolvedAt: null, transactionId: null });
    expect(saleItem!.request).toEqual({
      id: 'old',
      date: '2025-08-20',
      currency: 'USD',
      customer: { id: 'cus_1', type: 'business', address: { region: 'TX', postalCode: '78701', country: 'US' } },
      lines: [
        { id: '1', productId: 'saas.b2b', amount: 10000, quantity: '2' },
        { id: '2', productId: 'saas.b2b', amount: 5000 },
      ],
      commit: true,
    });
    expect(refundItem).toMatchObject({ reference: 'old-r', type: 'refund', code: 'resource_not_found', field: 'originalId', status: 'open' });
    expect(refundItem!.request).toEqual({ originalId: 'old', id: 'old-r', date: '2025-09-05', lines: [{ id: '1', amount: 4000 }] });
    expect((await s.call('GET', `/v1/attention/${saleItem!.id}`)).body).toEqual(saleItem);

    // Nothing fixed yet: the API's own error, and the item counts the attempt.
    const refused = await s.call('POST', `/v1/attention/${saleItem!.id}/repost`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'period_filed', param: 'date' });
    expect((await s.call('GET', `/v1/attention/${saleItem!.id}`)).body).toMatchObject({ status: 'open', attempts: 2, code: 'period_filed' });
    const early = await s.call('POST', `/v1/attention/${refundItem!.id}/repost`);
    expect(early.status).toBe(404);
    expect((await s.call('GET', `/v1/attention/${refundItem!.id}`)).body).toMatchObject({ status: 'open', attempts: 2, code: 'resource_not_found' });

    // Dated in the open period, the sale goes in under its own id.
    const corrected = { ...saleItem!.request, date: '2025-09-03' };
    const posted = await s.call('POST', `/v1/attention/${saleItem!.id}/repost`, { request: corrected });
    expect(posted.status).toBe(200);
    // Still an imported sale, with the tax the file says was collected.
    expect(posted.body).toMatchObject({ id: 'old', type: 'sale', status: 'committed', version: 1, date: '2025-09-03', subtotal: 15000, source: 'import', taxCollected: 825 });
    expect((await s.call('GET', `/v1/attention/${saleItem!.id}`)).body).toMatchObject({ status: 'reposted', transactionId: 'old', attempts: 2, request: corrected, resolvedAt: expect.any(String) });

    // Again: the same transaction, nothing written twice.
    const again = await s.call('POST', `/v1/attention/${saleItem!.id}/repost`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(posted.body);
    expect((await s.call('GET', '/v1/transactions/old')).body.versions).toHaveLength(1);

    // The refund follows its sale; a retry with the same Idempotency-Key answers the first answer.
    const key = { 'idempotency-key': `repost-${refundItem!.id}` };
    const refunded = await s.call('POST', `/v1/attention/${refundItem!.id}/repost`, {}, key);
    expect(refunded.status).toBe(200);
    expect(refunded.body).toMatchObject({ id: 'old-r', type: 'refund', originalId: 'old', subtotal: -4000, date: '2025-09-05' });
    expect((await s.call('POST', `/v1/attention/${refundItem!.id}/repost`, {}, key)).body).toEqual(refunded.body);
    expect((await s.call('GET', '/v1/transactions/old')).body.refunds.map((r: { id: string }) => r.id)).toEqual(['old-r']);
    expect((await s.call('GET', '/v1/transactions?limit=50')).body.data.map((t: { id: string }) => t.id).sort()).toEqual(['new', 'old', 'old-r']);
    expect((await s.call('GET', '/v1/returns/US-TX/2025-08')).body.grossSales).toBe(0);
    await expectAggregatesMatchLedger(api.store.db, s.id);

    expect(await attention(s)).toEqual([]);
    expect((await s.call('POST', '/v1/attention/repost', {})).body).toEqual({ reposted: 0, failed: 0, failures: [] });
    const dismiss = await s.call('POST', `/v1/attention/${saleItem!.id}/dismiss`, { reason: 'changed my mind' });
    expect(dismiss.status).toBe(409);
    expect(dismiss.body.error.code).toBe('attention_reposted');
  });
});

describe('a commit stopped between batches', () => {
  it('keeps exactly the transactions of the batches it wrote, and its resumption holds the rest once', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01', filingFrequency: 'monthly' });
    await s.call('POST', '/v1/returns/US-TX/2025-08/file', { filedAt: '2025-09-20' });
    const csv = [HEADER, 'a,sale,,2025-08-20,USD,,TX,78701,US,1,saas.b2b,10.00,,0,false', 'b,sale,,2025-08-21,USD,,TX,78701,US,1,saas.b2b,20.00,,0,false'].join('\n');
    const v = await s.call('POST', '/v1/imports?kind=transactions', csv, { 'content-type': 'text/csv' });
    const engine = await loadEngine();
    const db = api.store.db;
    // Another process takes the claim after the first batch: the second batch rolls back whole, holds included.
    const stolen = commitImport(db, engine, s.id, v.body.id, {
      owner: 'first',
      batchSize: 1,
      onProgress: async (p) => {
        if (p.done === 1) await db.update(imports).set({ leaseOwner: 'second' }).where(and(eq(imports.sellerId, s.id), eq(imports.id, v.body.id)));
      },
    });
    await expect(stolen).rejects.toMatchObject({ code: 'import_busy' });
    expect((await attention(s)).map((i) => [i.reference, i.attempts])).toEqual([['a', 1]]);

    await commitImport(db, engine, s.id, v.body.id, { owner: 'second', batchSize: 1 });
    expect((await attention(s)).map((i) => [i.reference, i.attempts])).toEqual([
      ['b', 1],
      ['a', 1],
    ]);
    expect((await s.call('GET', `/v1/imports/${v.body.id}`)).body.progress).toMatchObject({ done: 2, failed: 2 });
  });
});

describe('an address strict validation refuses at commit', () => {
  it('is held, and reposted with a corrected address; bad corrections change nothing', async () => {
    const s = await api.seller();
    await s.call('PATCH', '/v1/settings', { addressValidation: 'lenient' });
    const v = await s.call('POST', '/v1/imports?kind=transactions', [HEADER, 'inv-7,sale,,2026-03-02,USD,,TX,,US,1,saas.b2b,250.00,,0,false'].join('\n'), { 'content-type': 'text/csv' });
    expect(v.body.status).toBe('validated');
    // The seller tightens validation before committing.
    await s.call('PATCH', '/v1/settings', { addressValidation: 'strict' });
    await s.call('POST', `/v1/imports/${v.body.id}/commit`);
    await api.app.levy.imports.settle();
    const [item] = await attention(s, '?source=import&code=address_incomplete');
    expect(item).toMatchObject({ reference: 'inv-7', code: 'address_incomplete', field: 'customer.address.postalCode', attempts: 1 });
    const url = `/v1/attention/${item!.id}/repost`;

    const badCountry = await s.call('POST', url, { request: { ...item!.request, customer: { address: { region: 'TX', country: 'USA' } } } });
    expect(badCountry.status).toBe(400);
    expect(badCountry.body.error).toMatchObject({ code: 'parameter_invalid', param: 'request.customer.address.country' });
    const otherId = await s.call('POST', url, { request: { ...item!.request, id: 'inv-8' } });
    expect(otherId.body.error).toMatchObject({ code: 'parameter_invalid', param: 'request.id' });
    expect((await s.call('POST', url, { nope: 1 })).body.error).toMatchObject({ code: 'parameter_unknown', param: 'nope' });
    expect((await s.call('GET', `/v1/attention/${item!.id}`)).body).toMatchObject({ attempts: 1, request: item!.request });

    const still = await s.call('POST', url);
    expect(still.status).toBe(400);
    expect(still.body.error).toMatchObject({ code: 'address_incomplete', param: 'customer.address.postalCode' });
    expect((await s.call('GET', `/v1/attention/${item!.id}`)).body).toMatchObject({ status: 'open', attempts: 2 });

    const fixed = { ...item!.request, customer: { type: 'business', address: { region: 'TX', postalCode: '78701', country: 'US' } } };
    const posted = await s.call('POST', url, { request: fixed });
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ id: 'inv-7', status: 'committed', address: { postalCode: '78701' } });
    expect((await s.call('GET', '/v1/transactions/inv-7')).body.address.postalCode).toBe('78701');
    expect((await s.call('GET', `/v1/attention/${item!.id}`)).body).toMatchObject({ status: 'reposted', transactionId: 'inv-7', request: fixed });
  });
});

describe('product ids the seller chose not to assign before committing', () => {
  let smtp: SmtpCatcher;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('hold their transactions until the product is mapped; one call reposts them all, and their sales raise alerts', async () => {
    const s = await api.seller();
    const port = smtp.port;
    await s.call('PUT', '/v1/alert-channels', { email: { to: ['tax@example.com'], from: 'levy@example.com', smtp: { host: '127.0.0.1', port, secure: false } } });
    // Two days back: dated on the seller's today or earlier, whatever its time zone.
    const day = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const v = await s.call(
      'POST',
      '/v1/imports?kind=transactions',
      [
        HEADER,
        `sd-1,sale,,${day},USD,,SD,57104,US,1,plan-x,60000.00,,0,false`,
        `sd-2,sale,,${day},USD,,SD,57104,US,1,plan-x,50000.00,,0,false`,
        `tx-1,sale,,${day},USD,,TX,78701,US,1,saas.b2b,10.00,,0,false`,
      ].join('\n'),
      { 'content-type': 'text/csv' },
    );
    expect(v.body.newProducts).toEqual([{ productId: 'plan-x', rows: 2, assignedTo: null }]);
    expect((await s.call('POST', `/v1/imports/${v.body.id}/commit`)).body.error.code).toBe('import_products_unassigned');
    expect((await s.call('POST', `/v1/imports/${v.body.id}/commit?unassignedProducts=maybe`)).body.error.param).toBe('unassignedProducts');
    expect((await s.call('POST', `/v1/imports/${v.body.id}/commit?unassignedProducts=hold`)).status).toBe(202);
    await api.app.levy.imports.settle();
    expect((await s.call('GET', `/v1/imports/${v.body.id}`)).body).toMatchObject({ status: 'committed', progress: { written: 1, failed: 2 } });
    const held = await attention(s, '?code=product_unknown');
    expect(held.map((i) => [i.reference, i.field])).toEqual([
      ['sd-2', 'lines.0.productId'],
      ['sd-1', 'lines.0.productId'],
    ]);

    // Retrying before the product is mapped fails again, and says so item by item.
    const early = await s.call('POST', '/v1/attention/repost', { code: 'product_unknown' });
    expect(early.body).toMatchObject({ reposted: 0, failed: 2 });
    expect(early.body.failures.map((f: { reference: string; code: string }) => `${f.reference} ${f.code}`).sort()).toEqual(['sd-1 product_unknown', 'sd-2 product_unknown']);
    expect((await attention(s)).map((i) => i.attempts)).toEqual([2, 2]);
    await api.app.levy.alerts.settle();
    expect((await s.call('GET', '/v1/alerts')).body.data.filter((a: { kind: string }) => a.kind === 'threshold_crossed')).toEqual([]);

    expect((await s.call('PUT', '/v1/products/pro', { taxCategory: 'saas.b2b', externalIds: ['plan-x'] })).status).toBe(200);
    const done = await s.call('POST', '/v1/attention/repost', { source: 'import', sourceId: v.body.id });
    expect(done.body).toEqual({ reposted: 2, failed: 0, failures: [] });
    expect((await s.call('POST', '/v1/attention/repost', { sourceId: v.body.id })).body).toEqual({ reposted: 0, failed: 0, failures: [] });
    expect((await s.call('GET', '/v1/transactions/sd-1')).body).toMatchObject({ status: 'committed', subtotal: 6_000_000 });
    await expectAggregatesMatchLedger(api.store.db, s.id);

    // Settled items page like every list.
    const first = await s.call('GET', `/v1/attention?status=reposted&sourceId=${v.body.id}&limit=1`);
    const second = await s.call('GET', `/v1/attention?status=reposted&sourceId=${v.body.id}&limit=1&cursor=${first.body.nextCursor}`);
    expect([...first.body.data, ...second.body.data].map((i: { reference: string }) => i.reference)).toEqual(['sd-2', 'sd-1']);
    expect(second.body.nextCursor).toBeNull();
    expect((await s.call('GET', '/v1/attention?cursor=nonsense')).body.error).toMatchObject({ code: 'parameter_invalid', param: 'cursor' });

    // The reposted sales cross South Dakota's threshold: the alert goes out as for any API write.
    await api.app.levy.alerts.settle();
    const crossed = (await s.call('GET', '/v1/alerts')).body.data.filter((a: { kind: string; jurisdictionId: string }) => a.kind === 'threshold_crossed' && a.jurisdictionId === 'US-SD');
    expect(crossed).toHaveLength(1);
    expect(crossed[0].delivery).toMatchObject({ email: 'sent' });
    expect(smtp.received.map((m) => m.raw).filter((m) => m.includes('tax@example.com') && m.includes('South Dakota'))).toHaveLength(1);
  });
});

describe('reposts of one item at once', () => {
  it('record its transaction once and answer it to each', async () => {
    const s = await api.seller();
    const request = { id: 'inv-race', date: '2026-04-01', currency: 'USD', commit: true, customer: { address: { postalCode: '78701', country: 'US' } }, lines: [{ id: '1', productId: 'saas.b2b', amount: 1000 }] };
    await holdForAttention(api.store.db, s.id, { source: 'connector', sourceId: 'stripe', reference: 'inv-race', request, error: { code: 'internal', message: 'the connector timed out' } });
    const [item] = await attention(s);
    const answers = await Promise.all(Array.from({ length: 6 }, () => s.call('POST', `/v1/attention/${item!.id}/repost`)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect((await s.call('GET', '/v1/transactions/inv-race')).body.versions).toHaveLength(1);
    expect((await s.call('GET', `/v1/attention/${item!.id}`)).body).toMatchObject({ status: 'reposted', attempts: 1 });
  });
});

describe('a connector\'s transaction', () => {
  it('is held inside the connector\'s own database transaction, once per reference, and can be dismissed', async () => {
    const s = await api.seller();
    const db = api.store.db;
    const request = { id: 'in_1', date: '2026-04-01', currency: 'USD', commit: true, customer: { address: { postalCode: '78701', country: 'US' } }, lines: [{ id: '1', productId: 'price_9', amount: 1000 }] };
    const hold = (code: string) => ({ source: 'connector' as const, sourceId: 'stripe', reference: 'in_1', request, error: { code, message: `${code} happened`, field: 'lines.0.productId' } });

    // Rolled back with the delivery that failed: nothing is held.
    await expect(
      db.transaction(async (tx) => {
        await holdForAttention(tx, s.id, hold('product_unknown'));
        throw new Error('the delivery failed after holding');
      }),
    ).rejects.toThrow('the delivery failed');
    expect(await attention(s)).toEqual([]);

    await db.transaction((tx) => holdForAttention(tx, s.id, hold('product_unknown')));
    await db.transaction((tx) => holdForAttention(tx, s.id, hold('default_product_missing')));
    const [item, ...rest] = await attention(s, '?source=connector');
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ source: 'connector', sourceId: 'stripe', reference: 'in_1', type: 'sale', attempts: 2, code: 'default_product_missing', request });

    const other = await api.seller();
    expect((await other.call('GET', `/v1/attention/${item!.id}`)).status).toBe(404);
    expect((await other.call('POST', `/v1/attention/${item!.id}/repost`)).status).toBe(404);

    expect((await s.call('POST', `/v1/attention/${item!.id}/dismiss`, { reason: '  ' })).body.error).toMatchObject({ code: 'parameter_invalid', param: 'reason' });
    const dismissed = await s.call('POST', `/v1/attention/${item!.id}/dismiss`, { reason: 'a test invoice, voided in Stripe' });
    expect(dismissed.body).toMatchObject({ status: 'dismissed', message: 'a test invoice, voided in Stripe', code: 'default_product_missing', resolvedAt: expect.any(String), transactionId: null });
    expect((await s.call('POST', `/v1/attention/${item!.id}/dismiss`, { reason: 'again' })).body).toEqual(dismissed.body);
    expect((await s.call('POST', `/v1/attention/${item!.id}/repost`)).body.error.code).toBe('attention_dismissed');
    expect(await attention(s)).toEqual([]);
    expect((await attention(s, '?status=dismissed')).map((i) => i.id)).toEqual([item!.id]);

    // A redelivery after the seller settled it leaves it settled.
    await db.transaction((tx) => holdForAttention(tx, s.id, hold('product_unknown')));
    expect((await s.call('GET', `/v1/attention/${item!.id}`)).body).toEqual(dismissed.body);
    expect((await s.call('GET', '/v1/transactions/in_1')).status).toBe(404);
  });
});
