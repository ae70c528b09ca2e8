/**
 * The accounting date of an instant: the calendar date in the seller's time
 * zone (a sale at 23:30 in Los Angeles on the 31st belongs to the 31st, not
 * to the next day in UTC).
 */
import { TaxError } from '../errors/tax-error.js';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format;
}

/** True for an IANA time zone name this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** `YYYY-MM-DD` of `instant` (an ISO 8601 date-time with offset) in `timeZone`. */
export function accountingDate(instant: string, timeZone: string): string {
  const time = Date.parse(instant);
  if (Number.isNaN(time)) throw new TaxError('parameter_invalid', `timestamp ${instant} is not an ISO 8601 instant`, 'timestamp');
  if (!isTimeZone(timeZone)) throw new TaxError('time_zone_unknown', `${timeZone} is not a known time zone`, 'accountingTimeZone');
  return formatFor(timeZone).format(time);
}

/** The accounting date of a request: its `date`, or its `timestamp` in the seller's time zone. */
export function dateOf(body: { date?: string | undefined; timestamp?: string | undefined }, timeZone: string): string {
  if (body.date !== undefined && body.timestamp !== undefined) throw new TaxError('parameter_invalid', 'give date or timestamp, not both', 'timestamp');
  if (body.date !== undefined) return body.date;
  if (body.timestamp !== undefined) return accountingDate(body.timestamp, timeZone);
  throw new TaxError('parameter_missing', 'date is required (or a timestamp, dated in your accounting time zone)', 'date');
}
