/**
 * Where a seller has nexus on a date, since when, and what it failed to
 * collect there. Pure: it is given the seller's daily sales into one state
 * (already summed in SQL), its physical presences and its registration, and
 * the state's dated economic-nexus rules.
 *
 * The economic test is evaluated on every day of the range: on each day the
 * rule in force names the windows to measure (this and last calendar year,
 * the twelve months before, the four quarters before, the year ending
 * September 30...), and the test is met when a window's sales (and
 * transactions, under AND or OR) reach the threshold. A run of met days is an
 * episode; it began with the transaction that crossed the threshold, and the
 * state's rule says when collection had to start. Exposure is the tax
 * estimated on sales made while the seller had nexus (economic, from the
 * collection start, or physical) and was not registered, less what it
 * collected anyway.
 */
import type { Jurisdiction } from '../content/compile.js';
import type { NexusEntry, NexusPeriod } from '../content/schema.js';
import {
  addMonths,
  dayNumber,
  endOfYear,
  isoOf,
  lastAnniversaryBefore,
  lastPeriodEndBefore,
  monthStartAfter,
  nextQuarterStart,
  startOfMonth,
  startOfYear,
  yearOf,
} from './days.js';

/** One day's sales into one state, split by whether a marketplace facilitator made them. Amounts in cents. */
export interface DayTotals {
  /** The day, as a date (`YYYY-MM-DD`) or a day number (days since 1970-01-01). */
  day: string | number;
  marketplace: boolean;
  gross: number;
  retail: number;
  taxable: number;
  transactions: number;
  estimatedTax: number;
  collectedTax: number;
}

/** An office, warehouse or person in the state, from `since` to `until` (inclusive; null while it lasts). */
export interface Presence {
  kind: 'location' | 'employee';
  id: string;
  since: string;
  until: string | null;
}

export interface NexusInput {
  jurisdiction: Jurisdiction;
  asOf: string;
  /** How far back exposure is counted, in years. */
  lookbackYears: number;
  days: readonly DayTotals[];
  presences: readonly Presence[];
  registration: { effectiveDate: string; endDate?: string | null | undefined } | undefined;
}

export type NexusStatus = 'registered' | 'physical' | 'economic' | 'approaching' | 'none' | 'no_sales_tax';

export interface Threshold {
  /** Cents. */
  sales: number;
  transactions: number | null;
  operator: 'or' | 'and' | null;
  over: boolean;
  transactionsOver: boolean;
  period: NexusPeriod;
  periodText: string;
  counts: 'gross' | 'retail' | 'taxable';
  marketplace: boolean;
  starts: Exclude<NexusEntry['starts'], undefined> | null;
  rule: string;
  ref: string;
}

export interface NexusAnswer {
  jurisdictionId: string;
  name: string;
  status: NexusStatus;
  registered: boolean;
  registeredSince: string | null;
  physicalSince: string | null;
  /** The day of the transaction that crossed the threshold, for the episode in force on `asOf`. */
  economicSince: string | null;
  /** When the state required collection to start, following from `economicSince`. */
  collectionRequiredFrom: string | null;
  threshold: Threshold | null;
  current: { periodStart: string; periodEnd: string; sales: number; transactions: number } | null;
  /** The measured share of the threshold, a decimal string with four places ("0.8125"); the larger test under OR, the smaller under AND. */
  ratio: string | null;
  exposure: { since: string | null; until: string | null; taxableSales: number; estimatedTax: number; transactions: number };
}

/** Approaching: at least this share of a threshold, in ten-thousandths. */
export const APPROACHING = 8000n;

/** Years of history before the lookback that the test needs: an episode may have begun earlier, and its windows reach two years back. */
export const HISTORY_YEARS_BEFORE_LOOKBACK = 3;

/** The first day whose sales the answer for `asOf` needs. */
export function historyStart(asOf: string, lookbackYears: number): string {
  return isoOf(startOfYear(yearOf(dayNumber(asOf)) - lookbackYears - HISTORY_YEARS_BEFORE_LOOKBACK));
}

type Window = readonly [number, number];

