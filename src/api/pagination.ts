/** Cursor lists: `?limit=` (default 50, at most 500) and an opaque `?cursor=`. */
import { TaxError } from '../errors/tax-error.js';

export function limitOf(limit: string | undefined): number {
  if (limit === undefined) return 50;
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new TaxError('parameter_invalid', 'limit must be a whole number from 1 to 500', 'limit');
  return n;
}

export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<T>(cursor: string | undefined, valid: (value: unknown) => value is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (valid(value)) return value;
  } catch {
    // fall through to the error below
  }
  throw new TaxError('parameter_invalid', 'cursor is not one this list handed out', 'cursor');
}

/** One more row than asked tells whether a next page exists. */
export function page<T>(rows: T[], limit: number, position: (last: T) => unknown): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? encodeCursor(position(data[data.length - 1]!)) : null };
}
