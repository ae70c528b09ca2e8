import { TaxError } from '../errors/tax-error.js';
import { resolveAddress, type AddressContext, type Resolution } from './address.js';
import type { ParsedRequest } from './schemas.js';

/**
 * In-state sales of a seller in an origin-based state take their local
 * taxes from where the seller ships (California: county and city from the
 * origin, district taxes from the destination).
 */
export function sourced(destination: Resolution, request: ParsedRequest, ctx: AddressContext): Resolution {
  const from = request.shipFrom;
  const state = destination.jurisdictions[0];
  if (!from || from.country.toUpperCase() !== 'US' || destination.address.country !== 'US' || !state) return destination;
  const sourcing = state.sourcing.at(ctx.date);
  if (!sourcing || sourcing.intrastate === 'destination') return destination;
  let origin: Resolution;
  try {
    // The ship-from address never refuses a sale: at worst destination sourcing applies.
    origin = resolveAddress(from, 'shipFrom', { ...ctx, strict: false, warnings: [] });
  } catch (error) {
    if (!(error instanceof TaxError)) throw error;
    ctx.warnings.push({ code: 'origin_unresolved', message: `the ship-from address could not be resolved (${error.message}): destination sourcing used`, param: 'shipFrom' });
    return destination;
  }
  if (origin.address.region !== destination.address.region) return destination; // an interstate sale
  if (origin.address.resolution !== 'zip5') {
    ctx.warnings.push({ code: 'origin_unresolved', message: 'the ship-from address has no usable ZIP code: destination sourcing used', param: 'shipFrom.postalCode' });
    return destination;
  }
  const originLevels = new Set<string>(sourcing.originLevels ?? (sourcing.intrastate === 'origin' ? ['county', 'city', 'special'] : []));
  const locals = [
    ...origin.jurisdictions.slice(1).filter((j) => originLevels.has(j.level)),
    ...destination.jurisdictions.slice(1).filter((j) => !originLevels.has(j.level)),
  ];
  return {
    ...destination,
    address: { ...destination.address, sourcing: sourcing.intrastate },
    jurisdictions: [state, ...locals],
  };
}
