/**
 * AvaTax clients send HTTP Basic credentials. A Levy key
 * `<sellerId>/<keyId>/secret.<secret>` fits them as username
 * `<sellerId>/<keyId>` and password `<secret>` (or `secret.<secret>`), or
 * as the whole key in either field; a Bearer Levy key is taken as well.
 * The key found is checked by Levy's own Authenticator.
 */
import type { Authenticator, Identity } from '../../api/auth.js';
import { TaxError } from '../../errors/tax-error.js';
import { AvaTaxError } from './errors.js';

/** The Levy key the Authorization header carries; undefined when it carries none. */
export function levyKeyOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1]!;
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (username.includes('/secret.')) return username;
  if (password.includes('/secret.')) return password;
  return `${username}/${password.startsWith('secret.') ? password : `secret.${password}`}`;
}

/** The seller the credentials belong to, or AvaTax's 401. */
export async function authenticate(authenticator: Authenticator, header: string | undefined): Promise<Identity> {
  if (!header) throw new AvaTaxError('AuthenticationIncomplete', 'Authentication incomplete: send HTTP Basic credentials (a Levy key: username <sellerId>/<keyId>, password its secret).', 401);
  const key = levyKeyOf(header);
  if (!key) throw new AvaTaxError('BasicAuthIncorrect', 'The Authorization header is not HTTP Basic credentials of a Levy key.', 401);
  try {
    return await authenticator.authenticate(`Bearer ${key}`);
  } catch (error) {
    if (error instanceof TaxError && error.status === 401) throw new AvaTaxError('AuthenticationException', 'Authentication failed: the credentials are unknown or revoked.', 401);
    throw error;
  }
}
