import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Jurisdiction } from '../content/compile.js';
import type { NexusEntry } from '../content/schema.js';
import { parseDecimal } from '../money/decimal.js';
import { Timeline } from '../content/timeline.js';
import { evaluateNexus, type DayTotals, type NexusInput, type Presence } from './evaluate.js';
import { dayNumber, isoOf } from './days.js';

function state(nexus: NexusEntry[], rate = '0.06'): Jurisdiction {
  return {
    id: 'US-ZZ',
    name: 'Zedland',
    level: 'state',
    taxName: 'sales tax',
    file: 'us/zz.yaml',
    registrations: ['US-ZZ'],
    harmonized: false,
    localSalesTax: false,
    taxIdTypes: [],
    rates: Timeline.of([{ from: '2000-01-01', ref: 'x', rate, decimal: parseDecimal(rate) }]),
    rules: new Map(),
    unions: Timeline.empty(),
    sourcing: Timeline.empty(),
    crossBorder: Timeline.empty(),
    nexus: Timeline.of(nexus),
  };
}

const base = { from: '2018-01-01', ref: 'Zed. Code §5', rule: 'the rule' };
const calendarOr: NexusEntry = { ...base, sales: 100_000, transactions: 200, operator: 'or', period: { kind: 'calendar_year', years: 'current_or_previous' }, counts: 'gross', marketplace: false };

/** A sale of `dollars` on `day`, `count` transactions, tax estimated at 6%. */
function sale(day: string, dollars: number, count = 1, extra: Partial<Omit<DayTotals, 'day'>> = {}): DayTotals & { day: string } {
  const cents = dollars * 100;
  return { day, marketplace: false, gross: cents, retail: cents, taxable: cents, transactions: count, estimatedTax: (cents * 6) / 100, collectedTax: 0, ...extra };
}

function evaluate(rule: NexusEntry[] | Jurisdiction, asOf: string, days: DayTotals[], more: Partial<NexusInput> = {}) {
  return evaluateNexus({ jurisdiction: Array.isArray(rule) ? state(rule) : rule, asOf, lookbackYears: 3, days, presences: [], registration: undefined, ...more });
}

describe('economic nexus over a calendar year (current or previous), $100,000 or 200 transactions', () => {
  const days = [sale('2025-01-10', 30_000), sale('2025-04-10', 30_000), sale('2025-07-10', 30_000), sale('2025-10-10', 30_000)];

  it('is crossed by the sale that takes the year to $100,000, and holds through the next year', () => {
    expect(evaluate([calendarOr], '2025-10-09', days)).toMatchObject({ status: 'approaching', economicSince: null, ratio: '0.9000' });
    const crossed = evaluate([calendarOr], '2025-10-10', days);
    expect(crossed).toMatchObject({ status: 'economic', economicSince: '2025-10-10', collectionRequiredFrom: '2025-10-10' });
    expect(crossed.current).toEqual({ periodStart: '2025-01-01', periodEnd: '2025-10-10', sales: 12_000_000, transactions: 4 });
    expect(evaluate([calendarOr], '2026-12-31', days)).toMatchObject({ status: 'economic', economicSince: '2025-10-10' });
    expect(evaluate([calendarOr], '2027-01-01', days)).toMatchObject({ status: 'none', economicSince: null, ratio: '0.0000' });
  });

  it('counts the 200th transaction on the day it happens', () => {
    const small = Array.from({ length: 200 }, (_, i) => sale(isoOf(dayNumber('2025-01-01') + i), 10));
    const day200 = isoOf(dayNumber('2025-01-01') + 199);
    expect(evaluate([calendarOr], isoOf(dayNumber(day200) - 1), small).status).toBe('approaching');
    expect(evaluate([calendarOr], day200, small)).toMatchObject({ status: 'economic', economicSince: day200, ratio: '1.0000' });
  });

  it('falls back below the threshold when a refund takes the year under it', () => {
    const history = [sale('2025-03-01', 60_000), sale('2025-11-01', 45_000), sale('2025-11-15', -10_000, 0)];
    expect(evaluate([calendarOr], '2025-11-10', history)).toMatchObject({ status: 'economic', economicSince: '2025-11-01' });
    const after = evaluate([calendarOr], '2025-11-20', history);
    expect(after).toMatchObject({ status: 'approaching', economicSince: null, ratio: '0.9500' });
    // The weeks it held still count for exposure.
    expect(after.exposure).toMatchObject({ since: '2025-11-01', until: '2025-11-14', taxableSales: 4_500_000, transactions: 1 });
  });
});

