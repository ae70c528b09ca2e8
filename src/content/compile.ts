/**
 * Compiles validated content into the in-memory indexes the engine reads:
 * jurisdictions by id with their dated values as timelines, rates and shares
 * parsed into exact decimals, and the default local jurisdictions of each
 * ZIP code. Done once at load; no calculation parses YAML or text.
 */
import type { ZipIndex, ZipInfo } from '../address/zip-index.js';
import { parseDecimal, type Decimal } from '../money/decimal.js';
import { groupBy } from '../util/group.js';
import type { RawContent } from './load.js';
import type {
  Buyer,
  CategoryEntry,
  JurisdictionFile,
  NexusEntry,
  Level,
  SourcingEntry,
  TaxabilityEntry,
} from './schema.js';
import { Timeline } from './timeline.js';

export interface RateValue {
  from: string;
  to?: string | undefined;
  ref: string;
  rule?: string | undefined;
  rate: string;
  decimal: Decimal;
}

export interface TaxRule {
  from: string;
  to?: string | undefined;
  ref: string;
  rule: string;
  taxable: boolean;
  /** Share of the price taxed; undefined for the whole price. */
  base?: Decimal | undefined;
  /** A rate of the category's own, replacing the jurisdiction's. */
  rate?: { text: string; decimal: Decimal } | undefined;
  local: boolean;
  supply?: 'destination' | 'origin' | undefined;
  /** Set on a local's rule derived from a state rule that keeps locals out. */
  excludedLocally?: boolean;
}

export interface Lanes {
  any: Timeline<TaxRule>;
  business: Timeline<TaxRule>;
  individual: Timeline<TaxRule>;
}

export interface CrossBorder {
  from: string;
  to?: string | undefined;
  ref: string;
  rule: string;
  b2b: 'reverse_charge' | 'charge';
}

export interface Membership {
  from: string;
  to?: string | undefined;
  ref: string;
  union: string;
}

export interface Jurisdiction {
  id: string;
  name: string;
  level: Level;
  taxName: string;
  file: string;
  parent?: string | undefined;
  /** Registration ids under which a seller collects this jurisdiction's tax. */
  registrations: readonly string[];
  harmonized: boolean;
  /** Places in it levy general sales taxes of their own (US states; assumed unless the content says not). */
  localSalesTax: boolean;
  taxIdTypes: readonly string[];
  currency?: string | undefined;
  rates: Timeline<RateValue>;
  rules: ReadonlyMap<string, Lanes>;
  unions: Timeline<Membership>;
  sourcing: Timeline<SourcingEntry>;
  crossBorder: Timeline<CrossBorder>;
  /** US states: the economic-nexus threshold history. */
  nexus: Timeline<NexusEntry>;
}

export interface Union {
  id: string;
  name: string;
  oneStopShop?: { registration: string; ref: string; rule: string } | undefined;
  crossBorder: Timeline<CrossBorder>;
  rules: ReadonlyMap<string, Lanes>;
}

export interface CompiledContent {
  categories: ReadonlyMap<string, CategoryEntry>;
  jurisdictions: ReadonlyMap<string, Jurisdiction>;
  unions: ReadonlyMap<string, Union>;
  /** Default local jurisdictions per ZIP code, county first, then city, then special districts. */
  localsOfZip(zip5: string): readonly Jurisdiction[];
  /** The provinces (or other children) of a country or state. */
  childrenOf(id: string): readonly Jurisdiction[];
}

const LEVEL_ORDER: Record<Level, number> = { country: 0, state: 1, county: 2, city: 3, special: 4 };

