/**
 * The GL CSV layout, written by the journal export and read back by the
 * reconciliation: `date,account,jurisdiction_id,jurisdiction_name,period,
 * debit,credit,currency,memo`, amounts in major units (1234.56).
 *
 * Reading is liberal about the layout and strict about the values. Columns
 * may come in any order, header names are matched whatever their case,
 * spaces and underscores (`Jurisdiction ID`, `jurisdictionId`), and columns
 * it does not use are ignored, so a GL system's own export can be uploaded.
 * It needs `period`, `debit`, `credit` and `account` or `jurisdiction_id`;
 * `currency` is optional. A value it cannot take exactly (a month that is
 * not `YYYY-MM`, an amount with a thousands separator or too many decimals,
 * a negative amount) is an error naming its row and column: the header is
 * row 1, as in a spreadsheet.
 */
import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { TaxError } from '../errors/tax-error.js';
import { parseMajorUnits } from '../imports/money.js';
import { minorUnits } from '../money/currency.js';
import { formatMinorUnits } from '../money/format.js';
import type { JournalLine } from './journal.js';
import type { GlRow } from './reconcile.js';

export const JOURNAL_COLUMNS = ['date', 'account', 'jurisdiction_id', 'jurisdiction_name', 'period', 'debit', 'credit', 'currency', 'memo'] as const;

/** Minor units as the CSV and the JSON answers write them: 123456 USD → "1234.56", 500 JPY → "500". */
export function formatAmount(amount: number, currency: string): string {
  return formatMinorUnits(amount, minorUnits(currency) ?? 2);
}

export function journalCsv(lines: readonly JournalLine[]): string {
  const rows = lines.map((l) =>
    [l.date, l.account, l.jurisdictionId ?? '', l.jurisdictionName ?? '', l.period, formatAmount(l.debit, l.currency), formatAmount(l.credit, l.currency), l.currency, l.memo].map(cell).join(','),
  );
  return `${[JOURNAL_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface ParsedGl {
  rows: GlRow[];
  /** Which of the two identifying columns the file has: rows are matched on those present. */
  has: { account: boolean; jurisdictionId: boolean };
}

type Column = 'period' | 'account' | 'jurisdictionId' | 'debit' | 'credit' | 'currency';

/** Header names (lower case, letters and digits only) and the column each means. */
const NAMES: Record<string, Column> = {
  period: 'period',
  account: 'account',
  accountcode: 'account',
  accountnumber: 'account',
  jurisdictionid: 'jurisdictionId',
  debit: 'debit',
  credit: 'credit',
  currency: 'currency',
};

/** How each column is named in messages: as the export writes it. */
const SHOWN: Record<Column, string> = { period: 'period', account: 'account', jurisdictionId: 'jurisdiction_id', debit: 'debit', credit: 'credit', currency: 'currency' };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Every row of the file, or a `csv_invalid` error naming the first bad row and column. */
export function parseGlCsv(text: string, defaultCurrency: string): ParsedGl {
  const records = readRecords(text);
  const header = records[0];
  if (!header) throw invalid(1, null, 'the file is empty: send the header row (period, account or jurisdiction_id, debit, credit) and the rows');
  const index = headerIndex(header.fields);
  const has = { account: index.has('account'), jurisdictionId: index.has('jurisdictionId') };
  const rows: GlRow[] = [];
  for (const { row, fields } of records.slice(1)) {
    if (fields.every((f) => f === '')) continue;
    if (fields.length !== header.fields.length) {
      throw invalid(row, null, `row ${row} has ${fields.length} fields, but the header has ${header.fields.length}; check for an unquoted comma or a missing value`);
    }
    const value = (column: Column) => {
      const at = index.get(column);
      return at === undefined ? '' : fields[at]!;
    };
    const period = value('period');
    if (!MONTH.test(period)) throw invalid(row, 'period', period === '' ? 'the period is empty; write the month as 2026-07' : `${JSON.stringify(period)} is not a month; write it as 2026-07`);
    const currency = (value('currency') || defaultCurrency).toUpperCase();
    if (minorUnits(currency) === undefined) throw invalid(row, 'currency', `${JSON.stringify(value('currency'))} is not an ISO 4217 currency code such as USD`);
    const account = value('account');
    if (has.account && account === '') throw invalid(row, 'account', 'the account is empty; every row needs the account it was posted to');
    rows.push({
      row,
      period,
      currency,
      ...(has.account ? { account } : {}),
      ...(has.jurisdictionId ? { jurisdictionId: value('jurisdictionId') } : {}),
      debit: amount(value('debit'), currency, row, 'debit'),
      credit: amount(value('credit'), currency, row, 'credit'),
    });
  }
  return { rows, has };
}

function readRecords(text: string): Array<{ row: number; fields: string[] }> {
  const records: Array<{ row: number; fields: string[] }> = [];
  try {
    parse(text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      on_record: (fields: string[], context: { records: number }) => {
        records.push({ row: context.records, fields });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const row = (typeof error['records'] === 'number' ? error['records'] : records.length) + 1;
    throw invalid(row, null, `row ${row} is not valid CSV: ${error.message}`);
  }
  return records;
}

function headerIndex(cells: readonly string[]): Map<Column, number> {
  const index = new Map<Column, number>();
  cells.forEach((cell, at) => {
    const column = NAMES[cell.toLowerCase().replace(/[^a-z0-9]/g, '')];
    if (!column) return;
    if (index.has(column)) throw invalid(1, column, `the header has two ${SHOWN[column]} columns (again in column ${at + 1}); keep one`);
    index.set(column, at);
  });
  for (const column of ['period', 'debit', 'credit'] as const) {
    if (!index.has(column)) throw invalid(1, column, `the header has no ${SHOWN[column]} column, which is required`);
  }
  if (!index.has('account') && !index.has('jurisdictionId')) {
    throw invalid(1, 'account', 'the header has neither an account nor a jurisdiction_id column: rows are matched on one of them (or both)');
  }
  return index;
}

function amount(text: string, currency: string, row: number, column: 'debit' | 'credit'): number {
  if (text === '') return 0;
  const parsed = parseMajorUnits(text, currency);
  if (!parsed.ok) throw invalid(row, column, parsed.message);
  if (parsed.value < 0) throw invalid(row, column, `${text} is negative; write it as a positive amount in the ${column === 'debit' ? 'credit' : 'debit'} column`);
  return parsed.value;
}

function invalid(row: number, column: Column | null, message: string): TaxError {
  const where = column ? `row ${row}, column ${SHOWN[column]}` : `row ${row}`;
  return new TaxError('csv_invalid', message.startsWith(`row ${row}`) ? message : `${where}: ${message}`, column ? `rows.${row}.${SHOWN[column]}` : `rows.${row}`);
}
