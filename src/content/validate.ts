/**
 * Checks that span files: ids are unique and referenced ids exist, dated
 * entries are in order without overlaps, every taxing state or country has
 * a rate and a taxability rule for every category over the whole period Levy
 * promises to calculate (from {@link COVERAGE_START} on), and locals say
 * where they apply.
 */
import { groupBy } from '../util/group.js';
import { nextDay, previousDay } from './dates.js';
import type { RawContent, SourceFile } from './load.js';
import type { JurisdictionFile, TaxabilityEntry, UnionFile } from './schema.js';
import { coversFrom, timelineProblems, type Dated } from './timeline.js';

/** Levy calculates any date from here on; content must cover it without gaps. */
export const COVERAGE_START = '2020-01-01';

const LOCAL_LEVELS = new Set(['county', 'city', 'special']);

export function contentProblems(raw: RawContent): string[] {
  const problems: string[] = [];
  const categoryIds = new Set(raw.categories.doc.map((c) => c.id));
  const universal = new Set(raw.categories.doc.filter((c) => c.everywhere).map((c) => c.id));
  const byId = new Map<string, SourceFile<JurisdictionFile>>();
  const unions = new Map<string, SourceFile<UnionFile>>();

  for (const category of raw.categories.doc) {
    if (raw.categories.doc.filter((c) => c.id === category.id).length > 1) {
      problems.push(`categories.yaml: category ${category.id} is listed twice`);
    }
  }
  for (const u of raw.unions) {
    if (unions.has(u.doc.id)) problems.push(`${u.file}: id ${u.doc.id} is also used by ${unions.get(u.doc.id)!.file}`);
    unions.set(u.doc.id, u);
  }
  for (const j of raw.jurisdictions) {
    const other = byId.get(j.doc.id) ?? unions.get(j.doc.id);
    if (other) problems.push(`${j.file}: id ${j.doc.id} is also used by ${other.file}`);
    byId.set(j.doc.id, j);
  }
  const registrationIds = new Set<string>([...byId.keys()]);
  for (const u of unions.values()) if (u.doc.oneStopShop) registrationIds.add(u.doc.oneStopShop.registration);

  for (const u of raw.unions) {
    timelines(u.file, { crossBorder: u.doc.crossBorder }, problems);
    taxabilityProblems(u.file, u.doc.taxability, categoryIds, problems);
  }

  for (const j of raw.jurisdictions) {
    const { file, doc } = j;
    const local = LOCAL_LEVELS.has(doc.level);
    timelines(file, {
      rates: doc.rates,
      sourcing: doc.sourcing,
      streamlined: doc.streamlined,
      unions: doc.unions,
      crossBorder: doc.crossBorder,
      nexus: doc.nexus,
    }, problems);
    if (doc.taxability) taxabilityProblems(file, doc.taxability, categoryIds, problems);

    if (doc.parent !== undefined && !byId.has(doc.parent)) problems.push(`${file}: parent ${doc.parent} is not a jurisdiction in the content`);
    for (const r of doc.registrations ?? []) {
      if (!registrationIds.has(r)) problems.push(`${file}: registrations: ${r} is neither a jurisdiction nor a one-stop-shop registration`);
    }
    for (const m of doc.unions ?? []) {
      if (!unions.has(m.union)) problems.push(`${file}: unions: ${m.union} has no union file`);
    }
    if (local) {
      if (!doc.parent) problems.push(`${file}: a ${doc.level} needs a parent (its state)`);
      if (!doc.where) problems.push(`${file}: a ${doc.level} needs where: (the cities, counties or ZIP codes it covers)`);
    } else if (doc.where) {
      problems.push(`${file}: where: only local jurisdictions (county, city, special) say where they apply`);
    }
    if (doc.harmonized && !doc.parent) problems.push(`${file}: harmonized needs a parent (the country whose tax it includes)`);
    const expectedId = expectedIdForPath(file);
    if (expectedId && expectedId !== doc.id) problems.push(`${file}: id should be ${expectedId} for a file at this path`);

    if (doc.nexus && !(doc.level === 'state' && doc.id.startsWith('US-'))) problems.push(`${file}: nexus: only US states carry economic-nexus rules`);
    if (local) continue;
    if (doc.id.startsWith('US-') && doc.level === 'state' && (taxes(doc) || doc.nexus) && !(doc.nexus && coversFrom(doc.nexus, COVERAGE_START, nextDay))) {
      problems.push(`${file}: nexus must cover every day from ${COVERAGE_START} on`);
    }
    if (!coversFrom(doc.rates, COVERAGE_START, nextDay)) {
      problems.push(`${file}: rates must cover every day from ${COVERAGE_START} on, with no gap and no end`);
    }
    if (!taxes(doc)) continue;
    if (doc.id.startsWith('US-')) {
      for (const key of ['sourcing', 'streamlined'] as const) {
        const entries = doc[key];
        if (!entries || !coversFrom(entries, COVERAGE_START, nextDay)) {
          problems.push(`${file}: ${key} must cover every day from ${COVERAGE_START} on`);
        }
      }
    }
    const inherited = (doc.unions ?? []).map((m) => unions.get(m.union)?.doc.taxability ?? {});
    for (const category of categoryIds) {
      if (universal.has(category)) continue;
      const own = doc.taxability?.[category];
      const entries = own ?? inherited.find((t) => t[category])?.[category];
      if (!entries) {
        problems.push(`${file}: taxability: no rule for category ${category}`);
      } else if (!lanesCover(entries)) {
        problems.push(`${file}: taxability.${category}: must cover every day from ${COVERAGE_START} on, for any buyer or for both business and individual buyers`);
      }
    }
  }
  return problems;
}

