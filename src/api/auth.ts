/**
 * Bearer API keys. A key is verified against its scrypt hash once; after
 * that, the process remembers that it was (in memory only, bounded; the
 * database keeps nothing but the hash). Whether
 * the key still stands, and the seller's configuration version, come from
 * the seller cache, which every process empties for a seller the moment a
 * revocation or configuration change is announced. So a revoked key stops
 * working at once, everywhere, and requests pay neither scrypt nor a query.
 */
import { parseKey } from '../auth/keys.js';
import { TaxError } from '../errors/tax-error.js';
import type { Db } from '../store/open.js';
import { keyStanding, verifySecret } from '../store/sellers.repository.js';
import type { SellerCache } from './seller-cache.js';

const REMEMBER_AT_MOST = 10_000;

export interface Identity {
  sellerId: string;
  configVersion: number;
}

export class Authenticator {
  private readonly verified = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly cache: SellerCache,
  ) {}

  async authenticate(header: string | undefined): Promise<Identity> {
    if (!header) throw new TaxError('authentication_required', 'send your API key as Authorization: Bearer <key>');
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
    return { sellerId: key.sellerId, configVersion: standing.configVersion };
  }
}
