/**
 * AvaTax speaks decimal numbers of the currency (12.34 dollars); Levy keeps
 * integer minor units. A JSON number is read through its shortest decimal
 * text, digit by digit, never by multiplying a float; more decimals than the
 * currency has are refused (AvaTax documents no rounding of amounts).
 */
import { minorUnits } from '../../money/currency.js';
import { formatMinorUnits } from '../../money/format.js';
import { parseMajorUnits } from '../../imports/money.js';
import { AvaTaxError } from './errors.js';

/** `amount` (a JSON number of `currency`'s major units) as minor units; `field` names it in the error. */
export function toMinorUnits(amount: number, currency: string, field: string): number {
  if (!Number.isFinite(amount)) throw AvaTaxError.invalid(`${field} must be a number`, field);
  const parsed = parseMajorUnits(String(amount), currency);
  if (!parsed.ok) throw AvaTaxError.invalid(`${field}: ${parsed.message}`, field);
  return parsed.value;
}

/** Minor units back to the JSON number AvaTax answers: built from the exact decimal text. */
export function toMajorNumber(minor: number, currency: string): number {
  return Number(formatMinorUnits(minor, minorUnits(currency.toUpperCase()) ?? 2));
}
