/**
 * The historical backfill and the nexus answer over it. A CSV in the
 * transactions template is written to a temporary file (LEVY_BENCH_ROWS
 * rows, 1,000,000 by default: 1 to 3 lines per transaction, 3 years of
 * dates, 40 US states, ~2% refunds of earlier sales, ~3% marketplace rows),
 * then imported the real way into each store (PGlite in a temporary data
 * directory; PostgreSQL too when DATABASE_URL is set, under a fresh seller):
 * validateImport streaming the file, the new products assigned to a tax
 * category, commitImport. Memory is sampled every 100 ms, so the peak shows
 * whether it grows with the file.
 *
 * Baselines measured in the same run: csv-parse alone reading the same file
 * (the ceiling for anything that reads it), and, for the nexus answer, the
 * naive SQL a nexus answer would otherwise need (sums and counts over the raw
 * transactions table by state and year).
 *
 * LEVY_BENCH_STORES=pglite or =postgres measures one store only; the
 * PostgreSQL seller's rows are deleted at the end unless LEVY_BENCH_KEEP=1
 * (on a server without autovacuum they stay as dead rows until a VACUUM).
 */
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { sql } from 'drizzle-orm';
import { commitImport } from '../src/imports/commit.js';
import { transactionTemplateCsv } from '../src/imports/transactions-csv.js';
import { validateImport } from '../src/imports/validate.js';
import { loadEngine, type Engine } from '../src/index.js';
import { nexusReport } from '../src/nexus/report.js';
import { assignNewProduct, listErrors, listNewProducts } from '../src/store/imports.repository.js';
import { openStore, type OpenStoreOptions } from '../src/store/open.js';
import { ensureSeller } from '../src/store/sellers.repository.js';

const ROWS = Number(process.env.LEVY_BENCH_ROWS ?? 1_000_000);
const NEXUS_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const KEEP = process.env.LEVY_BENCH_KEEP === '1';
/** `pglite,postgres` by default; postgres is measured only when DATABASE_URL is set. */
const STORES = (process.env.LEVY_BENCH_STORES ?? 'pglite,postgres').split(',').map((s) => s.trim());

/** One real ZIP per state (a capital or large city), each checked to resolve before the file is written. */
const PLACES: ReadonlyArray<readonly [region: string, zip: string]> = [
  ['CA', '90012'], ['TX', '78701'], ['NY', '10001'], ['WA', '98101'], ['IL', '60601'], ['PA', '19103'], ['FL', '32202'], ['GA', '30303'],
  ['CO', '80202'], ['AZ', '85004'], ['MA', '02108'], ['NC', '28202'], ['OH', '43215'], ['TN', '37203'], ['NV', '89101'], ['OR', '97201'],
  ['MI', '48226'], ['MN', '55401'], ['NJ', '07102'], ['VA', '23219'], ['MD', '21202'], ['UT', '84101'], ['IN', '46204'], ['MO', '63101'],
  ['WI', '53202'], ['CT', '06103'], ['OK', '73102'], ['LA', '70112'], ['KY', '40202'], ['SC', '29201'], ['AL', '36104'], ['AR', '72201'],
  ['IA', '50309'], ['KS', '66603'], ['NE', '68508'], ['NM', '87501'], ['ID', '83702'], ['ME', '04330'], ['MS', '39201'], ['WV', '25301'],
];
const PRODUCTS = ['plan-basic', 'plan-pro', 'seats', 'setup'] as const;
const CATEGORY = 'saas.b2b';

