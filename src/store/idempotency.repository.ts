/**
 * Idempotency-Key: the first answer to a POST made with a key is stored in
 * the same database transaction as the POST's own writes, so a retry gets
 * that answer and nothing happens twice. The same key with another request
 * is a conflict. Only successes are stored: a refused request changed
 * nothing, and a retry runs it again.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { TaxError } from '../errors/tax-error.js';
import type { Db } from './open.js';
import { idempotencyKeys } from './schema.js';

export interface IdempotentRequest {
  sellerId: string;
  key: string | undefined;
  method: string;
  path: string;
  body: unknown;
}

export interface Answer {
  status: number;
  body: unknown;
}

/**
 * Runs `work` in one database transaction, or replays the stored answer of
 * an earlier request with the same key.
 */
export async function idempotent(db: Db, request: IdempotentRequest, work: (tx: Db) => Promise<Answer>): Promise<Answer & { replayed: boolean }> {
  if (request.key === undefined) return { ...(await db.transaction(work)), replayed: false };
  const key = request.key;
  const hash = requestHash(request);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const [stored] = await tx
          .select()
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.sellerId, request.sellerId), eq(idempotencyKeys.key, key)));
        if (stored) {
          if (stored.requestHash !== hash) {
            throw new TaxError('idempotency_key_reused', `Idempotency-Key ${key} was used with a different request (${stored.method} ${stored.path})`);
          }
          return { status: stored.status, body: stored.response, replayed: true };
        }
        const answer = await work(tx);
        await tx.insert(idempotencyKeys).values({
          sellerId: request.sellerId,
          key,
          method: request.method,
          path: request.path,
          requestHash: hash,
          status: answer.status,
          response: answer.body as object,
        });
        return { ...answer, replayed: false };
      });
    } catch (error) {
      // Two requests with one key at once: the second's insert fails and its
      // transaction rolls back whole; running again replays the first's answer.
      if (attempt === 0 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

function requestHash(request: IdempotentRequest): string {
  return createHash('sha256').update(`${request.method} ${request.path}\n${canonical(request.body)}`).digest('hex');
}

/** JSON with object keys sorted, so the same request in another key order hashes the same. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    if ((e as { code?: string }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
