/**
 * The calculate endpoint over HTTP against a bare Fastify JSON route, in one
 * run: the same request body, the same answer, the same load (autocannon, 10
 * connections), each server in a process of its own. The ratio says how
 * close Levy comes to the framework's own ceiling while authenticating,
 * validating, reading the seller's configuration and calculating.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const SERVER = fileURLToPath(new URL('./http-server.ts', import.meta.url));

const body = JSON.stringify({
  date: '2026-11-15',
  currency: 'USD',
  customer: { address: { postalCode: '78701', country: 'US' } },
  lines: [
    { id: '1', productId: 'price_pro', amount: 10000 },
    { id: '2', productId: 'onboarding', amount: 5000 },
    { id: '3', productId: 'goods.general', amount: 2599 },
  ],
  discount: 1500,
});

async function server(...args: string[]): Promise<{ child: ChildProcess; url: string; key?: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('exit', (code) => reject(new Error(`benchmark server exited (${code})`)));
  });
  return { child, ...(JSON.parse(line) as { url: string; key?: string }) };
}

const ROUNDS = 3;

function run(url: string, headers: Record<string, string>, duration: number): Promise<autocannon.Result> {
  return autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, connections: 10, duration });
}

/** Alternating rounds, so that noise on a shared machine falls on both; the median round of each counts. */
async function compare(a: { url: string; headers: Record<string, string> }, b: { url: string; headers: Record<string, string> }) {
  await run(a.url, a.headers, 2); // warm-up
  await run(b.url, b.headers, 2);
  const ra: autocannon.Result[] = [];
  const rb: autocannon.Result[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    ra.push(await run(a.url, a.headers, SECONDS / ROUNDS));
    rb.push(await run(b.url, b.headers, SECONDS / ROUNDS));
  }
  const median = (rs: autocannon.Result[]) => [...rs].sort((x, y) => x.requests.average - y.requests.average)[Math.floor(rs.length / 2)]!;
  return [median(ra), median(rb)] as const;
}

export async function benchHttp(): Promise<string> {
  const levy = await server('levy');
  const auth = { authorization: `Bearer ${levy.key}` };
  const sample = await (await fetch(levy.url, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body })).text();
  const bare = await server('bare', sample);
  try {
    const [ours, peer] = await compare({ url: levy.url, headers: auth }, { url: bare.url, headers: {} });
    if (ours.non2xx > 0 || peer.non2xx > 0) throw new Error(`non-2xx answers: levy ${ours.non2xx}, bare ${peer.non2xx}`);
    const line = (name: string, r: autocannon.Result) =>
      `  ${name.padEnd(14)} ${Math.round(r.requests.average).toLocaleString('en-US').padStart(8)} req/s   latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`;
    return [
      `http: POST /v1/tax/calculate (3 lines, Austin TX), 10 connections, median of ${ROUNDS} alternating rounds of ${SECONDS / ROUNDS} s, servers in their own processes`,
      line('levy', ours),
      line('bare fastify', peer),
      `  ratio          ${(ours.requests.average / peer.requests.average).toFixed(2)} (levy / bare Fastify route)`,
    ].join('\n');
  } finally {
    levy.child.kill();
    bare.child.kill();
  }
}
