/**
 * Field checks shared by the import templates. Each returns the normalised
 * value or the RowError for its column, so a template parser can collect one
 * error per bad column and still report every problem of a row in one pass.
 */
import type { RowError } from './csv-stream.js';

/** The 50 states, DC and Puerto Rico: where a US seller can have employees, nexus or customers. */
export const US_REGIONS: ReadonlySet<string> = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY'.split(' '),
);

/** Canada's provinces and territories. */
export const CA_REGIONS: ReadonlySet<string> = new Set('AB BC MB NB NL NS NT NU ON PE QC SK YT'.split(' '));

export type Checked<T> = { ok: true; value: T } | { ok: false; error: RowError };

/** A value as messages quote it, cut short so a pasted paragraph cannot become the message. */
export function show(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

export function fail(row: number, column: string, code: string, message: string): { ok: false; error: RowError } {
  return { ok: false, error: { row, column, code, message } };
}

/** A cell as the templates read it: trimmed, since quoted cells keep the spaces csv-parse's trim leaves. */
export function cell(values: Record<string, string>, column: string): string {
  return (values[column] ?? '').trim();
}

/** A required text value such as an id. */
export function requiredText(row: number, column: string, value: string, max: number, what: string): Checked<string> {
  if (value === '') return fail(row, column, 'value_missing', `${column} is empty; every row needs ${what}`);
  return limited(row, column, value, max);
}

/** An optional text value; empty reads as null. */
export function optionalText(row: number, column: string, value: string, max: number): Checked<string | null> {
  return value === '' ? { ok: true, value: null } : limited(row, column, value, max);
}

function limited(row: number, column: string, value: string, max: number): Checked<string> {
  if (value.length > max) {
    return fail(row, column, 'value_invalid', `${column} ${show(value)} is ${value.length} characters long; at most ${max} are allowed`);
  }
  return { ok: true, value };
}

/** A calendar date written YYYY-MM-DD (the only unambiguous form; 03/04/2024 is two dates). */
export function dateValue(row: number, column: string, value: string): Checked<string> {
  if (value === '') return fail(row, column, 'value_missing', `${column} is empty; write the date as YYYY-MM-DD, such as 2024-03-15`);
  if (!isRealDate(value)) return fail(row, column, 'date_invalid', `${column} ${show(value)} is not a real date written YYYY-MM-DD`);
  return { ok: true, value };
}

export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** An ISO 3166 alpha-2 country, upper-cased. */
export function countryValue(row: number, column: string, value: string): Checked<string> {
  if (value === '') return fail(row, column, 'value_missing', `${column} is empty; write the two-letter ISO country code, such as US`);
  if (!/^[A-Za-z]{2}$/.test(value)) {
    return fail(row, column, 'country_invalid', `${column} ${show(value)} is not a two-letter ISO country code such as US, CA or DE`);
  }
  return { ok: true, value: value.toUpperCase() };
}

/**
 * A region for `country` (null when the country is unknown or invalid, so the
 * region is judged only against a country that is itself right). US and
 * Canadian regions are two-letter codes checked against the list; elsewhere the
 * region is free text. `requiredIn` lists the countries where it may not be empty.
 */
export function regionValue(
  row: number,
  column: string,
  value: string,
  country: string | null,
  requiredIn: readonly string[],
  max: number,
): Checked<string | null> {
  if (value === '') {
    if (country !== null && requiredIn.includes(country)) {
      return fail(row, column, 'value_missing', `${column} is empty; an address in ${country} needs its two-letter ${country === 'US' ? 'state code, such as TX' : 'province code, such as ON'}`);
    }
    return { ok: true, value: null };
  }
  if (country === 'US' || country === 'CA') {
    const code = value.toUpperCase();
    const list = country === 'US' ? US_REGIONS : CA_REGIONS;
    if (!list.has(code)) {
      const what = country === 'US' ? 'a US state, DC or PR two-letter code, such as TX' : 'a Canadian province or territory two-letter code, such as ON';
      return fail(row, column, 'region_invalid', `${column} ${show(value)} is not ${what}`);
    }
    return { ok: true, value: code };
  }
  return optionalText(row, column, value, max);
}

/** A CSV line with RFC 4180 quoting, so template values may hold commas or quotes. */
export function csvLine(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}