export function compileContent(raw: RawContent, zips: ZipIndex): CompiledContent {
  const categories = new Map(raw.categories.doc.map((c) => [c.id, c]));
  const jurisdictions = new Map<string, Jurisdiction>();
  for (const { file, doc } of raw.jurisdictions) {
    const j = compileJurisdiction(file, doc);
    jurisdictions.set(j.id, j);
  }
  const children = groupBy([...jurisdictions.values()].filter((j) => j.parent), (j) => j.parent!);
  const unions = new Map(
    raw.unions.map(({ doc }) => [
      doc.id,
      {
        id: doc.id,
        name: doc.name,
        oneStopShop: doc.oneStopShop,
        crossBorder: Timeline.of(doc.crossBorder ?? []),
        rules: compileRules(doc.taxability),
      } satisfies Union,
    ]),
  );

  const localsByZip = new Map<string, Jurisdiction[]>();
  for (const { doc } of raw.jurisdictions) {
    if (!doc.where || !doc.parent) continue;
    const local = jurisdictions.get(doc.id)!;
    const state = doc.parent.replace(/^US-/, '');
    for (const info of zips.inState(state)) {
      if (!selects(doc.where, info)) continue;
      const list = localsByZip.get(info.zip) ?? [];
      list.push(local);
      localsByZip.set(info.zip, list);
    }
  }
  for (const list of localsByZip.values()) {
    list.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || (a.id < b.id ? -1 : 1));
  }

  return {
    categories,
    jurisdictions,
    unions,
    localsOfZip: (zip5) => localsByZip.get(zip5) ?? [],
    childrenOf: (id) => children.get(id) ?? [],
  };
}

function compileJurisdiction(file: string, doc: JurisdictionFile): Jurisdiction {
  const local = doc.level === 'county' || doc.level === 'city' || doc.level === 'special';
  return {
    id: doc.id,
    name: doc.name,
    level: doc.level,
    taxName: doc.taxName ?? 'sales tax',
    file,
    parent: doc.parent,
    registrations: doc.registrations ?? [local && doc.parent ? doc.parent : doc.id],
    harmonized: doc.harmonized ?? false,
    localSalesTax: doc.localSalesTax?.levied ?? true,
    taxIdTypes: doc.taxIdTypes ?? [],
    currency: doc.currency,
    rates: Timeline.of(doc.rates.map((r) => ({ ...r, decimal: parseDecimal(r.rate) }))),
    rules: compileRules(doc.taxability ?? {}),
    unions: Timeline.of(doc.unions ?? []),
    sourcing: Timeline.of(doc.sourcing ?? []),
    crossBorder: Timeline.of(doc.crossBorder ?? []),
    nexus: Timeline.of(doc.nexus ?? []),
  };
}

function compileRules(taxability: Record<string, TaxabilityEntry[]>): Map<string, Lanes> {
  const rules = new Map<string, Lanes>();
  for (const [category, entries] of Object.entries(taxability)) {
    const lane = (buyer: Buyer | undefined) =>
      Timeline.of(entries.filter((e) => e.buyer === buyer).map(compileRule));
    rules.set(category, { any: lane(undefined), business: lane('business'), individual: lane('individual') });
  }
  return rules;
}

function compileRule(e: TaxabilityEntry): TaxRule {
  return {
    from: e.from,
    to: e.to,
    ref: e.ref,
    rule: e.rule,
    taxable: e.taxable,
    base: e.base === undefined || /^1(\.0*)?$/.test(e.base) ? undefined : parseDecimal(e.base),
    rate: e.rate === undefined ? undefined : { text: e.rate, decimal: parseDecimal(e.rate) },
    local: e.local ?? e.taxable,
    supply: e.supply,
  };
}

function selects(where: NonNullable<JurisdictionFile['where']>, info: ZipInfo): boolean {
  if (where.excludeZips?.includes(info.zip)) return false;
  if (where.zips?.includes(info.zip)) return true;
  const byCity = where.cities ? where.cities.includes(info.city) : undefined;
  const byCounty = where.counties ? where.counties.includes(info.county) : undefined;
  if (byCity === undefined && byCounty === undefined) return false;
  return (byCity ?? true) && (byCounty ?? true);
}
