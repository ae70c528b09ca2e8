/**
 * Address → jurisdictions. US addresses resolve by ZIP code to the state and
 * its local jurisdictions (an imported ZIP table first, else the default
 * local content); Canadian ones to the province (by the postal code's first
 * letter when no province is given) and the federal GST unless the province
 * is harmonized; other countries to the country. What strict validation
 * refuses, lenient validation accepts with a warning and a coarser result.
 */
import { US_STATES, type ZipIndex } from '../address/zip-index.js';
import type { CompiledContent, Jurisdiction } from '../content/compile.js';
import { TaxError } from '../errors/tax-error.js';
import type { ImportedRates } from '../rates/imported.js';
import type { Address, ResolvedAddress, Warning } from './schemas.js';

export interface Resolution {
  address: ResolvedAddress;
  /** Top-level first (country or state), then locals: county, city, special. */
  jurisdictions: Jurisdiction[];
  /** The country's or state's ISO id (US-TX, CA-ON, DE) even where Levy has no content for it. */
  country: string;
}

export interface AddressContext {
  content: CompiledContent;
  zips: ZipIndex;
  imported: ImportedRates;
  strict: boolean;
  date: string;
  warnings: Warning[];
}

const US_ZIP = /^(\d{5})(?:-?\d{4})?$/;
const CA_POSTAL = /^([A-Z])(\d)([A-Z]) ?\d[A-Z]\d$/;

/**
 * Canada Post's forward sortation areas begin with a letter that names the
 * province (X is shared by the Northwest Territories and Nunavut, split by
 * the next two characters).
 */
const CA_POSTAL_PROVINCE: Record<string, string> = {
  A: 'NL', B: 'NS', C: 'PE', E: 'NB', G: 'QC', H: 'QC', J: 'QC', K: 'ON', L: 'ON', M: 'ON', N: 'ON', P: 'ON',
  R: 'MB', S: 'SK', T: 'AB', V: 'BC', Y: 'YT',
};

export function resolveAddress(raw: Address, param: string, ctx: AddressContext): Resolution {
  const country = raw.country.toUpperCase();
  if (country === 'US') return resolveUs(raw, param, ctx);
  if (country === 'CA') return resolveCanada(raw, param, ctx);
  const j = ctx.content.jurisdictions.get(country);
  return { address: resolved(country, undefined, raw.postalCode, undefined, undefined, 'country'), jurisdictions: j ? [j] : [], country };
}

function resolveUs(raw: Address, param: string, ctx: AddressContext): Resolution {
  const region = raw.region?.trim().toUpperCase() || undefined;
  if (region !== undefined && !US_STATES.has(region)) {
    throw new TaxError('address_unresolvable', `${region} is not a US state or DC (use the two-letter code, such as TX)`, `${param}.region`);
  }
  const postal = raw.postalCode?.trim();
  if (!postal) {
    if (!region) throw new TaxError('address_unresolvable', 'a US address needs a ZIP code or a state', `${param}.postalCode`);
    lenientOr(ctx, 'address_incomplete', `a US address needs a ZIP code to find its local taxes`, `${param}.postalCode`);
    return stateOnly(region, undefined, 'region', ctx, param);
  }
  const m = US_ZIP.exec(postal);
  if (!m) {
    if (!region) throw new TaxError('postal_code_invalid', `${postal} is not a US ZIP code (five digits, or ZIP+4)`, `${param}.postalCode`);
    lenientOr(ctx, 'postal_code_invalid', `${postal} is not a US ZIP code (five digits, or ZIP+4)`, `${param}.postalCode`);
    return stateOnly(region, undefined, 'region', ctx, param);
  }
  const zip = m[1]!;
  const info = ctx.zips.get(zip);
  if (info) {
    const state = region ?? info.state;
    const sameState = state === info.state;
    // A border ZIP the postal data gives to a neighbour is accepted where an imported table lists it.
    if (!sameState && ctx.imported.localsFor(state, zip, ctx.date) === undefined) {
      lenientOr(ctx, 'address_mismatch', `ZIP code ${zip} is in ${info.state}, not ${state}`, `${param}.postalCode`);
      return stateOnly(state, zip, 'region', ctx, param);
    }
    const locals = localsOf(state, zip, ctx);
    const stateJ = stateJurisdiction(state, ctx, param);
    if (locals.jurisdictions.length === 0 && stateJ.localSalesTax) {
      ctx.warnings.push({
        code: 'local_rates_missing',
        message: `places in ${state} levy local sales taxes, and Levy has no local rates for ZIP ${zip}: only the state tax is included (import a rate table with levy rates import)`,
        param: `${param}.postalCode`,
      });
    }
    const address = resolved('US', state, zip, sameState ? info.county : undefined, sameState ? info.city : undefined, 'zip5');
    return { address, jurisdictions: [stateJ, ...locals.jurisdictions], country: `US-${state}` };
  }
  // Not in the postal data: the three-digit prefix still names the state.
  const states = ctx.zips.statesOfPrefix(zip);
  const state = region ?? (states.length === 1 ? states[0] : undefined);
  if (!state) throw new TaxError('address_unresolvable', `ZIP code ${zip} is not in Levy's postal data; give the state as well`, `${param}.postalCode`);
  if (states.length > 0 && !states.includes(state)) {
    lenientOr(ctx, 'address_mismatch', `ZIP code ${zip} is in ${states.join(' or ')}, not ${state}`, `${param}.postalCode`);
    return stateOnly(state, zip, 'region', ctx, param);
  }
  const imported = ctx.imported.localsFor(state, zip, ctx.date);
  if (imported) {
    const address = resolved('US', state, zip, undefined, undefined, 'zip5');
    return { address, jurisdictions: [stateJurisdiction(state, ctx, param), ...imported.jurisdictions], country: `US-${state}` };
  }
  ctx.warnings.push({ code: 'zip_not_found', message: `ZIP code ${zip} is not in Levy's postal data: the ${state} state tax is included, local taxes are not`, param: `${param}.postalCode` });
  return stateOnly(state, zip, 'zip3', ctx, param, false);
}