/** A small seeded generator, so every run imports the same file. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const DAY_MS = 86_400_000;
const today = () => new Date().toISOString().slice(0, 10);
const cents = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

interface Sale {
  id: string;
  fields: string; // the transaction columns from customer_id to country, as written
  marketplace: string;
  lines: Array<{ id: string; product: string; amount: number }>;
}

interface FileFacts {
  bytes: number;
  rows: number;
  transactions: number;
  sales: number;
  refunds: number;
  marketplaceRows: number;
  from: string;
  to: string;
}

/** Writes the file as a stream of ~64 KB chunks, oldest transaction first, so refunds come after their sales. */
async function writeCsv(file: string, rows: number, asOf: string): Promise<FileFacts> {
  const next = random(2026);
  const end = Date.parse(`${asOf}T00:00:00Z`);
  const start = Date.parse(`${Number(asOf.slice(0, 4)) - 3}${asOf.slice(4)}T00:00:00Z`) + DAY_MS;
  const span = (end - start) / DAY_MS + 1;
  const dates = Array.from({ length: span }, (_, d) => new Date(start + d * DAY_MS).toISOString().slice(0, 10));
  const out = createWriteStream(file);
  const header = transactionTemplateCsv().split('\r\n')[0]!;
  let chunk = `${header}\n`;
  const push = async (line: string) => {
    chunk += line;
    if (chunk.length >= 65_536) {
      const ok = out.write(chunk);
      chunk = '';
      if (!ok) await once(out, 'drain');
    }
  };
  const recent: Sale[] = []; // sales that may still be refunded, a bounded window
  const facts: FileFacts = { bytes: 0, rows: 0, transactions: 0, sales: 0, refunds: 0, marketplaceRows: 0, from: dates[0]!, to: asOf };
  while (facts.rows < rows) {
    const date = dates[Math.min(span - 1, Math.floor((facts.rows / rows) * span))]!;
    facts.transactions++;
    if (recent.length > 100 && next() < 0.02) {
      // A partial refund of one line of an earlier sale, on a later (or the same) day.
      const pick = Math.floor(next() * recent.length);
      const sale = recent[pick]!;
      recent[pick] = recent[recent.length - 1]!;
      recent.pop();
      const line = sale.lines[Math.floor(next() * sale.lines.length)]!;
      const amount = Math.max(1, Math.floor(line.amount * (0.1 + next() * 0.8)));
      const id = `RF-${String(facts.refunds++).padStart(8, '0')}`;
      await push(`${id},refund,${sale.id},${date},USD,${sale.fields},${line.id},${line.product},${cents(amount)},,0.00,${sale.marketplace}\n`);
      facts.rows++;
      if (sale.marketplace === 'true') facts.marketplaceRows++;
      continue;
    }
    const [region, zip] = PLACES[Math.floor(next() * PLACES.length)]!;
    const customer = Math.floor(next() * 20_000);
    const individual = next() < 0.2;
    const fields = `cus_${customer},Customer ${customer},${individual ? 'individual' : 'business'},${100 + (customer % 900)} Main St,,${region},${zip},US`;
    const marketplace = next() < 0.03 ? 'true' : 'false';
    const id = `INV-${String(facts.sales++).padStart(8, '0')}`;
    const count = Math.min(1 + Math.floor(next() * 3), rows - facts.rows);
    const sale: Sale = { id, fields, marketplace, lines: [] };
    for (let i = 1; i <= count; i++) {
      const product = PRODUCTS[Math.floor(next() * PRODUCTS.length)]!;
      const quantity = product === 'seats' ? 1 + Math.floor(next() * 20) : 1;
      const amount = quantity * (500 + Math.floor(next() * 50_000));
      const collected = next() < 0.1 ? Math.round(amount * 0.0625) : 0;
      sale.lines.push({ id: String(i), product, amount });
      await push(`${id},sale,,${date},USD,${fields},${i},${product},${cents(amount)},${quantity},${cents(collected)},${marketplace}\n`);
    }
    facts.rows += count;
    if (marketplace === 'true') facts.marketplaceRows += count;
    recent.push(sale);
    if (recent.length > 5_000) {
      const drop = Math.floor(next() * recent.length);
      recent[drop] = recent[recent.length - 1]!;
      recent.pop();
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  facts.bytes = (await stat(file)).size;
  return facts;
}

/** Peak RSS and heap, sampled every 100 ms from `reset()`. */
class MemorySampler {
  rss = 0;
  heap = 0;
  private readonly timer = setInterval(() => this.sample(), 100).unref();
  sample() {
    const m = process.memoryUsage();
    this.rss = Math.max(this.rss, m.rss);
    this.heap = Math.max(this.heap, m.heapUsed);
  }
  reset() {
    this.rss = 0;
    this.heap = 0;
    this.sample();
  }
  stop() {
    clearInterval(this.timer);
  }
}

const collect = () => (globalThis as { gc?: () => void }).gc?.();
const now = () => Number(process.hrtime.bigint()) / 1e9;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const started = Date.now();
const progress = (text: string) => process.stderr.write(`  [backfill ${String(Math.round((Date.now() - started) / 1000)).padStart(5)} s] ${text}\n`);

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

/** csv-parse alone over the file, as streaming records with named columns: what reading it costs at least. */
async function csvParseRate(file: string): Promise<{ records: number; seconds: number }> {
  collect();
  const start = now();
  let records = 0;
  for await (const record of createReadStream(file).pipe(parse({ columns: true }))) if (record) records++;
  return { records, seconds: now() - start };
}

interface StoreFigures {
  validateSeconds: number;
  streamSeconds: number;
  commitSeconds: number;
  commitPhases: { early: number; late: number; refunds: number };
  startRss: number;
  peakRss: number;
  peakHeap: number;
  nexusMs: number;
  naiveMs: number;
  naiveGroups: number;
  autovacuum: string | undefined;
}

async function backfill(engine: Engine, options: OpenStoreOptions, file: string, facts: FileFacts, sampler: MemorySampler, label: string): Promise<StoreFigures> {
  const store = await openStore(options);
  const sellerId = `bench_bf_${randomUUID().slice(0, 8)}`;
  try {
    await ensureSeller(store.db, sellerId);
    const { db } = store;
    // Without autovacuum nothing gathers planner statistics, which decides how the import's queries are planned.
    const autovacuum = store.kind === 'postgres' ? rowsOf<{ v: string }>(await db.execute(sql`select current_setting('autovacuum') as v`))[0]?.v : undefined;

    collect();
    const startRss = process.memoryUsage().rss;
    sampler.reset();
    let t = now();
    let streamEnd = t;
    let lastShown = 0;
    const validateStart = t;
    const record = await validateImport(db, engine, sellerId, 'transactions', createReadStream(file), {
      fileName: 'bench.csv',
      onProgress: (rows) => {
        streamEnd = now();
        if (rows - lastShown >= facts.rows / 10) {
          lastShown = rows;
          progress(`${label} validate ${rows.toLocaleString('en-US')} rows, ${Math.round(rows / (streamEnd - validateStart)).toLocaleString('en-US')} rows/s`);
          if (rows === facts.rows) progress(`${label} file read; the cross-row checks run in SQL`);
        }
      },
    });
    const validateSeconds = now() - t;
    if (record.status !== 'validated') {
      const errors = await listErrors(db, sellerId, record.id, 5);
      throw new Error(`${label}: the import is ${record.status} with ${record.errorCount} problems, such as ${JSON.stringify(errors.map((e) => [e.row, e.column, e.message]))}`);
    }
    if (record.rows !== facts.rows || record.items !== facts.transactions) throw new Error(`${label}: validated ${record.rows} rows, ${record.items} items; the file has ${facts.rows}, ${facts.transactions}`);

    const found = await listNewProducts(db, sellerId, record.id);
    for (const p of found) await assignNewProduct(db, sellerId, record.id, p.productId, { taxCategory: CATEGORY });

    // Commit progress is per batch of transactions: kept to tell early, late and refund batches apart.
    const marks: Array<{ t: number; done: number }> = [];
    lastShown = 0;
    t = now();
    const committed = await commitImport(db, engine, sellerId, record.id, {
      onProgress: ({ done, total }) => {
        const at = now();
        marks.push({ t: at, done });
        if (done - lastShown >= total / 10) {
          lastShown = done;
          progress(`${label} commit ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} transactions, ${Math.round(done / (at - t)).toLocaleString('en-US')}/s`);
        }
      },
    });
    const commitSeconds = now() - t;
    sampler.sample();
    const peakRss = sampler.rss;
    const peakHeap = sampler.heap;
    if (committed.status !== 'committed' || committed.failed > 0 || committed.written !== facts.transactions) {
      const errors = await listErrors(db, sellerId, record.id, 5);
      throw new Error(`${label}: the commit ended ${committed.status}, ${committed.written} written, ${committed.failed} failed, such as ${JSON.stringify(errors.map((e) => [e.row, e.message]))}`);
    }
    const rateBetween = (from: number, to: number) => {
      const a = marks.find((m) => m.done >= from);
      const b = marks.find((m) => m.done >= to);
      return a && b && b.t > a.t ? (b.done - a.done) / (b.t - a.t) : NaN;
    };
    const total = facts.transactions;
    const salesDone = facts.sales;
    const commitPhases = {
      early: rateBetween(0, total * 0.2),
      late: rateBetween(total * 0.6, total * 0.8),
      refunds: rateBetween(salesDone, total),
    };

    // The nexus answer against the naive query, rounds alternating so machine noise hits both alike.
    const asOf = facts.to;
    const ours = async () => {
      const start = now();
      const report = await nexusReport(db, engine.content, sellerId, asOf);
      if (report.data.length === 0) throw new Error('empty nexus report');
      return (now() - start) * 1000;
    };
    let naiveGroups = 0;
    const naive = async () => {
      const start = now();
      const result = await db.execute(sql`
        select nexus_jurisdiction_id, extract(year from date)::int as year, sum(nexus_gross) as gross, count(*) filter (where type = 'sale') as sales
        from transactions
        where seller_id = ${sellerId} and status = 'committed' and nexus_jurisdiction_id is not null
        group by 1, 2`);
      const rows = rowsOf<{ sales: string | number }>(result);
      naiveGroups = rows.length;
      const sales = rows.reduce((n, r) => n + Number(r.sales), 0);
      if (sales !== facts.sales) throw new Error(`naive query counted ${sales} sales; ${facts.sales} were imported`);
      return (now() - start) * 1000;
    };
    await ours();
    await naive(); // warm-up: caches and plans, both sides
    const oursMs: number[] = [];
    const naiveMs: number[] = [];
    for (let r = 0; r < NEXUS_ROUNDS; r++) {
      oursMs.push(await ours());
      naiveMs.push(await naive());
    }

    return {
      validateSeconds,
      streamSeconds: streamEnd - validateStart,
      commitSeconds,
      commitPhases,
      startRss,
      peakRss,
      peakHeap,
      nexusMs: median(oursMs),
      naiveMs: median(naiveMs),
      naiveGroups,
      autovacuum,
    };
  } finally {
    // The server outlives the run: take the bench seller's rows back out, even after a failure.
    if (store.kind === 'postgres' && !KEEP) {
      progress(`${label} deleting the bench seller ${sellerId}`);
      await store.db
        .transaction(async (tx) => {
          for (const table of ['transaction_versions', 'sales_by_day', 'import_rows', 'import_errors', 'import_products', 'imports', 'transactions', 'product_external_ids', 'products']) {
            await tx.execute(sql`delete from ${sql.identifier(table)} where seller_id = ${sellerId}`);
          }
          await tx.execute(sql`delete from sellers where id = ${sellerId}`);
        })
        .catch((error: unknown) => progress(`${label} could not delete the bench seller ${sellerId}: ${String(error)}`));
    }
    await store.close();
  }
}

export async function benchBackfill(): Promise<string> {
  const engine = await loadEngine();
  const asOf = today();
  // Every address must resolve under the default (strict) address validation, or validation would refuse rows.
  const probe = engine.prepare({ products: [{ id: 'probe', taxCategory: CATEGORY }], settings: { addressValidation: 'strict' } });
  for (const [region, postalCode] of PLACES) {
    engine.calculate({ date: asOf, currency: 'USD', customer: { address: { country: 'US', region, postalCode } }, lines: [{ id: '1', productId: 'probe', amount: 100 }] }, probe);
  }

  const dir = await mkdtemp(join(tmpdir(), 'levy-bench-backfill-'));
  const sampler = new MemorySampler();
  try {
    const file = join(dir, 'transactions.csv');
    progress(`writing ${ROWS.toLocaleString('en-US')} rows to ${file}`);
    const facts = await writeCsv(file, ROWS, asOf);
    progress(`${(facts.bytes / 1e6).toFixed(1)} MB; csv-parse baseline`);
    const baseline = await csvParseRate(file);
    if (baseline.records !== facts.rows) throw new Error(`csv-parse read ${baseline.records} records; the file has ${facts.rows}`);
    const baseRate = baseline.records / baseline.seconds;

    const url = process.env.DATABASE_URL;
    const stores: Array<{ label: string; options: OpenStoreOptions; note: string }> = [];
    if (STORES.includes('pglite')) stores.push({ label: 'pglite', options: { dataDir: join(dir, 'data') }, note: 'embedded, temporary data directory' });
    if (url && STORES.includes('postgres')) stores.push({ label: 'postgres', options: { databaseUrl: url }, note: 'DATABASE_URL, a fresh seller' });
    const figures: Array<{ label: string; note: string; f: StoreFigures }> = [];
    for (const s of stores) {
      progress(`${s.label}: validate and commit`);
      figures.push({ label: s.label, note: s.note, f: await backfill(engine, s.options, file, facts, sampler, s.label) });
    }

    const n = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '-');
    const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
    const pct = (x: number, of: number) => `${((100 * x) / of).toFixed(1)}%`;
    const lines = [
      `backfill: ${n(facts.rows)} CSV rows (${n(facts.transactions)} transactions, ${pct(facts.refunds, facts.transactions)} refunds, ${pct(facts.marketplaceRows, facts.rows)} marketplace rows; ` +
        `${PLACES.length} states; ${facts.from} to ${facts.to}), file ${(facts.bytes / 1e6).toFixed(1)} MB`,
      `  csv-parse      ${n(baseRate).padStart(9)} records/s  (the baseline: parse() streaming, columns: true, nothing else)`,
    ];
    for (const { label, note, f } of figures) {
      const total = f.validateSeconds + f.commitSeconds;
      const validateRate = facts.rows / f.validateSeconds;
      const commitRate = facts.rows / f.commitSeconds;
      const totalRate = facts.rows / total;
      lines.push(
        `  ${label} (${note}${f.autovacuum ? `, autovacuum ${f.autovacuum}` : ''})`,
        `    validate     ${n(validateRate).padStart(9)} rows/s  ${f.validateSeconds.toFixed(1).padStart(7)} s  (reading and staging ${f.streamSeconds.toFixed(1)} s, cross-row checks ${(f.validateSeconds - f.streamSeconds).toFixed(1)} s)  ${(validateRate / baseRate).toFixed(3)}x csv-parse`,
        `    commit       ${n(commitRate).padStart(9)} rows/s  ${f.commitSeconds.toFixed(1).padStart(7)} s  (transactions/s: first 20% ${n(f.commitPhases.early)}, 60-80% ${n(f.commitPhases.late)}, refunds ${n(f.commitPhases.refunds)})`,
        `    total        ${n(totalRate).padStart(9)} rows/s  ${total.toFixed(1).padStart(7)} s  ${(totalRate / baseRate).toFixed(3)}x csv-parse (ours / csv-parse)`,
        `    memory       peak RSS ${mb(f.peakRss)} (${mb(f.startRss)} before), peak heap ${mb(f.peakHeap)}; the file is ${mb(facts.bytes)}`,
        `    nexus        ${f.nexusMs.toFixed(1).padStart(9)} ms  nexusReport: every state evaluated from the daily aggregates (median of ${NEXUS_ROUNDS})`,
        `    naive SQL    ${f.naiveMs.toFixed(1).padStart(9)} ms  the baseline: sum(nexus_gross), count of sales over the raw transactions by state and year (${f.naiveGroups} groups; no thresholds evaluated)`,
        `    ratio        ${(f.naiveMs / f.nexusMs).toFixed(2)}x (naive ms / nexusReport ms; above 1, the nexus answer is faster)`,
      );
    }
    if (!url && STORES.includes('postgres')) lines.push('  postgres       not measured: DATABASE_URL is not set');
    return lines.join('\n');
  } finally {
    sampler.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
