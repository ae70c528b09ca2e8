/**
 * The employee import template. Where people work creates physical nexus, so
 * the row's job is to pin each employee to a real state or province and a
 * date range; the rest of the record is left to HR systems.
 */
import type { ColumnSpec, RowError } from './csv-stream.js';
import { cell, countryValue, csvLine, dateValue, fail, optionalText, regionValue, requiredText, show, type Checked } from './fields.js';

export { US_REGIONS } from './fields.js';

export const EMPLOYEE_COLUMNS = ['employee_id', 'name', 'region', 'country', 'start_date', 'end_date'] as const;

export type EmployeeColumn = (typeof EMPLOYEE_COLUMNS)[number];

/** The spec to hand readCsvRecords for this template. */
export const EMPLOYEE_SPEC: ColumnSpec = {
  required: ['employee_id', 'region', 'country', 'start_date'],
  optional: ['name', 'end_date'],
};

export interface EmployeeImportRow {
  row: number;
  id: string;
  name: string | null;
  /** Upper-case two-letter code in the US (a state, DC or PR) and Canada; free text, or null, elsewhere. */
  region: string | null;
  /** Upper-case ISO 3166 alpha-2. */
  country: string;
  startDate: string;
  /** The last day worked; null while employed. */
  endDate: string | null;
}

export type EmployeeRecordResult = { ok: true; row: EmployeeImportRow } | { ok: false; errors: RowError[] };

const ID_MAX = 200;
const NAME_MAX = 200;

export function employeeTemplateCsv(): string {
  const rows: string[][] = [
    [...EMPLOYEE_COLUMNS],
    ['E-001', 'Ada Lopez', 'TX', 'US', '2022-01-10', ''],
    ['E-002', 'Sam Okafor', 'CO', 'US', '2023-06-01', '2024-02-29'],
    ['E-003', 'Marie Tremblay', 'ON', 'CA', '2024-04-15', ''],
  ];
  return rows.map(csvLine).join('\r\n') + '\r\n';
}

/** One record of the template as a typed row, or one error per bad column, in column order. */
export function parseEmployeeRecord(row: number, values: Record<string, string>): EmployeeRecordResult {
  const errors: RowError[] = [];
  const take = <T>(checked: Checked<T>, fallback: T): T => {
    if (checked.ok) return checked.value;
    errors.push(checked.error);
    return fallback;
  };
  const v = (column: EmployeeColumn) => cell(values, column);

  const id = take(requiredText(row, 'employee_id', v('employee_id'), ID_MAX, 'an employee_id'), '');
  const name = take(optionalText(row, 'name', v('name'), NAME_MAX), null);
  const country = take(countryValue(row, 'country', v('country')), null);
  const region = take(regionValue(row, 'region', v('region'), country, ['US', 'CA'], NAME_MAX), null);
  const startDate = take(dateValue(row, 'start_date', v('start_date')), null);
  const endText = v('end_date');
  let endDate: string | null = null;
  if (endText !== '') {
    endDate = take(dateValue(row, 'end_date', endText), null);
    if (endDate !== null && startDate !== null && endDate < startDate) {
      errors.push({
        row,
        column: 'end_date',
        code: 'value_invalid',
        message: `end_date ${show(endDate)} is before start_date ${show(startDate)}; the end date is the last day worked`,
      });
    }
  }

  if (errors.length > 0 || country === null || startDate === null) {
    const order = (e: RowError) => EMPLOYEE_COLUMNS.indexOf(e.column as EmployeeColumn);
    return { ok: false, errors: errors.sort((a, b) => order(a) - order(b)) };
  }
  return { ok: true, row: { row, id, name, region, country, startDate, endDate } };
}
