/**
 * `levy import transactions` killed with SIGKILL half-way through its
 * commit leaves a resumable import at a batch boundary; running the same
 * command again finishes it, with every transaction once and the nexus
 * aggregates equal to the ledger.
 */
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open.js';
import { salesByDayFromLedger } from '../../src/store/sales-by-day.repository.js';
import { expectAggregatesMatchLedger } from '../helpers/ledger.js';
import { imports, transactions } from '../../src/store/schema.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// node itself, not the tsx wrapper: a SIGKILL must reach the process doing the work.
const NODE_ARGS = ['--import', 'tsx', join(ROOT, 'src/cli/main.ts')];
const SELLER = 'resume';
const TRANSACTIONS = 4000;

let dir: string;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const PLACES = ['SD,57104', 'TX,78701', 'WA,98101', 'GA,30303', 'OH,43215'];

function csv(): string {
  const lines = ['transaction_id,type,original_transaction_id,date,currency,customer_id,customer_name,customer_type,address_line1,city,region,postal_code,country,line_id,product_id,amount,quantity,tax_collected,marketplace'];
  for (let i = 0; i < TRANSACTIONS; i++) {
    const [region, zip] = PLACES[i % PLACES.length]!.split(',');
    const date = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    lines.push(`t${String(i).padStart(6, '0')},sale,,${date},USD,,,business,,,${region},${zip},US,1,plan,${100 + (i % 900)}.${String(i % 100).padStart(2, '0')},1,0.00,false`);
  }
  return `${lines.join('\n')}\n`;
}

function levy(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...NODE_ARGS, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

async function inStore<T>(dataDir: string, work: (db: Awaited<ReturnType<typeof openStore>>['db']) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir });
  try {
    return await work(store.db);
  } finally {
    await store.close();
  }
}

describe('an import killed half-way', () => {
  it('resumes where it stopped and never writes a transaction twice', async () => {
    dir = await mkdtemp(join(tmpdir(), 'levy-resume-'));
    const file = join(dir, 'history.csv');
    await writeFile(file, csv());
    const args = ['import', 'transactions', file, '--seller', SELLER, '--data-dir', join(dir, 'data'), '--assign-new', 'saas.b2b', '--batch-size', '25'];

    // First run: killed with SIGKILL once the commit has written some batches but not all.
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
    const killedAt = await new Promise<number>((resolve, reject) => {
      let seen = '';
      child.stderr.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const progress = [...seen.matchAll(/importing (\d+)\/(\d+)/g)].map((m) => Number(m[1]));
        const done = progress.at(-1);
        if (done !== undefined && done >= 100 && done < TRANSACTIONS) {
          child.kill('SIGKILL');
          resolve(done);
        }
      });
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`the import ended (${code}) before it could be killed:\n${seen}`));
      });
    });
    await new Promise((resolve) => child.on('close', resolve));
    expect(killedAt).toBeGreaterThan(0);

    const dataDir = join(dir, 'data');
    // The data dir's lock names the dead process; the next opener takes it over.
    const halfway = await inStore(dataDir, async (db) => {
      const [record] = await db.select().from(imports).where(eq(imports.sellerId, SELLER));
      const [n] = await db.select({ n: count() }).from(transactions).where(eq(transactions.sellerId, SELLER));
      return { record: record!, written: n!.n };
    });
    expect(halfway.record.status).toBe('committing');
    // The ledger holds exactly the batches the import recorded as done: nothing half-written.
    expect(halfway.written).toBe(halfway.record.written);
    expect(halfway.written).toBeGreaterThan(0);
    expect(halfway.written).toBeLessThan(TRANSACTIONS);
    expect(halfway.written % 25).toBe(0);

    // Second run: the same command resumes and finishes.
    const second = await levy(args);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('resuming import');

    const store = await openStore({ dataDir });
    try {
      const [n] = await store.db.select({ n: count() }).from(transactions).where(eq(transactions.sellerId, SELLER));
      expect(n!.n).toBe(TRANSACTIONS);
      const [record] = await store.db.select().from(imports).where(eq(imports.sellerId, SELLER));
      expect(record).toMatchObject({ status: 'committed', done: TRANSACTIONS, written: TRANSACTIONS, failed: 0 });
      await expectAggregatesMatchLedger(store.db, SELLER);
      expect((await salesByDayFromLedger(store.db, SELLER)).reduce((a, d) => a + d.transactions, 0)).toBe(TRANSACTIONS);
    } finally {
      await store.close();
    }

    // Third run: the file again changes nothing.
    const third = await levy(args);
    expect(third.code, third.stderr).toBe(0);
    const after = await inStore(dataDir, async (db) => (await db.select({ n: count() }).from(transactions).where(eq(transactions.sellerId, SELLER)))[0]!.n);
    expect(after).toBe(TRANSACTIONS);

    // And the command that answers from it.
    const nexus = await levy(['nexus', '--seller', SELLER, '--data-dir', dataDir, '--as-of', '2026-01-01', '--json']);
    expect(nexus.code, nexus.stderr).toBe(0);
    const report = JSON.parse(nexus.stdout);
    expect(report.data).toHaveLength(51);
    const sd = report.data.find((e: { jurisdictionId: string }) => e.jurisdictionId === 'US-SD');
    expect(sd.current).toMatchObject({ periodStart: '2025-01-01', periodEnd: '2025-12-31', transactions: TRANSACTIONS / PLACES.length });
  }, 300_000);
});
