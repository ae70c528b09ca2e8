/**
 * Anrok's API under /v1/seller, in an encapsulated Fastify scope: its own
 * body parser (an empty body is `{}`), its own authentication (a Levy key
 * has Anrok's `<sellerId>/<keyId>/secret.<secret>` shape), and errors in
 * Anrok's shapes only. Kept out of Levy's OpenAPI document
 * (docs/compatibility.md describes it).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TaxError } from '../../errors/tax-error.js';
import type { Deps } from '../../api/deps.js';
import { AnrokBadRequest, AnrokConflict, fromTaxError, fromZod } from './errors.js';
import { registerTransactions } from './transactions.js';
import { registerCatalog } from './catalog.js';
import { registerCertificates } from './certificates.js';

export const ANROK_PREFIX = '/v1/seller';

export interface AnrokContext {
  request: FastifyRequest;
  reply: FastifyReply;
  sellerId: string;
  configVersion: number;
}

/** Declares one POST of the scope: its body checked against `schema`, the handler given the authenticated seller. */
export type AnrokPost = <S extends z.ZodType>(url: string, schema: S, handler: (ctx: AnrokContext, body: z.output<S>) => Promise<unknown>) => void;

export interface AnrokPluginOptions {
  deps: Deps;
}

export async function anrokPlugin(scope: FastifyInstance, { deps }: AnrokPluginOptions): Promise<void> {
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body).trim();
    if (text === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AnrokBadRequest('Request body: Invalid JSON.'), undefined);
    }
  });

  scope.addHook('onRequest', async (request, reply) => {
    reply.header('request-id', request.id);
    const identity = await deps.registry.authenticator.authenticate(request.headers.authorization);
    request.sellerId = identity.sellerId;
    request.configVersion = identity.configVersion;
  });

  scope.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const known = anrokError(error);
    if (known instanceof AnrokConflict) return reply.code(409).type('application/json').send(known.body());
    if (known) return reply.code(known.status).type('application/json').send(JSON.stringify(known.message));
    request.log.error({ err: error }, 'Anrok request failed');
    return reply.code(500).type('application/json').send(JSON.stringify(`Levy failed to answer this request (request id ${request.id})`));
  });

  scope.setNotFoundHandler((request, reply) => {
    reply.code(404).type('application/json').send(JSON.stringify(`No endpoint ${request.method} ${request.url.split('?')[0]}`));
  });

  const post: AnrokPost = (url, schema, handler) => {
    scope.post(url, async (request, reply) => {
      const parsed = schema.safeParse(request.body ?? {});
      if (!parsed.success) throw fromZod(parsed.error);
      return handler({ request, reply, sellerId: request.sellerId!, configVersion: request.configVersion! }, parsed.data);
    });
  };

  registerTransactions(scope, post, deps);
  registerCatalog(scope, post, deps);
  registerCertificates(scope, post, deps);
}

function anrokError(error: Error): AnrokConflict | AnrokBadRequest | undefined {
  if (error instanceof AnrokConflict || error instanceof AnrokBadRequest) return error;
  if (error instanceof z.ZodError) return fromZod(error);
  if (error instanceof TaxError) return fromTaxError(error);
  const code = (error as FastifyError).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AnrokBadRequest('Request body: Too large.', 413);
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AnrokBadRequest('Request body: Send JSON (Content-Type: application/json).', 415);
  if (code?.startsWith('FST_ERR_CTP_') || error instanceof SyntaxError) return new AnrokBadRequest('Request body: Invalid JSON.');
  return undefined;
}
