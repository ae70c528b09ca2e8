/**
 * Every failure answers `{ error: { type, code, message, param } }` with the
 * code's status. Fastify's own failures (malformed JSON, an oversized body,
 * an unknown route) are mapped to codes of the registry; anything unexpected
 * is a 500 `internal` whose message names the request id, never a stack.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { TaxError } from '../errors/tax-error.js';

export function registerErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | TaxError, request, reply) => {
    reply.header('request-id', request.id);
    const known = error instanceof TaxError ? error : fromFastify(error);
    if (known) {
      reply.code(known.status).send(known.toJSON());
      return;
    }
    request.log.error({ err: error }, 'request failed');
    const internal = new TaxError('internal', `Levy failed to answer this request (request id ${request.id})`);
    reply.code(500).send(internal.toJSON());
  });
  app.setNotFoundHandler((request, reply) => {
    reply.header('request-id', request.id);
    const error = new TaxError('route_not_found', `no endpoint ${request.method} ${request.url.split('?')[0]}`);
    reply.code(404).send(error.toJSON());
  });
}

function fromFastify(error: FastifyError): TaxError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new TaxError('invalid_json', `the request body is not valid JSON: ${error.message}`);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new TaxError('body_too_large', 'the request body is larger than the server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new TaxError('unsupported_media_type', 'send the request body as application/json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new TaxError('invalid_json', 'the request body does not match its Content-Length');
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 && error instanceof SyntaxError) {
    return new TaxError('invalid_json', `the request body is not valid JSON: ${error.message}`);
  }
  return undefined;
}