function localsOf(state: string, zip: string, ctx: AddressContext): { jurisdictions: readonly Jurisdiction[] } {
  const imported = ctx.imported.localsFor(state, zip, ctx.date);
  if (imported) return { jurisdictions: imported.jurisdictions };
  const first = ctx.imported.firstEffective(state, zip);
  if (first) {
    ctx.warnings.push({ code: 'imported_rates_later', message: `the imported rate table for ZIP ${zip} applies from ${first}; for ${ctx.date} Levy's default local content is used` });
  }
  return { jurisdictions: ctx.content.localsOfZip(zip) };
}

function stateOnly(state: string, zip: string | undefined, resolution: 'region' | 'zip3', ctx: AddressContext, param: string, warn = true): Resolution {
  if (warn) ctx.warnings.push({ code: 'local_taxes_omitted', message: `the address resolved to ${state} only: local taxes are not included`, param });
  const address = resolved('US', state, zip, undefined, undefined, resolution);
  return { address, jurisdictions: [stateJurisdiction(state, ctx, param)], country: `US-${state}` };
}

function stateJurisdiction(state: string, ctx: AddressContext, param: string): Jurisdiction {
  const j = ctx.content.jurisdictions.get(`US-${state}`);
  if (!j) throw new TaxError('address_unresolvable', `Levy's content has no file for US-${state}`, `${param}.region`);
  return j;
}

function resolveCanada(raw: Address, param: string, ctx: AddressContext): Resolution {
  const region = raw.region?.trim().toUpperCase() || undefined;
  const postal = raw.postalCode?.trim().toUpperCase();
  const m = postal ? CA_POSTAL.exec(postal) : null;
  if (postal && !m) lenientOr(ctx, 'postal_code_invalid', `${postal} is not a Canadian postal code (A1A 1A1)`, `${param}.postalCode`);
  const fromPostal = m ? (m[1] === 'X' ? (['X0A', 'X0B', 'X0C'].includes(`${m[1]}${m[2]}${m[3]}`) ? 'NU' : 'NT') : CA_POSTAL_PROVINCE[m[1]!]) : undefined;
  if (region && !ctx.content.jurisdictions.has(`CA-${region}`)) {
    throw new TaxError('address_unresolvable', `${region} is not a Canadian province or territory (use the two-letter code, such as ON)`, `${param}.region`);
  }
  if (region && fromPostal && region !== fromPostal) {
    lenientOr(ctx, 'address_mismatch', `postal code ${postal} is in ${fromPostal}, not ${region}`, `${param}.postalCode`);
  }
  const province = region ?? fromPostal;
  const federal = ctx.content.jurisdictions.get('CA');
  if (!province) {
    lenientOr(ctx, 'address_incomplete', 'a Canadian address needs its province (or a postal code) to find HST or provincial tax', `${param}.region`);
    ctx.warnings.push({ code: 'provincial_tax_omitted', message: 'the province is unknown: only the federal GST is included', param });
    return { address: resolved('CA', undefined, postal, undefined, undefined, 'country'), jurisdictions: federal ? [federal] : [], country: 'CA' };
  }
  const p = ctx.content.jurisdictions.get(`CA-${province}`);
  const jurisdictions = p?.harmonized ? [p] : [federal, p].filter((j) => j !== undefined);
  return { address: resolved('CA', province, postal, undefined, undefined, 'region'), jurisdictions, country: `CA-${province}` };
}

/** Every resolved address has the same fields (undefined where unknown), built in one place. */
function resolved(
  country: string,
  region: string | undefined,
  postalCode: string | undefined,
  county: string | undefined,
  city: string | undefined,
  resolution: ResolvedAddress['resolution'],
): ResolvedAddress {
  return { country, region, postalCode: postalCode || undefined, county, city, resolution, sourcing: undefined };
}

/** Strict validation refuses; lenient validation goes on with a warning. */
function lenientOr(ctx: AddressContext, code: 'address_incomplete' | 'address_mismatch' | 'postal_code_invalid', message: string, param: string): void {
  if (ctx.strict) throw new TaxError(code, message, param);
  ctx.warnings.push({ code, message, param });
}