describe('thresholds of differently defined states', () => {
  it('previous calendar year only: crossed in one year, collection from January 1 of the next', () => {
    const rule: NexusEntry = { ...base, sales: 100_000, period: { kind: 'calendar_year', years: 'previous' }, counts: 'taxable', marketplace: false };
    const days = [sale('2024-05-01', 70_000), sale('2024-08-20', 40_000), sale('2025-02-01', 1_000)];
    expect(evaluate([rule], '2024-12-31', days)).toMatchObject({ status: 'none' });
    const next = evaluate([rule], '2025-03-01', days);
    expect(next).toMatchObject({ status: 'economic', economicSince: '2024-08-20', collectionRequiredFrom: '2025-01-01' });
    expect(next.exposure).toMatchObject({ since: '2025-01-01', taxableSales: 100_000, transactions: 1, estimatedTax: 6_000 });
  });

  it('trailing twelve calendar months ($500,000): met from the first day of the month after the crossing', () => {
    const rule: NexusEntry = { ...base, sales: 500_000, period: { kind: 'rolling_months', months: 12, testedAt: 'month_end' }, counts: 'gross', marketplace: true, over: false };
    const days = [sale('2025-02-15', 300_000), sale('2025-06-20', 250_000)];
    expect(evaluate([rule], '2025-06-30', days).status).toBe('none');
    expect(evaluate([rule], '2025-07-01', days)).toMatchObject({ status: 'economic', economicSince: '2025-06-20', collectionRequiredFrom: '2025-07-01' });
    // Twelve months on, February 2025 has left the window.
    expect(evaluate([rule], '2026-03-01', days)).toMatchObject({ status: 'none', economicSince: null });
  });

  it('four sales tax quarters ending Feb/May/Aug/Nov, $500,000 AND more than 100 sales', () => {
    const rule: NexusEntry = { ...base, sales: 500_000, transactions: 100, operator: 'and', over: true, transactionsOver: true, period: { kind: 'rolling_months', months: 12, testedAt: 'quarter_end', quarterEndMonths: [2, 5, 8, 11] }, counts: 'gross', marketplace: true };
    const big = [sale('2025-03-10', 600_000, 100)];
    // 100 sales is not more than 100: the AND rule is not met, though close.
    expect(evaluate([rule], '2025-09-15', big)).toMatchObject({ status: 'approaching', ratio: '1.0000' });
    const more = [...big, sale('2025-07-04', 10, 1)];
    expect(evaluate([rule], '2025-08-31', more).status).toBe('approaching');
    expect(evaluate([rule], '2025-09-01', more)).toMatchObject({ status: 'economic', economicSince: '2025-07-04', collectionRequiredFrom: '2025-09-01' });
    expect(evaluate([rule], '2025-09-01', more).current).toMatchObject({ periodStart: '2024-09-01', periodEnd: '2025-08-31' });
  });

  it('twelve months ending September 30, $100,000 AND 200 transactions: both tests, collection from October 1', () => {
    const rule: NexusEntry = { ...base, sales: 100_000, transactions: 200, operator: 'and', period: { kind: 'fixed_year', endsOn: '09-30' }, counts: 'retail', marketplace: true };
    const onlySales = [sale('2025-01-05', 150_000, 150)];
    expect(evaluate([rule], '2025-10-01', onlySales)).toMatchObject({ status: 'none', ratio: '0.7500' });
    const both = [...onlySales, sale('2025-06-30', 500, 50)];
    expect(evaluate([rule], '2025-09-30', both).status).toBe('none');
    expect(evaluate([rule], '2025-10-01', both)).toMatchObject({ status: 'economic', economicSince: '2025-06-30', collectionRequiredFrom: '2025-10-01' });
  });

  it('a transaction test that is dropped stops counting from its end date', () => {
    const rules: NexusEntry[] = [{ ...calendarOr, to: '2025-12-31' }, { ...base, from: '2026-01-01', sales: 100_000, period: { kind: 'calendar_year', years: 'current_or_previous' }, counts: 'gross', marketplace: false }];
    const small = Array.from({ length: 250 }, (_, i) => sale(isoOf(dayNumber('2025-01-01') + i), 10));
    expect(evaluate(rules, '2025-12-31', small).status).toBe('economic');
    expect(evaluate(rules, '2026-01-01', small)).toMatchObject({ status: 'none', ratio: '0.0250' });
  });

  it('a collection start the state delays to the next month', () => {
    const rule: NexusEntry = { ...calendarOr, starts: 'next_month' };
    expect(evaluate([rule], '2025-05-20', [sale('2025-05-14', 100_000)])).toMatchObject({ economicSince: '2025-05-14', collectionRequiredFrom: '2025-06-01' });
  });

  it('marketplace sales count toward the threshold where the state counts them, never toward exposure', () => {
    const counting: NexusEntry = { ...calendarOr, marketplace: true };
    const days = [sale('2025-02-01', 90_000, 1, { marketplace: true }), sale('2025-03-01', 20_000)];
    expect(evaluate([calendarOr], '2025-04-01', days).status).toBe('none');
    const answer = evaluate([counting], '2025-04-01', days);
    expect(answer).toMatchObject({ status: 'economic', economicSince: '2025-03-01' });
    expect(answer.exposure).toMatchObject({ taxableSales: 2_000_000, estimatedTax: 120_000, transactions: 1 });
  });
});

