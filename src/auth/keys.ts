/**
 * API keys: `<sellerId>/<keyId>/secret.<secret>`, the shape Anrok's keys
 * have, so billing systems that split a key into an id and a secret can hold
 * it. The secret is shown once; the store keeps only its scrypt hash, and a
 * presented secret is compared in constant time.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCallback) as (secret: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;

const PARAMS = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

export const SELLER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export interface ParsedKey {
  sellerId: string;
  keyId: string;
  secret: string;
}

/** Splits a presented key; undefined when it is not of Levy's shape. */
export function parseKey(key: string): ParsedKey | undefined {
  const m = /^([^/\s]+)\/(key_[a-z0-9]+)\/secret\.([A-Za-z0-9_-]{20,})$/.exec(key);
  if (!m || !SELLER_ID.test(m[1]!)) return undefined;
  return { sellerId: m[1]!, keyId: m[2]!, secret: m[3]! };
}

export function newKeyParts(sellerId: string): ParsedKey {
  return { sellerId, keyId: `key_${randomBytes(8).toString('hex')}`, secret: randomBytes(32).toString('base64url') };
}

export function formatKey(parts: ParsedKey): string {
  return `${parts.sellerId}/${parts.keyId}/secret.${parts.secret}`;
}

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, KEY_LENGTH, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
