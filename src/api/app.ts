/**
 * The HTTP service: Fastify with the API's routes, authentication, errors
 * in one shape, a request id on every answer, and the OpenAPI document with
 * its reference page. Takes an open store and a loaded engine; opens
 * nothing itself, so tests build it on any store.
 */
import { randomBytes } from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Engine } from '../engine/load-engine.js';
import type { Db } from '../store/open.js';
import { registerAuth } from './auth.js';
import { registerErrors } from './errors.js';
import { openApiDocument } from './openapi.js';
import { RouteRegistry } from './route.js';
import { registerCalculate } from './routes/calculate.js';
import { registerConfig } from './routes/config.js';
import { registerTransactions } from './routes/transactions.js';
import { SellerContexts } from './seller-context.js';

export interface AppOptions {
  db: Db;
  engine: Engine;
  logger?: FastifyServerOptions['logger'];
  /** Largest request body in bytes (default 1 MiB). */
  bodyLimit?: number;
  version?: string;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    genReqId: () => `req_${randomBytes(8).toString('hex')}`,
    requestIdHeader: false,
  });
  const registry = new RouteRegistry();
  registerErrors(app);
  registerAuth(app, options.db);
  app.addHook('onSend', async (request, reply) => {
    reply.header('request-id', request.id);
  });

  const deps = { app, registry, db: options.db, engine: options.engine, sellers: new SellerContexts(options.db, options.engine) };
  registerCalculate(deps);
  registerTransactions(deps);
  registerConfig(deps);

  const document = openApiDocument(registry, options.version ?? '0.1.0');
  app.get('/openapi.json', { config: { auth: false } }, async () => document);
  await app.register(fastifySwagger, { mode: 'static', specification: { document: document as never } });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  return app;
}
