/**
 * Day numbers: days since 1970-01-01 (UTC). The nexus tests walk every day of
 * several years and sum windows of them, so days are integers here and
 * turn back into `YYYY-MM-DD` only at the edges.
 */

const MS_PER_DAY = 86_400_000;

export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function parts(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

function dayOf(year: number, month: number, date: number): number {
  return Date.UTC(year, month - 1, date) / MS_PER_DAY;
}

export function yearOf(day: number): number {
  return parts(day).year;
}

export function startOfYear(year: number): number {
  return dayOf(year, 1, 1);
}

export function endOfYear(year: number): number {
  return dayOf(year, 12, 31);
}

/** The first day of the month `day` falls in. */
export function startOfMonth(day: number): number {
  const p = parts(day);
  return dayOf(p.year, p.month, 1);
}

/** The first day of the month `months` after (or before, when negative) the month of `day`. */
export function monthStartAfter(day: number, months: number): number {
  const p = parts(day);
  return dayOf(p.year, p.month + months, 1);
}

/** The same day of the month `months` away, clamped to the month's end (2024-02-29 minus 12 months is 2023-02-28). */
export function addMonths(day: number, months: number): number {
  const p = parts(day);
  const target = dayOf(p.year, p.month + months, 1);
  const last = monthStartAfter(target, 1) - 1;
  return Math.min(target + p.date - 1, last);
}

/** The last day of a month ending in one of `endMonths` that falls strictly before `day`. */
export function lastPeriodEndBefore(day: number, endMonths: readonly number[]): number {
  let monthStart = startOfMonth(day);
  for (let i = 0; i < 13; i++) {
    const end = monthStart - 1;
    if (endMonths.includes(parts(end).month)) return end;
    monthStart = startOfMonth(end);
  }
  throw new Error(`no period end among months ${endMonths.join(',')}`);
}

/** The most recent `MM-DD` strictly before `day`. */
export function lastAnniversaryBefore(day: number, monthDay: string): number {
  const month = Number(monthDay.slice(0, 2));
  const date = Number(monthDay.slice(3, 5));
  const year = yearOf(day);
  const thisYear = dayOf(year, month, date);
  return thisYear < day ? thisYear : dayOf(year - 1, month, date);
}

/** The first day of the next calendar quarter after `day`. */
export function nextQuarterStart(day: number): number {
  const p = parts(day);
  return dayOf(p.year, Math.floor((p.month - 1) / 3) * 3 + 4, 1);
}
