/**
 * A server for the HTTP benchmark, run in a process of its own so that the
 * load generator does not share its thread: `levy` (the API on an embedded
 * database, one seller, its products and registration) or `bare` (a Fastify
 * route answering the same JSON). Prints `{ url, key }` when listening.
 */
import Fastify from 'fastify';
import { buildApp } from '../src/api/app.js';
import { loadEngine } from '../src/index.js';
import { putProduct, putRegistration } from '../src/store/config.repository.js';
import { openStore } from '../src/store/open.js';
import { createApiKey } from '../src/store/sellers.repository.js';

const kind = process.argv[2];
if (kind === 'levy') {
  const store = await openStore({ memory: true });
  const { key } = await createApiKey(store.db, 'bench');
  await putRegistration(store.db, 'bench', 'US-TX', { effectiveDate: '2020-01-01' });
  await putProduct(store.db, 'bench', 'pro', { taxCategory: 'saas.b2b', externalIds: ['price_pro'] });
  await putProduct(store.db, 'bench', 'onboarding', { taxCategory: 'services.professional' });
  const app = await buildApp({ store, engine: await loadEngine() });
process.on('SIGINT', () => process.exit(0));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ url: `${url}/v1/tax/calculate`, key })}\n`);
} else {
  const answer = JSON.parse(process.argv[3] ?? '{}') as unknown;
  const app = Fastify();
  app.post('/calculate', async () => answer);
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${JSON.stringify({ url: `${url}/calculate` })}\n`);
}
