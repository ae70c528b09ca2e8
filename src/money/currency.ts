/**
 * ISO 4217 currencies and their minor units (USD 2, JPY 0, KWD 3), from the
 * currency-codes package. Amounts are already in minor units, so the digits
 * only matter for validation and display.
 */
import currencyCodes from 'currency-codes';

/** Codes that are not money a seller invoices in (funds, metals, testing, "no currency"). */
const NOT_INVOICE_CURRENCIES = new Set(['XXX', 'XTS', 'XAU', 'XAG', 'XPD', 'XPT', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XSU', 'XUA']);

const DIGITS = new Map(
  currencyCodes
    .data.filter((c) => !NOT_INVOICE_CURRENCIES.has(c.code))
    .map((c) => [c.code, c.digits] as const),
);

/** Minor-unit digits of an ISO 4217 currency, or undefined for a code that is not one. */
export function minorUnits(code: string): number | undefined {
  return DIGITS.get(code);
}
