/**
 * The HTTP service: Fastify with the API's routes, authentication, errors
 * in one shape, a request id on every answer, and the OpenAPI document with
 * its reference page. Takes an open store and a loaded engine; opens
 * nothing itself, so tests build it on any store.
 */
import { randomBytes } from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Engine } from '../engine/load-engine.js';
import type { Store } from '../store/open.js';
import { Authenticator } from './auth.js';
import { registerErrors } from './errors.js';
import { openApiDocument } from './openapi.js';
import { RouteRegistry } from './route.js';
import { registerCalculate } from './routes/calculate.js';
import { registerConfig } from './routes/config.js';
import { registerTransactions } from './routes/transactions.js';
import { registerNexus } from './routes/nexus.js';
import { registerAlerts } from './routes/alerts.js';
import { registerImports } from './routes/imports.js';
import { registerCertificates } from './routes/certificates.js';
import { registerReturns } from './routes/returns.js';
import { registerGl } from './routes/gl.js';
import { registerReprocessing } from './routes/reprocessing.js';
import { registerAttention } from './routes/attention.js';
import { registerSession } from './routes/session.js';
import { registerUsers } from './routes/users.js';
import { registerApiKeys } from './routes/api-keys.js';
import { registerStripeConnector } from '../compat/stripe/routes.js';
import { anrokPlugin, ANROK_PREFIX } from '../compat/anrok/plugin.js';
import { ReprocessRunner } from '../certificates/reprocess-runner.js';
import { ImportRunner } from '../imports/runner.js';
import { AlertService, type AlertServiceOptions } from '../alerts/service.js';
import { ReminderService } from '../certificates/reminders.js';
import { normalizePublicUrl } from './public-url.js';
import { registerCertificateRequests } from './routes/certificate-requests.js';
import { registerCertificateRequestPage } from './routes/certificate-request-page.js';
import { SellerCache } from './seller-cache.js';
import { SellerContexts } from './seller-context.js';
import { taxjarPlugin } from '../compat/taxjar/routes.js';
import { avataxPlugin } from '../compat/avatax/routes.js';
import { registerWebApp, webAppBuilt } from './web-app.js';

export interface AppOptions {
  store: Store;
  engine: Engine;
  logger?: FastifyServerOptions['logger'];
  /** Largest request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  version?: string;
  alerts?: AlertServiceOptions;
  /** Resume import commits and reprocessing runs left unfinished by a stopped process (the server does; tests choose). */
  resumeImports?: boolean;
  /** Where people reach this server, for links in emails (default http://localhost:8080; `levy serve --public-url`). */
  publicUrl?: string;
  /** Certificate requests and expiry reminders: the SMTP time limit (ms), and how often the reminder pass runs (ms; 0 turns its timer off). */
  certificateEmails?: { timeoutMs?: number; reminderIntervalMs?: number };
  /** The built dashboard (dist/web) to serve at `/`; `levy serve` passes it, tests that need it too. Skipped when it holds no build. */
  webDir?: string;
  /**
   * The proxies in front of the server (Fastify's trustProxy: true, or
   * addresses and CIDR ranges), so the sign-in limit counts the
   * client's address from X-Forwarded-For rather than the proxy's. Off by
   * default: trusting the header with no proxy in front lets anyone choose
   * the address they are counted under.
   */
  trustProxy?: boolean | string;
}

/** The methods of the routes that change what the seller cache holds (settings, products, registrations, keys...). */
const CONFIG_METHODS = new Set(['PUT', 'PATCH', 'DELETE']);
/** POSTs that change it too: certificates created or archived, products assigned a tax category in a batch, API keys revoked, Anrok's certificate and product writes (src/compat/anrok/), TaxJar's customers (src/compat/taxjar/). */
const CONFIG_POSTS = /^\/v1\/(certificates(\/|\?|$)|products\/batch(\?|$)|api-keys\/[^/]+\/revoke|seller\/certificates\/|seller\/products\/create)|^\/v2\/customers(\/|\?|$)/;

