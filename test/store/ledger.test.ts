/**
 * The ledger under concurrency and failure: on PGlite (one connection) and,
 * with DATABASE_URL, on PostgreSQL with a pool where requests really race.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../src/store/lock.js';
import { idempotent } from '../../src/store/idempotency.repository.js';
import { transactions, transactionVersions } from '../../src/store/schema.js';
import { testApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => {
  await api.close();
});

const body = (id: string, amount: number, extra: Record<string, unknown> = {}) => ({
  id,
  date: '2026-11-15',
  currency: 'USD',
  customer: { address: { postalCode: '78701', country: 'US' } },
  lines: [{ id: 'a', productId: 'goods.general', amount }],
  ...extra,
});

describe('concurrent writers', () => {
  it('many clients updating one transaction at once: versions 1..n, none lost', async () => {
    const s = await api.seller();
    const n = 25;
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => s.call('POST', '/v1/transactions', body('inv_race', 1000 + i))));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(answers.map((a) => a.body.version).sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const detail = (await s.call('GET', '/v1/transactions/inv_race')).body;
    expect(detail.version).toBe(n);
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    // the latest version is the one whose request got version n
    const last = answers.find((a) => a.body.version === n)!;
    expect(detail.subtotal).toBe(last.body.subtotal);
  });

  it('refunds racing for one sale never take more than it charged', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01' });
    const sale = (await s.call('POST', '/v1/transactions', body('inv_r', 10000, { commit: true }))).body;
    const tries = await Promise.all(
      Array.from({ length: 10 }, (_, i) => s.call('POST', '/v1/transactions/inv_r/refunds', { id: `cn_${i}`, date: '2026-11-20', lines: [{ id: 'a', amount: 2000 }] })),
    );
    const ok = tries.filter((t) => t.status === 200);
    expect(ok).toHaveLength(5);
    expect(tries.filter((t) => t.status !== 200).every((t) => t.body.error.code === 'refund_exceeds_original')).toBe(true);
    expect(ok.reduce((a, t) => a + t.body.tax, 0) + sale.tax).toBe(0);
  });

  it('the same Idempotency-Key sent by many clients at once: one write, one answer', async () => {
    const s = await api.seller();
    const answers = await Promise.all(Array.from({ length: 10 }, () => s.call('POST', '/v1/transactions', body('inv_k', 500), { 'idempotency-key': 'same' })));
    expect(new Set(answers.map((a) => JSON.stringify([a.status, a.body]))).size).toBe(1);
    expect((await s.call('GET', '/v1/transactions/inv_k')).body.version).toBe(1);
  });
});

describe('failure', () => {
  it('a write that fails part way leaves nothing behind', async () => {
    const s = await api.seller();
    await expect(
      idempotent(api.store.db, { sellerId: s.id, key: 'k', method: 'POST', path: '/x', body: {} }, async (tx) => {
        await tx.insert(transactions).values({ sellerId: s.id, id: 'half', type: 'sale', status: 'committed', version: 1, date: '2026-11-15', currency: 'USD', subtotal: 1, tax: 0, total: 1 });
        throw new Error('the disk is full');
      }),
    ).rejects.toThrow('the disk is full');
    const [rows] = await api.store.db.select({ n: count() }).from(transactions).where(and(eq(transactions.sellerId, s.id)));
    expect(rows!.n).toBe(0);
    const [versions] = await api.store.db.select({ n: count() }).from(transactionVersions).where(eq(transactionVersions.sellerId, s.id));
    expect(versions!.n).toBe(0);
    // and the key was not spent
    expect((await s.call('POST', '/v1/transactions', body('whole', 100), { 'idempotency-key': 'k' })).status).toBe(200);
  });
});

describe('the embedded database\'s data directory', () => {
  it('is held by one opener at a time', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'levy-lock-'));
    const lock = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await lock.release();
    const again = await lockDataDir(dir);
    await again.release();
  });
});