interface Series {
  first: number;
  length: number;
  /** Prefix sums (length + 1): `[counts][withMarketplace]`. */
  sales: Record<Threshold['counts'], [Float64Array, Float64Array]>;
  transactions: [Float64Array, Float64Array];
}

export function evaluateNexus(input: NexusInput): NexusAnswer {
  const { jurisdiction: j, asOf } = input;
  const today = dayNumber(asOf);
  const first = dayNumber(historyStart(asOf, input.lookbackYears));
  const series = seriesOf(input.days, first, today);
  const rules = j.nexus;
  const registration = input.registration && input.registration.effectiveDate <= asOf && !(input.registration.endDate && input.registration.endDate < asOf)
    ? input.registration
    : undefined;
  const physical = input.presences.filter((p) => p.since <= asOf && (p.until === null || p.until >= asOf));
  const physicalSince = physical.length ? physical.map((p) => p.since).sort()[0]! : null;
  const entry = rules.at(asOf);
  const threshold = entry?.sales !== undefined ? thresholdOf(entry) : null;
  const noSalesTax = !threshold && !j.rates.at(asOf)?.decimal.units && entry === undefined;

  // Every day from the earliest testable one: is the economic test met?
  const testFrom = first + 2 * 366;
  let economic = false;
  const liable = new Uint8Array(Math.max(0, today - first + 1));
  let episodeStart = -1;
  const markEpisode = (start: number, end: number) => {
    const crossing = crossingOf(series, rules, start);
    const from = Math.max(start, collectionStart(crossing, rules.at(isoOf(crossing))?.starts));
    for (let d = from; d <= end; d++) liable[d - first] = 1;
    return { crossing, from };
  };
  let economicSince: number | null = null;
  let collectionFrom: number | null = null;
  const ruleOn = ruleLookup(rules);
  // No sales into the state in the whole range: no test can be met.
  const quiet = series.length === 0 || (series.sales.gross[1][series.length] === 0 && series.transactions[1][series.length] === 0 && input.days.every((t) => t.gross === 0 && t.transactions === 0));
  for (let d = quiet ? today + 1 : testFrom; d <= today; d++) {
    const m = meets(series, ruleOn(d), d);
    if (d === today) economic = m;
    if (m && episodeStart < 0) episodeStart = d;
    if ((!m || d === today) && episodeStart >= 0) {
      const end = m ? d : d - 1;
      const episode = markEpisode(episodeStart, end);
      if (m) {
        economicSince = episode.crossing;
        collectionFrom = episode.from;
      }
      episodeStart = -1;
    }
  }
  for (const p of input.presences) {
    const from = Math.max(first, dayNumber(p.since));
    const to = Math.min(today, p.until === null ? today : dayNumber(p.until));
    for (let d = from; d <= to; d++) liable[d - first] = 1;
  }

  const lookbackStart = dayNumber(isoOf(addMonths(today, -12 * input.lookbackYears) + 1));
  const registeredFrom = input.registration ? dayNumber(input.registration.effectiveDate) : Infinity;
  const exposure = { since: null as string | null, until: null as string | null, taxableSales: 0, estimatedTax: 0, transactions: 0 };
  if (!noSalesTax) {
    const byDay = new Map<number, DayTotals>();
    for (const t of input.days) if (!t.marketplace) byDay.set(dayOf(t), t);
    let estimated = 0;
    for (let d = Math.max(first, lookbackStart); d <= today && d < registeredFrom; d++) {
      if (!liable[d - first]) continue;
      exposure.since ??= isoOf(d);
      exposure.until = isoOf(d);
      const t = byDay.get(d);
      if (!t) continue;
      exposure.taxableSales += t.taxable;
      exposure.transactions += t.transactions;
      estimated += t.estimatedTax - t.collectedTax;
    }
    exposure.estimatedTax = Math.max(0, estimated);
  }

  let current: NexusAnswer['current'] = null;
  let ratio: bigint | null = null;
  if (entry?.sales !== undefined && threshold) {
    for (const w of windowsOf(entry.period!, today)) {
      const r = ratioOf(series, entry, w);
      if (ratio === null || r > ratio) {
        ratio = r;
        const [sales, transactions] = measure(series, entry, w);
        current = { periodStart: isoOf(w[0]), periodEnd: isoOf(w[1]), sales, transactions };
      }
    }
  }
  const status: NexusStatus = noSalesTax
    ? 'no_sales_tax'
    : registration
      ? 'registered'
      : physicalSince
        ? 'physical'
        : economic
          ? 'economic'
          : ratio !== null && ratio >= APPROACHING
            ? 'approaching'
            : 'none';
  return {
    jurisdictionId: j.id,
    name: j.name,
    status,
    registered: registration !== undefined,
    registeredSince: registration?.effectiveDate ?? null,
    physicalSince,
    economicSince: economicSince === null ? null : isoOf(economicSince),
    collectionRequiredFrom: collectionFrom === null ? null : isoOf(collectionFrom),
    threshold,
    current,
    ratio: ratio === null ? null : formatRatio(ratio),
    exposure,
  };
}

