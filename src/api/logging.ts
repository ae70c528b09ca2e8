/**
 * Structured logs (pino, through Fastify): one JSON line per event, with
 * the request id. Request lines carry the method, path, status and timing;
 * headers and bodies are never logged, so no key, secret or address reaches
 * a log line.
 */
import type { FastifyServerOptions } from 'fastify';

export function loggerOptions(level: string, stream?: { write(line: string): void }): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: ['req.headers', 'req.body', 'res.body', 'err.request'], remove: true },
    serializers: {
      // The path without its query string: queries can name customers.
      // A certificate request link's token is a credential: it never reaches a log line.
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0]!.replace(/^\/certificate-requests\/[^/]+/, '/certificate-requests/<token>') }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
  };
}
