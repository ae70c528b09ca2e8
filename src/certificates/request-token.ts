/**
 * The secret in a certificate request's link. 32 random bytes (256 bits)
 * make guessing hopeless; only the SHA-256 is stored, so a copy of the
 * database opens no link. Base64url keeps it one unescaped path segment.
 */
import { createHash, randomBytes } from 'node:crypto';

/** How long a link works. */
export const REQUEST_VALID_DAYS = 30;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newRequestToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashRequestToken(token) };
}

export function hashRequestToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a path segment can be a token at all (anything else is unknown without a database look-up). */
export function looksLikeRequestToken(value: string): boolean {
  return TOKEN.test(value);
}

export function requestExpiry(now: Date): Date {
  return new Date(now.getTime() + REQUEST_VALID_DAYS * 86_400_000);
}

/** The customer's link: the server's public address and the token (what the form starts with is stored on the request). */
export function requestLink(publicUrl: string, token: string): string {
  return new URL(`certificate-requests/${token}`, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).toString();
}

export type LinkState = 'open' | 'used' | 'expired';

/** Used wins over expired: a used link says so even after its 30 days. */
export function linkState(link: { usedAt: Date | null; expiresAt: Date }, now: Date): LinkState {
  if (link.usedAt) return 'used';
  return link.expiresAt.getTime() > now.getTime() ? 'open' : 'expired';
}
