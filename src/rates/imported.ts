/**
 * Imported ZIP tables as local jurisdictions. The state part of every sale
 * keeps coming from the dated content; the table supplies the county, city
 * and special parts. Tables split the statewide rate their own way
 * (Avalara shows California's 7.25% as a 6% state part plus 1.25% inside the
 * local parts), so each row's local parts are shifted by the difference
 * between the table's state part and the content's statewide rate on the
 * table's date. A taxable sale's combined rate then equals the table's
 * combined rate wherever the table's own parts add up to it.
 */
import type { ZipIndex } from '../address/zip-index.js';
import type { CompiledContent, Jurisdiction, RateValue } from '../content/compile.js';
import { Timeline } from '../content/timeline.js';
import { compare, formatDecimal, parseDecimal, sum, type Decimal } from '../money/decimal.js';
import type { Level } from '../content/schema.js';
import type { StoredTable } from './store.js';
import { groupBy } from '../util/group.js';

export interface ImportedLayer {
  file: string;
  state: string;
  effective: string;
  importedAt: string;
  rows: number;
  /** Rows whose parts do not add up to their combined rate (kept as the table gives them). */
  unbalanced: number;
}

export interface ImportedLocals {
  layer: ImportedLayer;
  jurisdictions: readonly Jurisdiction[];
}

export interface ImportedRates {
  /** The locals of the newest table for the state in force on `date` that lists the ZIP. */
  localsFor(state: string, zip5: string, date: string): ImportedLocals | undefined;
  /** The earliest date any table applies to this ZIP (to explain a fallback). */
  firstEffective(state: string, zip5: string): string | undefined;
  readonly layers: readonly ImportedLayer[];
}

interface CompiledLayer {
  layer: ImportedLayer;
  byZip: Map<string, Jurisdiction[]>;
}

export class ImportedRatesError extends Error {}

export function compileImported(tables: readonly StoredTable[], content: CompiledContent, zips: ZipIndex): ImportedRates {
  const byState = groupBy(
    tables.map((table) => compileTable(table, content, zips)).sort((a, b) => (a.layer.effective < b.layer.effective ? -1 : 1)),
    (l) => l.layer.state,
  );
  return {
    localsFor(state, zip5, date) {
      const layers = byState.get(state);
      if (!layers) return undefined;
      for (let i = layers.length - 1; i >= 0; i--) {
        const l = layers[i]!;
        if (l.layer.effective > date) continue;
        const found = l.byZip.get(zip5);
        return found ? { layer: l.layer, jurisdictions: found } : undefined;
      }
      return undefined;
    },
    firstEffective(state, zip5) {
      return byState.get(state)?.find((l) => l.byZip.has(zip5))?.layer.effective;
    },
    layers: [...byState.values()].flat().map((l) => l.layer),
  };
}

function compileTable(table: StoredTable, content: CompiledContent, zips: ZipIndex): CompiledLayer {
  const stateId = `US-${table.state}`;
  const state = content.jurisdictions.get(stateId);
  const statewide = state?.rates.at(table.effective);
  if (!state || !statewide) {
    throw new ImportedRatesError(`${table.file}: Levy's content has no ${stateId} rate on ${table.effective}`);
  }
  const ref = `Avalara ZIP5 rate table ${table.file} (estimated rates, imported ${table.importedAt.slice(0, 10)})`;
  const byZip = new Map<string, Jurisdiction[]>();
  let unbalanced = 0;
  for (const row of table.rows) {
    const parts = { county: parseDecimal(row.county), city: parseDecimal(row.city), special: parseDecimal(row.special) };
    const tableState = parseDecimal(row.state);
    if (compare(sum([tableState, parts.county, parts.city, parts.special]), parseDecimal(row.combined)) !== 0) unbalanced++;
    const shifted = shiftLocals(parts, sum([tableState, negate(statewide.decimal)]));
    const info = zips.get(row.zip);
    const names = {
      county: info?.county ? `${info.county} County` : `${titleCase(row.region)} county`,
      city: info?.city ?? titleCase(row.region),
      special: `${titleCase(row.region)} special districts`,
    };
    const ids = {
      county: `${stateId}-COUNTY-${slug(info?.county ?? row.region)}`,
      city: `${stateId}-CITY-${slug(info?.city ?? row.region)}`,
      special: `${stateId}-SPECIAL-${slug(row.region)}`,
    };
    const locals: Jurisdiction[] = [];
    for (const level of ['county', 'city', 'special'] as const) {
      const rate = shifted[level];
      if (rate.units === 0n) continue;
      locals.push(importedJurisdiction(ids[level], names[level], level, stateId, {
        from: table.effective,
        rate: formatDecimal(rate),
        decimal: rate,
        ref,
        rule: `${level} part of the estimated rate for ZIP ${row.zip} (${titleCase(row.region)})`,
      }, state.file));
    }
    byZip.set(row.zip, locals);
  }
  return {
    layer: { file: table.file, state: table.state, effective: table.effective, importedAt: table.importedAt, rows: table.rows.length, unbalanced },
    byZip,
  };
}

/**
 * Moves `delta` (table state part − content statewide rate) into the local
 * parts: a negative delta means the statewide rate already holds part of
 * what the table lists as local, so it comes out of county, then city, then
 * special; a positive one means the table counted local tax as state tax,
 * so it goes to the county part.
 */
export function shiftLocals(parts: Record<'county' | 'city' | 'special', Decimal>, delta: Decimal): Record<'county' | 'city' | 'special', Decimal> {
  const result = { ...parts };
  if (delta.units > 0n) {
    result.county = sum([result.county, delta]);
    return result;
  }
  let owed = negate(delta);
  for (const level of ['county', 'city', 'special'] as const) {
    if (owed.units === 0n) break;
    const take = compare(result[level], owed) < 0 ? result[level] : owed;
    result[level] = sum([result[level], negate(take)]);
    owed = sum([owed, negate(take)]);
  }
  return result;
}

function negate(d: Decimal): Decimal {
  return { units: -d.units, scale: d.scale };
}

function importedJurisdiction(id: string, name: string, level: Level, parent: string, rate: RateValue, file: string): Jurisdiction {
  return {
    id,
    name,
    level,
    taxName: 'sales tax',
    file,
    parent,
    registrations: [parent],
    harmonized: false,
    localSalesTax: false,
    taxIdTypes: [],
    rates: Timeline.of([rate]),
    rules: new Map(),
    unions: Timeline.empty(),
    nexus: Timeline.empty(),
    sourcing: Timeline.empty(),
    crossBorder: Timeline.empty(),
  };
}

function slug(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]+/g, '-').replace(/^-|-$/g, '') || 'UNNAMED';
}

function titleCase(text: string): string {
  return text.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
}
