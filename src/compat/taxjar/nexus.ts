/**
 * Where Levy collects: the seller's registrations. TaxJar's `has_nexus` is
 * whether the seller is registered for the destination's state (or
 * country, or the registration that covers it, such as EU-OSS).
 */
import type { CompiledContent } from '../../content/compile.js';
import type { Address } from '../../engine/schemas.js';
import { isRegistered, type PreparedSeller } from '../../engine/seller.js';

export function destinationJurisdiction(address: Address): string {
  return (address.country === 'US' || address.country === 'CA') && address.region ? `${address.country}-${address.region}` : address.country;
}

export function hasNexus(seller: PreparedSeller, content: CompiledContent, address: Address, date: string): boolean {
  const id = destinationJurisdiction(address);
  const j = content.jurisdictions.get(id);
  const ids = [id, ...(j?.registrations ?? []), ...(j?.parent ? [j.parent] : [])];
  return ids.some((r) => isRegistered(seller, r, date));
}
