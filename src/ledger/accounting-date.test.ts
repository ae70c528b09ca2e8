import { describe, expect, it } from 'vitest';
import { accountingDate, isTimeZone } from './accounting-date.js';

describe('the accounting date of an instant', () => {
  it('is the date in the seller\'s time zone, not in UTC', () => {
    // 23:30 on the last day of a month in Los Angeles is already the 1st in UTC.
    expect(accountingDate('2026-10-31T23:30:00-07:00', 'America/Los_Angeles')).toBe('2026-10-31');
    expect(accountingDate('2026-11-01T06:30:00Z', 'America/Los_Angeles')).toBe('2026-10-31');
    expect(accountingDate('2026-11-01T07:00:00Z', 'America/Los_Angeles')).toBe('2026-11-01');
    expect(accountingDate('2026-11-01T07:00:00Z', 'UTC')).toBe('2026-11-01');
  });

  it('follows daylight saving time', () => {
    // Los Angeles is UTC-8 from 2026-11-01 02:00 local: midnight is 08:00 UTC.
    expect(accountingDate('2026-11-02T07:59:59Z', 'America/Los_Angeles')).toBe('2026-11-01');
    expect(accountingDate('2026-11-02T08:00:00Z', 'America/Los_Angeles')).toBe('2026-11-02');
    // and UTC-7 from 2026-03-08: midnight of the 9th is 07:00 UTC.
    expect(accountingDate('2026-03-09T06:59:59Z', 'America/Los_Angeles')).toBe('2026-03-08');
    expect(accountingDate('2026-03-09T07:00:00Z', 'America/Los_Angeles')).toBe('2026-03-09');
  });

  it('crosses the year and the date line', () => {
    expect(accountingDate('2026-12-31T23:59:59-05:00', 'America/New_York')).toBe('2026-12-31');
    expect(accountingDate('2026-12-31T11:00:00Z', 'Pacific/Auckland')).toBe('2027-01-01');
  });

  it('knows time zones by their IANA names', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(() => accountingDate('2026-01-01T00:00:00Z', 'Mars/Olympus')).toThrow('not a known time zone');
  });
});
