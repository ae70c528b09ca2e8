/**
 * Bearer API keys. A key is verified against its scrypt hash once; after
 * that, the process remembers that it was (in memory only, bounded; the
 * database keeps nothing but the hash). Whether
 * the key still stands, and the seller's configuration version, come from
 * the seller cache, which every process empties for a seller the moment a
 * revocation or configuration change is announced. So a revoked key stops
 * working at once, everywhere, and requests pay neither scrypt nor a query.
 */
import type { FastifyRequest } from 'fastify';
import { parseKey } from '../auth/keys.js';
import { sameSecret, SESSION_COOKIE } from '../auth/sessions.js';
import { TaxError } from '../errors/tax-error.js';
import type { Db } from '../store/open.js';
import { KEY_USE_GRANULARITY_MS, keyStanding, recordKeyUse, verifySecret } from '../store/sellers.repository.js';
import { liveSession, type SessionUser } from '../store/users.repository.js';
import type { SellerCache } from './seller-cache.js';

const REMEMBER_AT_MOST = 10_000;

export interface Identity {
  sellerId: string;
  configVersion: number;
  /** The signed-in person, when the request came with the dashboard's session cookie rather than an API key. */
  user?: SessionUser;
}

/** Methods that change nothing, so a cookie alone may send them. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

export class Authenticator {
  private readonly verified = new Set<string>();
  /** When this process last recorded each key's use (ms), so most requests write nothing. */
  private readonly recordedUse = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly cache: SellerCache,
  ) {}

  /**
   * An API key in the Authorization header, as ever; failing that, the
   * session cookie. A cookie is sent by the browser on its own, so a request
   * that changes something must also show the session's CSRF token, which
   * only the dashboard's own pages have read. Admin routes refuse members;
   * an API key acts for its seller and may use them.
   */
  async authenticateRequest(request: FastifyRequest, route: { admin: boolean }): Promise<Identity> {
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (request.headers.authorization !== undefined || !cookie) return this.authenticate(request.headers.authorization);
    const session = await liveSession(this.db, cookie);
    if (!session) throw new TaxError('authentication_required', 'the session has ended: sign in again (POST /v1/session)');
    if (!SAFE_METHODS.has(request.method)) {
      const presented = request.headers['x-csrf-token'];
      if (typeof presented !== 'string' || !sameSecret(presented, session.csrfToken)) {
        throw new TaxError('csrf_token_invalid', 'send the session\'s csrfToken (from POST or GET /v1/session) in the header x-csrf-token', 'x-csrf-token');
      }
    }
    if (route.admin && session.user.role !== 'admin') throw new TaxError('forbidden', `${request.method} ${request.routeOptions.url ?? request.url} is for admins; ${session.user.email} is a member`);
    return { sellerId: session.user.sellerId, configVersion: session.configVersion, user: session.user };
  }

  async authenticate(header: string | undefined): Promise<Identity> {
    if (!header) throw new TaxError('authentication_required', 'send your API key as Authorization: Bearer <key> (or sign in to the dashboard: POST /v1/session)');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new TaxError('authentication_required', 'the Authorization header must be Bearer <key>');
    const key = parseKey(m[1]!);
    if (!key) throw new TaxError('api_key_invalid', 'the API key is not a Levy key (<sellerId>/<keyId>/secret.<secret>)');
    const standing = await this.cache.get(key.sellerId, `key:${key.keyId}`, () => keyStanding(this.db, key));
    if (!standing || standing.revoked) throw new TaxError('api_key_invalid', 'the API key is unknown or revoked');
    const presented = m[1]!;
    if (!this.verified.has(presented)) {
      if (!(await verifySecret(key.secret, standing.hash))) throw new TaxError('api_key_invalid', 'the API key is unknown or revoked');
      if (this.verified.size >= REMEMBER_AT_MOST) this.verified.clear();
      this.verified.add(presented);
    }
    this.noteUse(key);
    return { sellerId: key.sellerId, configVersion: standing.configVersion };
  }

  /** Records the key's use at most hourly, off the request's path: a failure to record never fails the request. */
  private noteUse(key: { sellerId: string; keyId: string }): void {
    const id = `${key.sellerId}/${key.keyId}`;
    const now = Date.now();
    if (now - (this.recordedUse.get(id) ?? 0) < KEY_USE_GRANULARITY_MS) return;
    if (this.recordedUse.size >= REMEMBER_AT_MOST) this.recordedUse.clear();
    this.recordedUse.set(id, now);
    recordKeyUse(this.db, key).catch(() => this.recordedUse.delete(id));
  }
}