/** Request ids unique across processes (a random prefix per process) and cheap to make. */
const processPrefix = randomBytes(4).toString('hex');
let requestCount = 0;
function nextRequestId(): string {
  return `req_${processPrefix}${(requestCount++).toString(36)}`;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    genReqId: nextRequestId,
    // Plain JSON.parse: every body is checked against a strict schema that
    // refuses unknown keys (__proto__ and constructor included) before use.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    requestIdHeader: false,
    trustProxy: options.trustProxy ?? false,
  });
  const db = options.store.db;
  const cache = new SellerCache();
  const stopListening = await cache.listen(options.store);
  app.addHook('onClose', async () => stopListening());
  const registry = new RouteRegistry(new Authenticator(db, cache));
  // A change this process made is forgotten here before its answer goes out,
  // so the seller's next request never races the change's notification.
  app.addHook('onSend', async (request, reply) => {
    if (request.sellerId && reply.statusCode < 400 && (CONFIG_METHODS.has(request.method) || (request.method === 'POST' && CONFIG_POSTS.test(request.url)))) {
      cache.forget(request.sellerId);
    }
  });
  registerErrors(app);
  // The dashboard's session cookie (src/api/auth.ts).
  await app.register(fastifyCookie);

  const alerts = new AlertService(db, options.engine.content, { ...options.alerts, logger: app.log });
  app.addHook('onClose', async () => alerts.close());
  const imports = new ImportRunner(options.store, options.engine, (sellerId) => alerts.schedule(sellerId), app.log);
  app.addHook('onClose', async () => imports.close());
  if (options.resumeImports) await imports.resume();
  const reprocessing = new ReprocessRunner(options.store, options.engine, (sellerId) => alerts.schedule(sellerId), app.log);
  app.addHook('onClose', async () => reprocessing.close());
  if (options.resumeImports) await reprocessing.resume();
  const publicUrl = normalizePublicUrl(options.publicUrl ?? 'http://localhost:8080');
  const certificateMail = { publicUrl, timeoutMs: options.certificateEmails?.timeoutMs };
  const reminders = new ReminderService(db, { ...certificateMail, intervalMs: options.certificateEmails?.reminderIntervalMs, logger: app.log });
  app.addHook('onClose', async () => reminders.close());
  app.decorate('levy', { alerts, imports, reprocessing, reminders });
  const deps = { app, registry, db, engine: options.engine, sellers: new SellerContexts(db, options.engine, cache), alerts, imports, reprocessing };
  registerCalculate(deps);
  registerTransactions(deps);
  registerConfig(deps);
  registerNexus(deps);
  registerAlerts(deps);
  registerImports(deps);
  registerCertificates(deps);
  registerCertificateRequests(deps, certificateMail);
  await registerCertificateRequestPage(deps, certificateMail);
  registerReturns(deps);
  registerGl(deps);
  registerReprocessing(deps);
  registerAttention(deps);
  registerSession(deps, { publicUrl });
  registerUsers(deps, { publicUrl });
  registerApiKeys(deps);
  await registerStripeConnector(deps, { publicUrl });
  await app.register(taxjarPlugin, { prefix: '/v2', deps });
  await app.register(avataxPlugin, { prefix: '/api/v2', deps });
  await app.register(anrokPlugin, { prefix: ANROK_PREFIX, deps });

  const document = openApiDocument(registry, options.version ?? '0.1.0');
  app.get('/openapi.json', { config: { auth: false } }, async () => document);
  await app.register(fastifySwagger, { mode: 'static', specification: { document: document as never } });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  if (options.webDir && webAppBuilt(options.webDir)) await registerWebApp(app, options.webDir);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Levy's background services, for the server's own use and for tests. */
    levy: { alerts: AlertService; imports: ImportRunner; reprocessing: ReprocessRunner; reminders: ReminderService };
  }
}