/** A jurisdiction taxes if any rate since the coverage start is above zero. */
function taxes(doc: JurisdictionFile): boolean {
  return doc.rates.some((r) => (r.to === undefined || r.to >= COVERAGE_START) && /[1-9]/.test(r.rate));
}

function timelines(file: string, lists: Record<string, readonly Dated[] | undefined>, problems: string[]): void {
  for (const [key, entries] of Object.entries(lists)) {
    if (!entries) continue;
    for (const [i, message] of timelineProblems(entries)) problems.push(`${file}: ${key}.${i}: ${message}`);
  }
}

function taxabilityProblems(
  file: string,
  taxability: Record<string, TaxabilityEntry[]>,
  categoryIds: Set<string>,
  problems: string[],
): void {
  for (const [category, entries] of Object.entries(taxability)) {
    if (!categoryIds.has(category)) problems.push(`${file}: taxability.${category}: not a category in categories.yaml`);
    for (const [buyer, lane] of lanes(entries)) {
      for (const [i, message] of timelineProblems(lane)) {
        problems.push(`${file}: taxability.${category} (${buyer} buyers) entry ${i}: ${message}`);
      }
    }
    entries.forEach((e, i) => {
      if (!e.taxable && (e.base !== undefined || e.rate !== undefined)) {
        problems.push(`${file}: taxability.${category}.${i}: base and rate only make sense for a taxable entry`);
      }
    });
  }
}

/** Entries grouped by the buyer they apply to (`any` when not restricted). */
export function lanes(entries: readonly TaxabilityEntry[]): Map<string, TaxabilityEntry[]> {
  return groupBy(entries, (e) => e.buyer ?? 'any');
}

/** Each kind of buyer finds a rule on every day: in its own lane, or else in the lane for any buyer. */
function lanesCover(entries: readonly TaxabilityEntry[]): boolean {
  const grouped = lanes(entries);
  const any = grouped.get('any') ?? [];
  return (['business', 'individual'] as const).every((buyer) =>
    intervalsCover([...spans(grouped.get(buyer) ?? []), ...spans(any)], COVERAGE_START),
  );
}

/** Each entry as [first day, last day] (last undefined: open-ended). */
function spans(entries: readonly Dated[]): Array<[string, string | undefined]> {
  return entries.map((e, i) => {
    const next = entries[i + 1];
    const last = e.to ?? (next ? previousDay(next.from) : undefined);
    return [e.from, last];
  });
}

function intervalsCover(intervals: Array<[string, string | undefined]>, start: string): boolean {
  let covered = start; // every day before `covered` is known covered
  const sorted = intervals.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [from, last] of sorted) {
    if (from > covered) return false;
    if (last === undefined) return true;
    const after = nextDay(last);
    if (after > covered) covered = after;
  }
  return false;
}

/** `us/tx.yaml` must hold US-TX; `eu/de.yaml` DE; `ca/on.yaml` CA-ON. Other paths are free. */
function expectedIdForPath(file: string): string | undefined {
  const m = /^(us|eu|ca|world)\/([a-z]{2})\.yaml$/.exec(file);
  if (!m) return undefined;
  const code = m[2]!.toUpperCase();
  if (m[1] === 'us') return `US-${code}`;
  if (m[1] === 'ca') return code === 'CA' ? 'CA' : `CA-${code}`;
  return code;
}
