import { describe, expect, it } from 'vitest';
import { filingPeriods, periodOf } from './periods.js';

describe('filing periods', () => {
  it('names and bounds monthly, quarterly and annual periods', () => {
    expect(periodOf('2026-02-14', 'monthly')).toEqual({ period: '2026-02', start: '2026-02-01', end: '2026-02-28' });
    expect(periodOf('2024-02-14', 'monthly').end).toBe('2024-02-29');
    expect(periodOf('2026-09-30', 'quarterly')).toEqual({ period: '2026-Q3', start: '2026-07-01', end: '2026-09-30' });
    expect(periodOf('2026-12-31', 'quarterly')).toEqual({ period: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(periodOf('2026-06-01', 'annual')).toEqual({ period: '2026', start: '2026-01-01', end: '2026-12-31' });
  });

  it('lists every period from the registration to today, newest first: open until it ends, closed after, filed once filed', () => {
    const periods = filingPeriods('2025-11-15', 'quarterly', '2026-07-01', new Set(['2025-Q4']));
    expect(periods.map((p) => [p.period, p.status])).toEqual([
      ['2026-Q3', 'open'],
      ['2026-Q2', 'closed'],
      ['2026-Q1', 'closed'],
      ['2025-Q4', 'filed'],
    ]);
    expect(filingPeriods('2026-06-30', 'monthly', '2026-06-30').map((p) => [p.period, p.status])).toEqual([['2026-06', 'open']]);
    expect(filingPeriods('2026-07-01', 'annual', '2026-06-30')).toEqual([]);
  });
});
