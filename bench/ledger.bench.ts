/**
 * Committed transactions per second through the service (authentication,
 * calculation, the ledger write in one database transaction), with 10
 * requests in flight: on the embedded PGlite database and on the PostgreSQL
 * server (DATABASE_URL, or the local one when it answers), in one run.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/api/app.js';
import { loadEngine, type Engine } from '../src/index.js';
import { putRegistration } from '../src/store/config.repository.js';
import { openStore, type OpenStoreOptions } from '../src/store/open.js';
import { createApiKey } from '../src/store/sellers.repository.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const IN_FLIGHT = 10;
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';

async function committedPerSecond(engine: Engine, options: OpenStoreOptions): Promise<number> {
  const store = await openStore(options);
  const seller = `bench_${randomUUID().slice(0, 8)}`;
  const { key } = await createApiKey(store.db, seller);
  await putRegistration(store.db, seller, 'US-TX', { effectiveDate: '2020-01-01' });
  const app = await buildApp({ store, engine });
  let n = 0;
  const post = () =>
    app.inject({
      method: 'POST',
      url: '/v1/transactions',
      headers: { authorization: `Bearer ${key}` },
      payload: {
        id: `inv_${n++}`,
        commit: true,
        date: '2026-11-15',
        currency: 'USD',
        customer: { address: { postalCode: '78701', country: 'US' } },
        lines: [{ id: '1', productId: 'saas.b2b', amount: 10000 }, { id: '2', productId: 'goods.general', amount: 2599 }],
      },
    });
  const run = async (seconds: number) => {
    const end = Date.now() + seconds * 1000;
    let done = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (Date.now() < end) {
          const r = await post();
          if (r.statusCode !== 200) throw new Error(`transaction refused: ${r.body}`);
          done++;
        }
      }),
    );
    return done / seconds;
  };
  await run(1); // warm-up
  const rate = await run(SECONDS);
  await app.close();
  await store.close();
  return rate;
}

async function reachable(url: string): Promise<boolean> {
  try {
    const store = await openStore({ databaseUrl: url, migrate: false });
    try {
      await store.db.execute(sql`select 1`);
      return true;
    } finally {
      await store.close();
    }
  } catch {
    return false;
  }
}

export async function benchLedger(): Promise<string> {
  const engine = await loadEngine();
  const pglite = await committedPerSecond(engine, { memory: true });
  const url = process.env.DATABASE_URL || LOCAL_POSTGRES;
  const postgres = (await reachable(url)) ? await committedPerSecond(engine, { databaseUrl: url }) : undefined;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(8);
  return [
    `ledger: committed transactions through POST /v1/transactions, ${IN_FLIGHT} in flight, ${SECONDS} s each`,
    `  pglite     ${fmt(pglite)} transactions/s (embedded, one connection)`,
    postgres === undefined ? `  postgres   not measured: no server at ${url}` : `  postgres   ${fmt(postgres)} transactions/s (pool of 10)`,
    ...(postgres === undefined ? [] : [`  ratio      ${(postgres / pglite).toFixed(2)} (postgres / pglite)`]),
  ].join('\n');
}
