/**
 * Anrok addresses to Levy's. Anrok takes a country as a full name or an
 * ISO code, a region as a name ("Quebec") or a code, and still accepts its
 * deprecated US form (`state`, `zipCode`); Levy wants ISO codes, and
 * two-letter state and province codes in the US and Canada.
 */
import type { Address } from '../../engine/schemas.js';
import { AnrokConflict } from './errors.js';

export interface AnrokAddress {
  country?: string | null | undefined;
  line1?: string | null | undefined;
  city?: string | null | undefined;
  region?: string | null | undefined;
  postalCode?: string | null | undefined;
  /** Deprecated US form. */
  state?: string | null | undefined;
  zipCode?: string | null | undefined;
}

const ALIASES: Record<string, string> = {
  usa: 'US',
  'united states of america': 'US',
  uk: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  'great britain': 'GB',
};

/** Retired or reserved codes the runtime still names, after a current country (DD "Germany", UK "United Kingdom"). */
const RETIRED = new Set(['AN', 'BU', 'CS', 'DD', 'EU', 'EZ', 'FX', 'NT', 'QO', 'SU', 'TP', 'UK', 'UN', 'YU', 'ZR']);

let countryNames: Map<string, string> | undefined;

/** Every ISO 3166 two-letter code the runtime can name, by its English name. */
function countriesByName(): Map<string, string> {
  if (countryNames) return countryNames;
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  const byName = new Map<string, string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && name !== code && !RETIRED.has(code)) byName.set(name.toLowerCase(), code);
    }
  }
  countryNames = byName;
  return byName;
}

/** ISO code of a country named by code or by name; undefined when unknown. */
export function countryCode(country: string): string | undefined {
  const text = country.trim();
  if (/^[A-Za-z]{2}$/.test(text)) return text.toUpperCase() === 'UK' ? 'GB' : text.toUpperCase();
  const key = text.toLowerCase();
  return ALIASES[key] ?? countriesByName().get(key);
}

/** Region names of the US and Canada to their codes ("quebec" → "QC"), built from the tax content. */
export type RegionCodes = ReadonlyMap<string, string>;

export function regionCodes(jurisdictions: Iterable<{ id: string; name: string; level: string }>): RegionCodes {
  const codes = new Map<string, string>();
  for (const j of jurisdictions) {
    const m = /^(US|CA)-([A-Z]{2})$/.exec(j.id);
    if (j.level === 'state' && m) codes.set(`${m[1]}:${j.name.toLowerCase()}`, m[2]!);
  }
  return codes;
}

const present = (value: string | null | undefined): string | undefined => (value === null || value === undefined || value.trim() === '' ? undefined : value);

/** Levy's address for an Anrok one; an address without a country Levy can tell is one Anrok "could not resolve". */
export function levyAddress(address: AnrokAddress, regions: RegionCodes): Address {
  const postalCode = present(address.postalCode) ?? present(address.zipCode);
  const region = present(address.region) ?? present(address.state);
  const named = present(address.country);
  // The legacy form is US only, and a US ZIP code says the country when it is left out.
  const country = named ? countryCode(named) : address.zipCode || address.state || (postalCode && /^\d{5}(-\d{4})?$/.test(postalCode)) ? 'US' : undefined;
  if (!country) throw new AnrokConflict('customerAddressCouldNotResolve');
  const result: Address = { country };
  const line1 = present(address.line1);
  const city = present(address.city);
  if (line1) result.line1 = line1;
  if (city) result.city = city;
  if (postalCode) result.postalCode = postalCode.trim();
  if (region) result.region = regionCode(region, country, regions);
  return result;
}

function regionCode(region: string, country: string, regions: RegionCodes): string {
  const text = region.trim();
  if (country !== 'US' && country !== 'CA') return text;
  if (/^[A-Za-z]{2}$/.test(text)) return text.toUpperCase();
  return regions.get(`${country}:${text.toLowerCase()}`) ?? text;
}