/** The rule in force on a day, for days asked in increasing order (the test's walk), without turning days into dates. */
function ruleLookup(rules: Jurisdiction['nexus']): (day: number) => NexusEntry | undefined {
  const spans = rules.all.map((e, i, all) => ({
    from: dayNumber(e.from),
    to: e.to !== undefined ? dayNumber(e.to) : i + 1 < all.length ? dayNumber(all[i + 1]!.from) - 1 : Infinity,
    entry: e,
  }));
  return (day) => {
    for (let i = spans.length - 1; i >= 0; i--) {
      const s = spans[i]!;
      if (s.from <= day) return day <= s.to ? s.entry : undefined;
    }
    return undefined;
  };
}

function dayOf(t: DayTotals): number {
  return typeof t.day === 'number' ? t.day : dayNumber(t.day);
}

function thresholdOf(e: NexusEntry): Threshold {
  return {
    sales: e.sales! * 100,
    transactions: e.transactions ?? null,
    operator: e.operator ?? null,
    over: e.over ?? false,
    transactionsOver: e.transactionsOver ?? false,
    period: e.period!,
    periodText: periodText(e.period!),
    counts: e.counts!,
    marketplace: e.marketplace!,
    starts: e.starts ?? null,
    rule: e.rule,
    ref: e.ref,
  };
}

export function periodText(p: NexusPeriod): string {
  switch (p.kind) {
    case 'calendar_year':
      return p.years === 'previous' ? 'the previous calendar year' : 'the current or the previous calendar year';
    case 'rolling_months':
      return p.testedAt === 'daily'
        ? `the ${p.months} months up to the day`
        : p.testedAt === 'month_end'
          ? `the ${p.months} calendar months before the current month`
          : `the ${p.months} months ending with the last completed quarter`;
    case 'fixed_year':
      return `the twelve months ending on the last ${p.endsOn}`;
  }
}

/** The windows a rule measures on day `d`. */
export function windowsOf(p: NexusPeriod, d: number): Window[] {
  switch (p.kind) {
    case 'calendar_year': {
      const year = yearOf(d);
      const previous: Window = [startOfYear(year - 1), endOfYear(year - 1)];
      return p.years === 'previous' ? [previous] : [[startOfYear(year), d], previous];
    }
    case 'rolling_months': {
      if (p.testedAt === 'daily') return [[addMonths(d, -p.months) + 1, d]];
      const end = p.testedAt === 'month_end' ? startOfMonth(d) - 1 : lastPeriodEndBefore(d, p.quarterEndMonths ?? [3, 6, 9, 12]);
      return [[monthStartAfter(end, -(p.months - 1)), end]];
    }
    case 'fixed_year': {
      const end = lastAnniversaryBefore(d, p.endsOn);
      return [[addMonths(end, -12) + 1, end]];
    }
  }
}

function meets(s: Series, e: NexusEntry | undefined, d: number): boolean {
  if (e?.sales === undefined) return false;
  const p = e.period!;
  if (p.kind === 'calendar_year') {
    // The hot path, written out: most states measure calendar years.
    const year = yearOf(d);
    const start = startOfYear(year);
    if (p.years === 'current_or_previous' && meetsIn(s, e, [start, d])) return true;
    return meetsIn(s, e, [startOfYear(year - 1), start - 1]);
  }
  return windowsOf(p, d).some((w) => meetsIn(s, e, w));
}

