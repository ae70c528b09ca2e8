import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, dayNumber, isoOf, lastAnniversaryBefore, lastPeriodEndBefore, monthStartAfter, nextQuarterStart } from './days.js';

describe('day numbers', () => {
  it('agree with the calendar for every day from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25567, max: 84000 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(isoOf(day)).toBe(iso);
        expect(dayNumber(iso)).toBe(day);
      }),
    );
  });

  it('move by months, quarters and anniversaries', () => {
    const d = (iso: string) => dayNumber(iso);
    expect(isoOf(addMonths(d('2024-02-29'), -12))).toBe('2023-02-28');
    expect(isoOf(addMonths(d('2025-01-31'), 1))).toBe('2025-02-28');
    expect(isoOf(monthStartAfter(d('2025-12-15'), 1))).toBe('2026-01-01');
    expect(isoOf(monthStartAfter(d('2025-01-15'), -13))).toBe('2023-12-01');
    expect(isoOf(nextQuarterStart(d('2025-11-30')))).toBe('2026-01-01');
    expect(isoOf(nextQuarterStart(d('2025-04-01')))).toBe('2025-07-01');
    expect(isoOf(lastPeriodEndBefore(d('2025-09-01'), [2, 5, 8, 11]))).toBe('2025-08-31');
    expect(isoOf(lastPeriodEndBefore(d('2025-03-15'), [3, 6, 9, 12]))).toBe('2024-12-31');
    expect(isoOf(lastAnniversaryBefore(d('2025-09-30'), '09-30'))).toBe('2024-09-30');
    expect(isoOf(lastAnniversaryBefore(d('2025-10-01'), '09-30'))).toBe('2025-09-30');
  });
});
