/**
 * TaxJar clients send `Authorization: Bearer <token>` or the older
 * `Authorization: Token token="<token>"`. Either carries a Levy API key,
 * checked by Levy's own Authenticator.
 */
import type { Authenticator, Identity } from '../../api/auth.js';
import { TaxError } from '../../errors/tax-error.js';
import { fromTaxError, TaxjarError } from './errors.js';

/** The token of either form, or undefined when the header has neither. */
export function tokenOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1];
  const token = /^Token\s+token="?([^"\s]+)"?\s*$/i.exec(header);
  return token?.[1];
}

export async function authenticateTaxjar(authenticator: Authenticator, header: string | undefined, route: string): Promise<Identity> {
  const token = tokenOf(header);
  if (!token) throw new TaxjarError(401, `Not authorized for route '${route}': send Authorization: Bearer <your Levy API key>`);
  try {
    return await authenticator.authenticate(`Bearer ${token}`);
  } catch (error) {
    if (error instanceof TaxError) throw new TaxjarError(401, `Not authorized for route '${route}': ${fromTaxError(error).detail.replace(/^Not authorized: /, '')}`);
    throw error;
  }
}
