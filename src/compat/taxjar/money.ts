/**
 * TaxJar's amounts are decimal dollars (JSON numbers, sometimes strings);
 * Levy's are integer minor units. Converted here exactly: a JSON number is
 * read through its shortest decimal text (String(n)), never multiplied as a
 * float, and more decimals than the currency has are refused rather than
 * rounded, since TaxJar documents no rounding of amounts it is sent.
 */
import { formatMinorUnits } from '../../money/format.js';
import { minorUnits as currencyDigits } from '../../money/currency.js';
import { parseMajorUnits } from '../../imports/money.js';
import { TaxjarError } from './errors.js';

/** `value` (a number or a numeric string, in `currency`'s major units) as integer minor units; `field` names it in the 400. */
export function toMinorUnits(value: number | string, currency: string, field: string): number {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new TaxjarError(400, `${field} must be a number`);
  const parsed = parseMajorUnits(String(value), currency);
  if (!parsed.ok) throw new TaxjarError(400, `${field}: ${parsed.message}`);
  return parsed.value;
}

/** Minor units as the decimal text TaxJar's transactions carry ("16.5"): no trailing zeros. */
export function toDecimalText(amount: number, currency: string): string {
  const text = formatMinorUnits(amount, currencyDigits(currency) ?? 2);
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** Minor units as a JSON number for /v2/taxes (1.35), built from its exact decimal text. */
export function toDecimalNumber(amount: number, currency: string): number {
  return Number(toDecimalText(amount, currency));
}
