/**
 * Filing periods of a registration: monthly (`2026-09`), quarterly
 * (`2026-Q3`) or annual (`2026`), from the period holding the registration's
 * effective date through the one holding today. A period is `open` until it
 * ends, then `closed` until its return is filed (`filed`).
 */
import { civilFromDays, daysFromCivil, dayNumber, isoOf } from '../nexus/days.js';

export type Frequency = 'monthly' | 'quarterly' | 'annual';
export type PeriodStatus = 'open' | 'closed' | 'filed';

export interface FilingPeriod {
  period: string;
  start: string;
  end: string;
  status: PeriodStatus;
}

/** The period of `frequency` holding `date`. */
export function periodOf(date: string, frequency: Frequency): { period: string; start: string; end: string } {
  const { year, month } = civilFromDays(dayNumber(date));
  const first = frequency === 'monthly' ? month : frequency === 'quarterly' ? Math.floor((month - 1) / 3) * 3 + 1 : 1;
  const months = frequency === 'monthly' ? 1 : frequency === 'quarterly' ? 3 : 12;
  const start = daysFromCivil(year, first, 1);
  const end = daysFromCivil(year + Math.floor((first - 1 + months) / 12), ((first - 1 + months) % 12) + 1, 1) - 1;
  const period = frequency === 'monthly' ? `${year}-${String(month).padStart(2, '0')}` : frequency === 'quarterly' ? `${year}-Q${(first + 2) / 3}` : String(year);
  return { period, start: isoOf(start), end: isoOf(end) };
}

/** Every period from the registration's effective date through today, newest first. */
export function filingPeriods(effectiveDate: string, frequency: Frequency, today: string, filed: ReadonlySet<string> = new Set()): FilingPeriod[] {
  const periods: FilingPeriod[] = [];
  if (effectiveDate > today) return periods;
  for (let p = periodOf(effectiveDate, frequency); p.start <= today; p = periodOf(isoOf(dayNumber(p.end) + 1), frequency)) {
    periods.push({ ...p, status: filed.has(p.period) ? 'filed' : p.end < today ? 'closed' : 'open' });
  }
  return periods.reverse();
}
