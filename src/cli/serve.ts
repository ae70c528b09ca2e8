import type { Command } from 'commander';
import { Option } from 'commander';
import { buildApp } from '../api/app.js';
import { normalizePublicUrl } from '../api/public-url.js';
import { loggerOptions } from '../api/logging.js';
import { DEFAULT_WEB_DIR } from '../api/web-app.js';
import { DEMO_SELLER, seedDemo } from '../demo/seed.js';
import { seedDemoUser } from '../demo/user.js';
import { loadEngine } from '../engine/load-engine.js';
import { DataDirLockedError } from '../store/lock.js';
import { openStore, storeOptions } from '../store/open.js';
import { createApiKey } from '../store/sellers.repository.js';
import { reportFailure, UsageError } from './io.js';
import { dataDirOption } from './options.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the API server (embedded database in the data directory, or DATABASE_URL)')
    .addOption(new Option('--port <port>', 'port to listen on').default('8080'))
    .addOption(new Option('--host <host>', 'address to listen on').default('127.0.0.1'))
    .addOption(dataDirOption())
    .option('--demo', 'seed a demo seller with three years of transactions and print an API key and a dashboard login for it')
    .addOption(new Option('--log-level <level>', 'fatal, error, warn, info, debug').default(process.env.LOG_LEVEL ?? 'info'))
    .addOption(
      new Option('--trust-proxy <proxies>', 'the reverse proxies in front of the server, whose X-Forwarded-For is believed: their addresses or CIDR ranges (comma-separated), or "true" for any').env(
        'LEVY_TRUST_PROXY',
      ),
    )
    .addOption(new Option('--public-url <url>', 'the address people reach this server at, for links in emails (default http://localhost:<port>)').env('LEVY_PUBLIC_URL'))
    .action(async (opts: ServeOptions) => {
      try {
        await serve(opts);
      } catch (error) {
        if (error instanceof DataDirLockedError) return reportFailure(new UsageError(error.message));
        reportFailure(error);
      }
    });
}

interface ServeOptions {
  port: string;
  host: string;
  dataDir: string;
  demo?: boolean;
  logLevel: string;
  publicUrl?: string;
  trustProxy?: string;
}

/** `true`, or addresses and CIDR ranges as Fastify takes them. */
export function trustProxyOf(value: string | undefined): boolean | string {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  return value;
}

async function serve(opts: ServeOptions): Promise<void> {
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${opts.port} is not a port number`);
  let publicUrl: string;
  try {
    publicUrl = normalizePublicUrl(opts.publicUrl ?? `http://localhost:${port}`);
  } catch (error) {
    throw new UsageError(`--public-url (or LEVY_PUBLIC_URL): ${(error as Error).message}`);
  }
  const store = await openStore(storeOptions(opts.dataDir));
  const engine = await loadEngine({ dataDir: opts.dataDir });
  let demoKey: string | undefined;
  let demoLogin: { email: string; password: string } | undefined;
  if (opts.demo) {
    const today = new Date().toISOString().slice(0, 10);
    const seeded = await seedDemo(store.db, engine, today);
    demoKey = (await createApiKey(store.db, DEMO_SELLER, 'demo')).key;
    demoLogin = await seedDemoUser(store.db);
    if (seeded.created) process.stdout.write(`seeded the demo seller with ${seeded.transactions} transactions\n`);
  }
  const app = await buildApp({
    store,
    engine,
    logger: loggerOptions(opts.logLevel),
    resumeImports: true,
    publicUrl,
    webDir: DEFAULT_WEB_DIR,
    trustProxy: trustProxyOf(opts.trustProxy),
  });
  // The demo's history may already cross thresholds: its alerts are raised once the server is up.
  if (opts.demo) app.levy.alerts.schedule(DEMO_SELLER);
  const close = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  const address = await app.listen({ port, host: opts.host });
  const base = address.replace('[::1]', 'localhost');
  process.stdout.write(
    [
      '',
      `Levy is listening on ${base}  (store: ${store.kind} at ${store.location})`,
      `  API reference: ${base}/docs   OpenAPI: ${base}/openapi.json`,
      ...(demoLogin ? [`  Sign in at ${publicUrl} as ${demoLogin.email} / ${demoLogin.password}   (a new password at every start)`] : []),
      ...(demoKey
        ? [
            `  demo seller "${DEMO_SELLER}", API key:`,
            `  ${demoKey}`,
            '',
            '  try:',
            `  curl -s ${base}/v1/tax/calculate -H "Authorization: Bearer ${demoKey}" -H 'Content-Type: application/json' \\`,
            `    -d '{"date":"2026-11-15","currency":"USD","customer":{"address":{"postalCode":"78701","country":"US"}},"lines":[{"productId":"pro-plan","amount":10000}]}'`,
            `  curl -s ${base}/v1/nexus -H "Authorization: Bearer ${demoKey}"     (where the demo seller owes tax)`,
          ]
        : []),
      '',
    ].join('\n') + '\n',
  );
}