describe('status precedence and exposure', () => {
  const days = [sale('2024-03-01', 120_000), sale('2024-06-01', 50_000), sale('2025-01-15', 10_000, 1, { collectedTax: 20_000 })];

  it('a registration ends exposure on its effective date', () => {
    const answer = evaluate([calendarOr], '2025-06-01', days, { registration: { effectiveDate: '2024-06-01' } });
    expect(answer).toMatchObject({ status: 'registered', registered: true, economicSince: '2024-03-01' });
    expect(answer.exposure).toEqual({ since: '2024-03-01', until: '2024-05-31', taxableSales: 12_000_000, estimatedTax: 720_000, transactions: 1 });
  });

  it('unregistered: exposure runs to today, less what was collected anyway', () => {
    const answer = evaluate([calendarOr], '2025-06-01', days);
    expect(answer.exposure).toMatchObject({ since: '2024-03-01', until: '2025-06-01', taxableSales: 18_000_000, estimatedTax: 1_080_000 - 20_000, transactions: 3 });
  });

  it('exposure counts back no further than the lookback', () => {
    const answer = evaluate([calendarOr], '2025-06-01', days, { lookbackYears: 1 });
    expect(answer.exposure).toMatchObject({ since: '2024-06-02', taxableSales: 1_000_000 });
  });

  it('an employee gives physical nexus from their start date, and exposure with it', () => {
    const presences: Presence[] = [{ kind: 'employee', id: 'e1', since: '2023-01-01', until: null }];
    const answer = evaluate([calendarOr], '2024-01-01', [sale('2023-06-01', 1_000)], { presences });
    expect(answer).toMatchObject({ status: 'physical', physicalSince: '2023-01-01', economicSince: null });
    expect(answer.exposure).toMatchObject({ since: '2023-01-01', taxableSales: 100_000 });
    const left = evaluate([calendarOr], '2024-01-01', [], { presences: [{ ...presences[0]!, until: '2023-12-31' }] });
    expect(left).toMatchObject({ status: 'none', physicalSince: null });
  });

  it('a state without a sales tax is no_sales_tax whatever was sold there', () => {
    const oregon = { ...state([], '0'), id: 'US-OR', name: 'Oregon' };
    const answer = evaluate(oregon, '2025-06-01', [sale('2025-01-01', 900_000)], { presences: [{ kind: 'location', id: 'US-OR', since: '2020-01-01', until: null }] });
    expect(answer).toMatchObject({ status: 'no_sales_tax', threshold: null, ratio: null, exposure: { since: null, estimatedTax: 0 } });
  });
});

describe('properties', () => {
  it('the measured period sums exactly the sales inside it', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ offset: fc.integer({ min: 0, max: 1500 }), dollars: fc.integer({ min: -500, max: 50_000 }) }), { maxLength: 60 }), (sales) => {
        const asOf = '2026-06-30';
        const days = sales.map((s) => sale(isoOf(dayNumber(asOf) - s.offset), s.dollars));
        const answer = evaluate([calendarOr], asOf, days);
        const inYear = (d: string, y: string) => d.startsWith(y);
        const ytd = days.filter((d) => inYear(d.day, '2026')).reduce((a, d) => a + d.gross, 0);
        const last = days.filter((d) => inYear(d.day, '2025')).reduce((a, d) => a + d.gross, 0);
        expect([ytd, last]).toContain(answer.current!.sales);
        expect(answer.status === 'economic').toBe(ytd >= 10_000_000 || last >= 10_000_000 || answer.current!.transactions >= 200);
      }),
    );
  });
});
