/**
 * Day numbers: days since 1970-01-01. The nexus tests walk every day of
 * several years and sum windows of them, so days are integers here, turned
 * to and from the calendar with integer arithmetic (H. Hinnant's civil-date
 * algorithms) rather than Date objects, and into `YYYY-MM-DD` only at the
 * edges.
 */

export function daysFromCivil(year: number, month: number, date: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + date - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(day: number): { year: number; month: number; date: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const date = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, date };
}

export function dayNumber(iso: string): number {
  return daysFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

export function isoOf(day: number): string {
  const { year, month, date } = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

export function yearOf(day: number): number {
  return civilFromDays(day).year;
}

export function startOfYear(year: number): number {
  return daysFromCivil(year, 1, 1);
}

export function endOfYear(year: number): number {
  return daysFromCivil(year, 12, 31);
}

/** The first day of the month `months` after (or before, when negative) the month `day` falls in. */
export function monthStartAfter(day: number, months: number): number {
  const { year, month } = civilFromDays(day);
  const index = year * 12 + (month - 1) + months;
  return daysFromCivil(Math.floor(index / 12), (index % 12 + 12) % 12 + 1, 1);
}

/** The first day of the month `day` falls in. */
export function startOfMonth(day: number): number {
  return day - civilFromDays(day).date + 1;
}

/** The same day of the month `months` away, clamped to the month's end (2024-02-29 minus 12 months is 2023-02-28). */
export function addMonths(day: number, months: number): number {
  const target = monthStartAfter(day, months);
  const last = monthStartAfter(target, 1) - 1;
  return Math.min(target + civilFromDays(day).date - 1, last);
}

/** The last day of a month ending in one of `endMonths` that falls strictly before `day`. */
export function lastPeriodEndBefore(day: number, endMonths: readonly number[]): number {
  let end = startOfMonth(day) - 1;
  for (let i = 0; i < 12; i++) {
    if (endMonths.includes(civilFromDays(end).month)) return end;
    end = startOfMonth(end) - 1;
  }
  throw new Error(`no period end among months ${endMonths.join(',')}`);
}

/** The most recent `MM-DD` strictly before `day`. */
export function lastAnniversaryBefore(day: number, monthDay: string): number {
  const month = Number(monthDay.slice(0, 2));
  const date = Number(monthDay.slice(3, 5));
  const year = yearOf(day);
  const thisYear = daysFromCivil(year, month, date);
  return thisYear < day ? thisYear : daysFromCivil(year - 1, month, date);
}

/** The first day of the next calendar quarter after `day`. */
export function nextQuarterStart(day: number): number {
  const { year, month } = civilFromDays(day);
  return monthStartAfter(daysFromCivil(year, Math.floor((month - 1) / 3) * 3 + 1, 1), 3);
}
