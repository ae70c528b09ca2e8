/**
 * POST handlers run their work through here: with an Idempotency-Key the
 * first answer is stored with the work's writes and replayed to retries
 * (store/idempotency.repository.ts); without one, the work is simply one
 * database transaction.
 */
import type { FastifyRequest } from 'fastify';
import type { Db } from '../store/open.js';
import { idempotent } from '../store/idempotency.repository.js';

export async function answerOnce<T>(db: Db, request: FastifyRequest, sellerId: string, body: unknown, work: (tx: Db) => Promise<T>): Promise<T> {
  const answer = await idempotent(
    db,
    { sellerId, key: idempotencyKey(request.headers['idempotency-key']), method: 'POST', path: request.url, body },
    async (tx) => ({ status: 200, body: await work(tx) }),
  );
  return answer.body as T;
}

export function idempotencyKey(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value === '' ? undefined : value.slice(0, 255);
}
