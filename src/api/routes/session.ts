/**
 * Dashboard sign-in: a session cookie for a person's email and password,
 * who it belongs to, signing out, and setting a password from a one-time
 * link. Failed sign-ins are limited per email and per client address.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashSecret, verifySecret } from '../../auth/keys.js';
import { normalizeEmail, passwordProblem, sameSecret, SESSION_COOKIE } from '../../auth/sessions.js';
import { ADDRESS_LIMIT, EMAIL_LIMIT, retryAfterSeconds, type Limit } from '../../auth/sign-in-limit.js';
import { TaxError } from '../../errors/tax-error.js';
import type { Db } from '../../store/open.js';
import { sellerName } from '../../store/sellers.repository.js';
import { clearFailures, createSession, deleteSession, liveSession, recentFailures, recordFailure, setPasswordWithToken, userByEmail, type SessionUser } from '../../store/users.repository.js';
import type { Deps } from '../deps.js';
import { defineRoute } from '../route.js';
import { passwordSet, sessionAnswer, setPasswordBody, signedOut, signInBody } from '../session-schemas.js';

/** Compared against when no user has the email, so an unknown address takes as long to refuse as a wrong password. */
let decoyHash: Promise<string> | undefined;

export function registerSession({ app, registry, db }: Deps, options: { publicUrl: string }): void {
  const secure = options.publicUrl.startsWith('https:');
  const cookieOptions = { httpOnly: true, sameSite: 'strict', path: '/', secure } as const;

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/session',
    tag: 'Dashboard',
    summary: 'Sign in to the dashboard with email and password',
    description:
      'Sets the cookie levy_session (HttpOnly, SameSite=Strict). Every /v1 endpoint then accepts the cookie instead of an API key; ' +
      'requests other than GET and HEAD must also send the answer\'s csrfToken as the header x-csrf-token. ' +
      `After ${EMAIL_LIMIT.max} failures for one email (or ${ADDRESS_LIMIT.max} from one address) in ${EMAIL_LIMIT.windowMs / 60000} minutes, sign-in answers 429 with Retry-After.`,
    auth: false,
    body: signInBody,
    response: sessionAnswer,
    handler: async ({ request, reply, body }) => {
      const now = new Date();
      const keys: Array<[string, Limit]> = [
        [`email:${normalizeEmail(body.email)}`, EMAIL_LIMIT],
        [`ip:${request.ip}`, ADDRESS_LIMIT],
      ];
      await refuseWhileLimited(db, reply, keys, now);
      const user = await userByEmail(db, normalizeEmail(body.email));
      decoyHash ??= hashSecret('no user has this password');
      const matches = await verifySecret(body.password, user?.passwordHash ?? (await decoyHash));
      if (!user || !user.passwordHash || user.disabledAt || !matches) {
        await recordFailure(db, keys.map(([key]) => key), now, new Date(now.getTime() - Math.max(EMAIL_LIMIT.windowMs, ADDRESS_LIMIT.windowMs)));
        throw new TaxError('credentials_invalid', 'no user has this email and password');
      }
      await clearFailures(db, keys[0]![0]);
      // Signing in again from the same browser replaces its session rather than leaving the old one live.
      const previous = request.cookies[SESSION_COOKIE];
      if (previous) await deleteSession(db, previous);
      const { token, csrfToken } = await createSession(db, user.sellerId, user.id, now);
      // No Max-Age: the browser forgets the cookie when it closes; the server ends the session sooner or later anyway.
      reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      const sessionUser: SessionUser = { id: user.id, email: user.email, role: user.role, sellerId: user.sellerId, sellerName: await sellerName(db, user.sellerId) };
      return { user: sessionUser, csrfToken };
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/session',
    tag: 'Dashboard',
    summary: 'Who is signed in, and the session\'s CSRF token',
    auth: false,
    response: sessionAnswer,
    handler: async ({ request }) => {
      const session = await sessionOf(db, request);
      if (!session) throw new TaxError('authentication_required', 'not signed in: POST /v1/session');
      return { user: session.user, csrfToken: session.csrfToken };
    },
  });

  defineRoute(app, registry, {
    method: 'DELETE',
    url: '/v1/session',
    tag: 'Dashboard',
    summary: 'Sign out: ends the session and clears its cookie',
    description: 'With a live session the header x-csrf-token is required, as for any change. Without one the cookie is cleared all the same.',
    auth: false,
    response: signedOut,
    handler: async ({ request, reply }) => {
      const token = request.cookies[SESSION_COOKIE];
      const session = await sessionOf(db, request);
      if (token && session) {
        const presented = request.headers['x-csrf-token'];
        if (typeof presented !== 'string' || !sameSecret(presented, session.csrfToken)) {
          throw new TaxError('csrf_token_invalid', 'send the session\'s csrfToken in the header x-csrf-token to sign out', 'x-csrf-token');
        }
        await deleteSession(db, token);
      }
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { signedOut: true as const };
    },
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/password',
    tag: 'Dashboard',
    summary: 'Set a password with a one-time link\'s token',
    description: 'The link (<publicUrl>/set-password?token=...) works once, for 7 days. Setting the password ends the user\'s other sessions.',
    auth: false,
    body: setPasswordBody,
    response: passwordSet,
    handler: async ({ body }) => {
      const problem = passwordProblem(body.password);
      if (problem) throw new TaxError('parameter_invalid', problem, 'password');
      const email = await setPasswordWithToken(db, body.token, await hashSecret(body.password));
      if (email === undefined) throw new TaxError('password_token_invalid', 'this set-password link is unknown, used already or expired: ask an admin for a new one', 'token');
      return { email };
    },
  });
}

async function sessionOf(db: Db, request: FastifyRequest) {
  const token = request.cookies[SESSION_COOKIE];
  return token ? liveSession(db, token) : undefined;
}

async function refuseWhileLimited(db: Db, reply: FastifyReply, keys: Array<[string, Limit]>, now: Date): Promise<void> {
  let wait = 0;
  for (const [key, limit] of keys) {
    const failures = await recentFailures(db, key, new Date(now.getTime() - limit.windowMs), limit.max);
    wait = Math.max(wait, retryAfterSeconds(failures, limit, now));
  }
  if (wait > 0) {
    reply.header('retry-after', String(wait));
    throw new TaxError('too_many_attempts', `too many failed sign-ins: try again in ${wait} seconds`);
  }
}
