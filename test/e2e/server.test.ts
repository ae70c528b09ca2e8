/**
 * The real server, started as a user starts it, called over plain HTTP as a
 * billing system calls it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/errors/registry.js';
import { openStore } from '../../src/store/open.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const MAIN = join(ROOT, 'src/cli/main.ts');

function levy(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let dataDir: string;
let server: ChildProcess;
let base: string;
let keyA: string;
let keyB: string;

async function start(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(TSX, [MAIN, 'serve', '--data-dir', dir, '--port', '0', '--log-level', 'warn'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', () => reject(new Error(`the server exited:\n${output}`)));
  });
  return { child, url };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'levy-e2e-'));
  // Keys are made before the server holds the data directory.
  keyA = (await levy(['api-key', 'create', '--seller', 'e2e_a', '--name', 'billing', '--data-dir', dataDir])).stdout.trim().split('\n').pop()!;
  keyB = (await levy(['api-key', 'create', '--seller', 'e2e_b', '--data-dir', dataDir])).stdout.trim().split('\n').pop()!;
  ({ child: server, url: base } = await start(dataDir));
}, 120_000);

afterAll(async () => {
  await stop(server);
});

async function http(key: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const AUSTIN = { postalCode: '78701', country: 'US' };

describe('levy serve', () => {
  it('refuses a second server on the same data directory, clearly', async () => {
    const second = await levy(['serve', '--data-dir', dataDir, '--port', '0']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`the data directory ${dataDir} is in use by another Levy process`);
  });

  it('serves a billing system\'s whole day', async () => {
    const a = (method: string, path: string, body?: unknown) => http(keyA, method, path, body);
    expect((await a('GET', '/v1/me')).body).toEqual({ sellerId: 'e2e_a', name: null });
    expect((await a('PUT', '/v1/products/pro', { name: 'Pro', taxCategory: 'saas.b2b', externalIds: ['price_pro'] })).status).toBe(200);
    expect((await a('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01', filingFrequency: 'monthly' })).status).toBe(200);
    const quote = await a('POST', '/v1/tax/calculate', { date: '2026-11-15', currency: 'USD', customer: { address: AUSTIN }, lines: [{ productId: 'price_pro', amount: 10000 }] });
    expect(quote.body.tax).toBe(660);

    const created = await a('POST', '/v1/transactions', { id: 'stripe:in_1', date: '2026-11-15', currency: 'USD', customer: { address: AUSTIN }, lines: [{ id: 'l1', productId: 'price_pro', amount: 10000 }] });
    expect(created.body).toMatchObject({ id: 'stripe:in_1', status: 'uncommitted', version: 1 });
    const updated = await a('POST', '/v1/transactions', { id: 'stripe:in_1', date: '2026-11-15', currency: 'USD', customer: { address: AUSTIN }, lines: [{ id: 'l1', productId: 'price_pro', amount: 12000 }] });
    expect(updated.body).toMatchObject({ version: 2, tax: 792 });
    expect((await a('POST', '/v1/transactions/stripe%3Ain_1/commit')).body.status).toBe('committed');
    const refund = await a('POST', '/v1/transactions/stripe%3Ain_1/refunds', { id: 'stripe:cn_1', date: '2026-11-18', lines: [{ id: 'l1', amount: 6000 }] });
    expect(refund.body).toMatchObject({ type: 'refund', tax: -396, total: -6396 });

    await a('POST', '/v1/transactions', { id: 'in_2', date: '2026-11-16', currency: 'USD', commit: true, customer: { address: AUSTIN }, lines: [{ productId: 'price_pro', amount: 5000 }] });
    expect((await a('POST', '/v1/transactions/in_2/void')).body.status).toBe('voided');
    const list = await a('GET', '/v1/transactions?from=2026-11-01');
    expect(list.body.data.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([
      ['stripe:in_1', 'committed'],
      ['in_2', 'voided'],
      ['stripe:cn_1', 'committed'],
    ]);

    // Another seller sees none of it.
    expect((await http(keyB, 'GET', '/v1/transactions')).body.data).toEqual([]);
    expect((await http(keyB, 'GET', '/v1/transactions/stripe%3Ain_1')).status).toBe(404);
    expect((await http(keyB, 'GET', '/v1/products/pro')).status).toBe(404);
  });

  it('serves its OpenAPI document and reference page', async () => {
    const doc = await fetch(`${base}/openapi.json`);
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0');
    expect((await fetch(`${base}/docs/`)).status).toBe(200);
  });

  it('answers thousands of bad requests with 4xx and a code, and changes nothing', async () => {
    const before = await snapshot();
    const valid = { date: '2026-11-15', currency: 'USD', customer: { address: AUSTIN }, lines: [{ id: 'l1', productId: 'saas.b2b', amount: 100 }] };
    const targets: Array<{ method: string; path: string; body: Record<string, unknown> }> = [
      { method: 'POST', path: '/v1/tax/calculate', body: valid },
      { method: 'POST', path: '/v1/transactions', body: { ...valid, id: 'fuzz' } },
      { method: 'POST', path: '/v1/transactions/stripe%3Ain_1/refunds', body: { id: 'fuzz_cn', date: '2026-11-20', lines: [{ id: 'l1', amount: 1 }] } },
      { method: 'PUT', path: '/v1/products/fuzz', body: { taxCategory: 'saas.b2b', externalIds: ['x'] } },
      { method: 'PUT', path: '/v1/customers/fuzz', body: { name: 'F', exempt: false } },
      { method: 'PUT', path: '/v1/registrations/US-NY', body: { effectiveDate: '2020-01-01' } },
      { method: 'PATCH', path: '/v1/settings', body: { accountingTimeZone: 'UTC' } },
    ];
    // Never valid where a string (or a nullable string) belongs: the first field of every body here.
    const notAType = fc.constantFrom<unknown>(12.5, true, { nested: [1] }, [['x']]);
    // Each way of breaking a request is certain to make it invalid.
    const breakers = [
      fc.constant((b: Record<string, unknown>) => ({ ...b, [`x_${Object.keys(b).length}`]: 1 })),
      notAType.map((v) => (b: Record<string, unknown>) => ({ ...b, [Object.keys(b)[0]!]: v })),
      fc.constant((b: Record<string, unknown>) => ('lines' in b ? { ...b, lines: [{ ...(b.lines as object[])[0], amount: 10.5 }] } : { ...b, [Object.keys(b)[0]!]: { nested: true } })),
      fc.constant((b: Record<string, unknown>) => ('date' in b ? { ...b, date: '2026-02-30' } : { ...b, unknownField: true })),
      fc.constant((b: Record<string, unknown>) => ('lines' in b ? { ...b, lines: [{ productId: 'price_does_not_exist', amount: 1 }] } : { ...b, effectiveDate: 'yesterday' })),
    ];
    const raw = fc.oneof(
      fc.record({ target: fc.constantFrom(...targets), breaker: fc.oneof(...breakers) }).map(({ target, breaker }) => ({ ...target, text: JSON.stringify(breaker(target.body)), type: 'application/json' })),
      fc.record({ target: fc.constantFrom(...targets), cut: fc.integer({ min: 1, max: 40 }) }).map(({ target, cut }) => {
        const text = JSON.stringify(target.body);
        return { ...target, text: text.slice(0, Math.max(1, text.length - cut)), type: 'application/json' };
      }),
      fc.record({ target: fc.constantFrom(...targets), text: fc.string({ maxLength: 30 }) }).map(({ target, text }) => ({ ...target, text, type: 'text/plain' })),
      fc.constantFrom('/v1/transactions/none/commit', '/v1/transactions/none/void').map((path) => ({ method: 'POST', path, text: '', type: '' })),
    );
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(raw, async (r) => {
        sent++;
        const response = await fetch(`${base}${r.path}`, {
          method: r.method,
          headers: { authorization: `Bearer ${keyA}`, ...(r.type ? { 'content-type': r.type } : {}) },
          ...(r.method === 'GET' || r.text === '' ? {} : { body: r.text }),
        });
        const body = (await response.json()) as { error?: { code: string } };
        expect(response.status, `${r.method} ${r.path} ${r.text}`).toBeGreaterThanOrEqual(400);
        expect(response.status, `${r.method} ${r.path} ${r.text}`).toBeLessThan(500);
        expect(Object.keys(ERRORS)).toContain(body.error?.code);
      }),
      { numRuns: 2500 },
    );
    expect(sent).toBe(2500);
    expect(await snapshot()).toEqual(before);
  }, 180_000);
});

/** Row counts of every table, read after stopping the server (which holds the embedded database). */
async function snapshot(): Promise<Record<string, number>> {
  const a = (method: string, path: string) => http(keyA, method, path);
  const [transactions, products, registrations, settings] = await Promise.all([
    a('GET', '/v1/transactions?limit=500'),
    a('GET', '/v1/products?limit=500'),
    a('GET', '/v1/registrations'),
    a('GET', '/v1/settings'),
  ]);
  const customer = await a('GET', '/v1/customers/fuzz');
  return {
    transactions: transactions.body.data.length,
    versions: transactions.body.data.reduce((n: number, t: { version: number }) => n + t.version, 0),
    products: products.body.data.length,
    registrations: registrations.body.data.length,
    settings: JSON.stringify(settings.body).length,
    fuzzCustomer: customer.status,
  };
}

describe('after the server stops', () => {
  it('releases the data directory, and the database opens with everything written', async () => {
    await stop(server);
    const store = await openStore({ dataDir });
    const rows = await store.db.execute(sql`select count(*)::int as n from transactions where seller_id = 'e2e_a'`);
    const first = (rows as unknown as { rows: Array<{ n: number }> }).rows[0]!;
    expect(first.n).toBe(3);
    await store.close();
  });
});
