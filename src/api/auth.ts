/**
 * Bearer API keys. A key is verified against its scrypt hash once; after
 * that, the process remembers the key's fingerprint (never the key) and each
 * request only asks the database whether the key still stands, in the same
 * query that returns the seller's configuration version. So a revoked key
 * stops working at once, in every process, and requests do not pay for
 * scrypt.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fingerprint, parseKey } from '../auth/keys.js';
import { TaxError } from '../errors/tax-error.js';
import type { Db } from '../store/open.js';
import { keyStanding, verifySecret } from '../store/sellers.repository.js';

const REMEMBER_AT_MOST = 10_000;

export function registerAuth(app: FastifyInstance, db: Db): void {
  const verified = new Set<string>();

  app.addHook('preHandler', async (request: FastifyRequest) => {
    // Only routes declared through defineRoute ask for a key (the docs and the OpenAPI document are public).
    if (request.routeOptions.config.auth !== true) return;
    const header = request.headers.authorization;
    if (!header) throw new TaxError('authentication_required', 'send your API key as Authorization: Bearer <key>');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new TaxError('authentication_required', 'the Authorization header must be Bearer <key>');
    const key = parseKey(m[1]!);
    if (!key) throw new TaxError('api_key_invalid', 'the API key is not a Levy key (<sellerId>/<keyId>/secret.<secret>)');
    const standing = await keyStanding(db, key);
    if (!standing || standing.revoked) throw new TaxError('api_key_invalid', 'the API key is unknown or revoked');
    const print = fingerprint(m[1]!);
    if (!verified.has(print)) {
      if (!(await verifySecret(key.secret, standing.hash))) throw new TaxError('api_key_invalid', 'the API key is unknown or revoked');
      if (verified.size >= REMEMBER_AT_MOST) verified.clear();
      verified.add(print);
    }
    request.sellerId = key.sellerId;
    request.configVersion = standing.configVersion;
  });
}
