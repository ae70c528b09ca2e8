/**
 * Dashboard sign-in: the opaque tokens of sessions and set-password links
 * (the store keeps only their SHA-256: a stolen database opens no session),
 * how long each lasts, and the password rule.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'levy_session';

/** A session lapses after 12 hours without a request, and 7 days after sign-in whatever happens. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** How often a session's last use is written back (not on every request). */
export const SESSION_TOUCH_MS = 60 * 1000;

/** A set-password link works once, for 7 days. */
export const PASSWORD_TOKEN_MS = 7 * 24 * 60 * 60 * 1000;

export const PASSWORD_MIN_LENGTH = 12;
/** scrypt reads the whole password: a bound keeps a sign-in cheap to refuse. */
export const PASSWORD_MAX_LENGTH = 256;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** When a session used at `now` lapses: the idle limit, never past the absolute one. */
export function sessionExpiry(createdAt: Date, now: Date): Date {
  return new Date(Math.min(now.getTime() + SESSION_IDLE_MS, createdAt.getTime() + SESSION_MAX_MS));
}

export function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Addresses are compared lower-cased and trimmed, as the unique index compares them. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** What is wrong with a new password, or undefined when it will do. */
export function passwordProblem(password: string): string | undefined {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `a password needs at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `a password may have at most ${PASSWORD_MAX_LENGTH} characters`;
  return undefined;
}

/** The one-time link the web app answers at /set-password. */
export function setPasswordUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/set-password?token=${encodeURIComponent(token)}`;
}