function meetsIn(s: Series, e: NexusEntry, w: Window): boolean {
  const [sales, transactions] = measure(s, e, w);
  const salesMet = e.over ? sales > e.sales! * 100 : sales >= e.sales! * 100;
  if (e.transactions === undefined) return salesMet;
  const countMet = e.transactionsOver ? transactions > e.transactions : transactions >= e.transactions;
  return e.operator === 'and' ? salesMet && countMet : salesMet || countMet;
}

function measure(s: Series, e: NexusEntry, [a, b]: Window): [number, number] {
  const withMarketplace = e.marketplace ? 1 : 0;
  return [rangeSum(s, s.sales[e.counts!][withMarketplace], a, b), rangeSum(s, s.transactions[withMarketplace], a, b)];
}

function rangeSum(s: Series, prefix: Float64Array, a: number, b: number): number {
  const from = Math.max(a - s.first, 0);
  const to = Math.min(b - s.first, s.length - 1);
  return to < from ? 0 : prefix[to + 1]! - prefix[from]!;
}

function ratioOf(s: Series, e: NexusEntry, w: Window): bigint {
  const [sales, transactions] = measure(s, e, w);
  const bySales = share(sales, e.sales! * 100);
  if (e.transactions === undefined) return bySales;
  const byCount = share(transactions, e.transactions);
  return e.operator === 'and' ? (bySales < byCount ? bySales : byCount) : bySales > byCount ? bySales : byCount;
}

function share(value: number, of: number): bigint {
  // Sums of whole cents held in doubles are whole numbers (well under 2^53).
  return value <= 0 ? 0n : (BigInt(value) * 10000n) / BigInt(of);
}

function formatRatio(r: bigint): string {
  return `${r / 10000n}.${(r % 10000n).toString().padStart(4, '0')}`;
}

/** The day of the transaction that crossed the threshold for an episode that starts (is first met) on `start`. */
function crossingOf(s: Series, rules: Jurisdiction['nexus'], start: number): number {
  const e = rules.at(isoOf(start))!;
  let best = start;
  for (const w of windowsOf(e.period!, start)) {
    if (!meetsIn(s, e, w)) continue;
    for (let x = w[0]; x <= w[1]; x++) {
      if (meetsIn(s, e, [w[0], x])) {
        best = Math.min(best, x);
        break;
      }
    }
  }
  return best;
}

function collectionStart(crossing: number, starts: NexusEntry['starts']): number {
  switch (starts) {
    case 'next_month':
      return monthStartAfter(crossing, 1);
    case 'next_quarter':
      return nextQuarterStart(crossing);
    case 'next_year':
      return startOfYear(yearOf(crossing) + 1);
    default:
      return crossing;
  }
}

function seriesOf(days: readonly DayTotals[], first: number, last: number): Series {
  const length = Math.max(0, last - first + 1);
  const prefix = () => [new Float64Array(length + 1), new Float64Array(length + 1)] as [Float64Array, Float64Array];
  const s: Series = { first, length, sales: { gross: prefix(), retail: prefix(), taxable: prefix() }, transactions: prefix() };
  const add = (arrays: [Float64Array, Float64Array], i: number, value: number, marketplace: boolean) => {
    arrays[1][i + 1]! += value;
    if (!marketplace) arrays[0][i + 1]! += value;
  };
  for (const t of days) {
    const i = dayOf(t) - first;
    if (i < 0 || i >= length) continue;
    add(s.sales.gross, i, t.gross, t.marketplace);
    add(s.sales.retail, i, t.retail, t.marketplace);
    add(s.sales.taxable, i, t.taxable, t.marketplace);
    add(s.transactions, i, t.transactions, t.marketplace);
  }
  for (const arrays of [s.sales.gross, s.sales.retail, s.sales.taxable, s.transactions]) {
    for (const a of arrays) for (let i = 1; i <= length; i++) a[i]! += a[i - 1]!;
  }
  return s;
}
