/**
 * Amounts as spreadsheets write them (decimal major units, "1234.56") turned
 * into exact integer minor units. The digits are handled as text and BigInt:
 * going through a double would turn 0.29 into 28.999999999999996 cents, and
 * an import that silently rounds is an import that cannot be reconciled.
 *
 * Accepted: an optional sign (- or +), digits, and optionally a point followed
 * by at most as many digits as the currency has minor units: 1234.56, -12.5,
 * 0, 007.50, and .5 (some exporters drop the leading zero, and it can only mean
 * 0.5). Refused, each with a message saying what to write instead: thousands
 * separators, decimal commas, currency symbols or codes, exponent notation,
 * accounting parentheses, a trailing point ("5." reads like a cut-off cell),
 * and more decimals than the currency has, even zeros ("1.500" in USD), because
 * a column with extra decimals usually holds computed, unrounded values.
 */
import { minorUnits } from '../money/currency.js';

export type MajorUnitsResult = { ok: true; value: number } | { ok: false; message: string };

/** The longest amount text read: far beyond any safe integer, short enough that messages stay readable. */
const MAX_TEXT = 40;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * `text` in `currency`'s major units (USD dollars, JPY yen, BHD dinars) as an
 * integer number of minor units, or a message naming the text and what to
 * write instead. The currency code is matched case-insensitively.
 */
export function parseMajorUnits(text: string, currency: string): MajorUnitsResult {
  const code = currency.trim().toUpperCase();
  const exponent = minorUnits(code);
  if (exponent === undefined) {
    return { ok: false, message: `${quote(currency.trim())} is not an ISO 4217 currency code Levy can import, such as USD` };
  }
  const parts = readDecimal(text);
  if (!parts.ok) return parts;
  const shown = text.trim();
  if (parts.fraction.length > exponent) {
    return {
      ok: false,
      message: exponent === 0 ? `${shown} has decimals, but ${code} amounts are whole numbers` : `${shown} has more decimals than ${code}'s ${exponent}`,
    };
  }
  const magnitude = BigInt(`${parts.whole}${parts.fraction.padEnd(exponent, '0')}` || '0');
  if (magnitude > MAX_SAFE) {
    return { ok: false, message: `${shown} is too large to calculate exactly (at most ${MAX_SAFE} minor units)` };
  }
  // Number() of a BigInt within the safe range is exact; 0n has no negative zero to leak.
  return { ok: true, value: Number(parts.negative ? -magnitude : magnitude) };
}

/**
 * Why `text` is not a decimal amount at all, or undefined when it is one. For
 * checking an amount whose currency is unknown: its decimals cannot be judged,
 * but a thousands separator is still worth reporting in the same pass.
 */
export function decimalSyntaxError(text: string): string | undefined {
  const parts = readDecimal(text);
  return parts.ok ? undefined : parts.message;
}

type DecimalParts = { ok: true; negative: boolean; whole: string; fraction: string } | { ok: false; message: string };

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d+))?$/;

function readDecimal(text: string): DecimalParts {
  const t = text.trim();
  if (t === '') return { ok: false, message: 'the amount is empty; write a number such as 12.50' };
  if (t.length > MAX_TEXT) return { ok: false, message: `${quote(t)} is too long to be an amount` };
  const m = DECIMAL.exec(t);
  if (m && (m[2] !== '' || m[3] !== undefined)) {
    return { ok: true, negative: m[1] === '-', whole: m[2] ?? '', fraction: m[3] ?? '' };
  }
  return { ok: false, message: diagnose(t) };
}

/** The most likely reason a cell is not a plain decimal, phrased as what to write instead. */
function diagnose(t: string): string {
  if (/^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(t)) {
    return `${t} is in exponent notation; write the number in full with its decimals, such as 1250000.00 (format the spreadsheet column as a number, not scientific)`;
  }
  if (/[$€£¥₹¢₩₽₺₪₫฿]/.test(t) || /^[A-Za-z]{3}\s*[-+]?[\d.]/.test(t) || /[\d.]\s*[A-Za-z]{3}$/.test(t)) {
    return `${quote(t)} contains a currency symbol or code; write only the number, such as 12.50 (the currency column says which currency)`;
  }
  if (/^\(.*\)$/.test(t)) return `${t} uses parentheses for a negative amount; write a minus sign instead, such as -12.50`;
  if (/^[−–]/.test(t)) return `${quote(t)} starts with a typographic dash; write the minus sign as a plain hyphen (-)`;
  const grouped = /^([+-]?)(\d{1,3}(?:[, '\u00a0\u202f]\d{3})+)(\.\d+)?$/.exec(t);
  if (grouped) {
    const plain = `${grouped[1]}${grouped[2]!.replace(/\D/g, '')}${grouped[3] ?? ''}`;
    // "1,234" could also be a decimal comma with three decimals; say both rather than guess.
    if (/^[+-]?\d{1,3},\d{3}$/.test(t)) {
      return `${t} has a comma: write amounts without thousands separators and with a point before the decimals (${plain}, or ${t.replace(',', '.')} if the comma was a decimal separator)`;
    }
    return `${quote(t)} has thousands separators; write it without them, as ${plain}`;
  }
  if (/^[+-]?\d*,\d+$/.test(t)) return `${t} uses a comma as the decimal separator; write it with a point, as ${t.replace(',', '.')}`;
  if (/^[+-]?\d{1,3}(?:\.\d{3})+,\d+$/.test(t)) {
    return `${t} uses points for thousands and a comma for decimals; write it as ${t.replace(/\./g, '').replace(',', '.')}`;
  }
  if (/^[+-]?\d+\.$/.test(t)) return `${t} ends with a decimal point; write ${t.slice(0, -1)} or add the decimals`;
  return `${quote(t)} is not an amount; write digits with an optional minus sign and decimal point, such as 1234.56`;
}

function quote(t: string): string {
  return JSON.stringify(t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT - 3)}...` : t);
}
