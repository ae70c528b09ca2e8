/**
 * The transaction import template: one CSV row per line item, transaction
 * fields repeated on each of its rows, amounts in decimal major units. This
 * module turns one record into a typed row or every error the row has; grouping
 * rows into transactions is the caller's (see transactionFingerprint).
 */
import { minorUnits } from '../money/currency.js';
import type { ColumnSpec, RowError } from './csv-stream.js';
import { cell, countryValue, csvLine, dateValue, fail, optionalText, regionValue, requiredText, show, type Checked } from './fields.js';
import { decimalSyntaxError, parseMajorUnits } from './money.js';

export const TRANSACTION_COLUMNS = [
  'transaction_id',
  'type',
  'original_transaction_id',
  'date',
  'currency',
  'customer_id',
  'customer_name',
  'customer_type',
  'address_line1',
  'city',
  'region',
  'postal_code',
  'country',
  'line_id',
  'product_id',
  'amount',
  'quantity',
  'tax_collected',
  'marketplace',
] as const;

export type TransactionColumn = (typeof TRANSACTION_COLUMNS)[number];

const REQUIRED: readonly TransactionColumn[] = ['transaction_id', 'type', 'date', 'currency', 'country', 'line_id', 'product_id', 'amount', 'tax_collected'];

/** The spec to hand readCsvRecords for this template. */
export const TRANSACTION_SPEC: ColumnSpec = {
  required: REQUIRED,
  optional: TRANSACTION_COLUMNS.filter((c) => !REQUIRED.includes(c)),
};

export interface TransactionImportRow {
  row: number;
  transactionId: string;
  type: 'sale' | 'refund';
  originalTransactionId: string | null;
  date: string;
  /** Upper-case ISO 4217. */
  currency: string;
  customer: { id: string | null; name: string | null; type: 'business' | 'individual' };
  /** country is upper-case ISO 3166 alpha-2; region is upper-cased for the US and Canada. */
  address: { line1: string | null; city: string | null; region: string | null; postalCode: string | null; country: string };
  lineId: string;
  productId: string;
  /** Minor units; for a refund, the positive amount refunded. A sale's negative amount is a discount line. */
  amount: number;
  /** A non-negative decimal string, informational like the API's line quantity. */
  quantity: string | null;
  /** Minor units; for a refund, the positive tax given back. */
  taxCollected: number;
  marketplace: boolean;
}

export type TransactionRecordResult = { ok: true; row: TransactionImportRow } | { ok: false; errors: RowError[] };

const ID_MAX = 200;
const NAME_MAX = 200;
const LINE1_MAX = 500;
const POSTAL_MAX = 20;
const QUANTITY_MAX = 30;

/** Template rows: a two-line SaaS sale into Austin, a marketplace sale, a partial refund of the first sale's line 1. */
export function transactionTemplateCsv(): string {
  const acme = ['cus_acme', 'Acme Corp', 'business', '100 Congress Ave', 'Austin', 'TX', '78701', 'US'];
  const rows: string[][] = [
    [...TRANSACTION_COLUMNS],
    ['INV-1001', 'sale', '', '2024-03-15', 'USD', ...acme, '1', 'pro-plan', '1200.00', '1', '79.20', 'false'],
    ['INV-1001', 'sale', '', '2024-03-15', 'USD', ...acme, '2', 'team-plan', '300.00', '5', '19.80', 'false'],
    ['MKT-2001', 'sale', '', '2024-03-18', 'USD', '', 'Jordan Lee', 'individual', '22 High St', 'Columbus', 'OH', '43215', 'US', '1', 'hardware-kit', '45.00', '1', '3.60', 'true'],
    ['RF-1001', 'refund', 'INV-1001', '2024-04-02', 'USD', ...acme, '1', 'pro-plan', '400.00', '', '26.40', 'false'],
  ];
  return rows.map(csvLine).join('\r\n') + '\r\n';
}

/**
 * One record of the template (values keyed by column name, as readCsvRecords
 * yields them) as a typed row, or one error per bad column, in column order.
 */
export function parseTransactionRecord(row: number, values: Record<string, string>): TransactionRecordResult {
  const errors: RowError[] = [];
  const take = <T>(checked: Checked<T>, fallback: T): T => {
    if (checked.ok) return checked.value;
    errors.push(checked.error);
    return fallback;
  };
  const v = (column: TransactionColumn) => cell(values, column);

  const transactionId = take(requiredText(row, 'transaction_id', v('transaction_id'), ID_MAX, 'a transaction_id'), '');
  const type = take(typeValue(row, v('type')), null);
  const originalTransactionId = take(originalValue(row, v('original_transaction_id'), type, transactionId), null);
  const date = take(dateValue(row, 'date', v('date')), '');
  const currency = take(currencyValue(row, v('currency')), null);
  const customerId = take(optionalText(row, 'customer_id', v('customer_id'), ID_MAX), null);
  const customerName = take(optionalText(row, 'customer_name', v('customer_name'), NAME_MAX), null);
  const customerType = take(customerTypeValue(row, v('customer_type')), 'business');
  const line1 = take(optionalText(row, 'address_line1', v('address_line1'), LINE1_MAX), null);
  const city = take(optionalText(row, 'city', v('city'), NAME_MAX), null);
  const country = take(countryValue(row, 'country', v('country')), null);
  const region = take(regionValue(row, 'region', v('region'), country, ['US'], NAME_MAX), null);
  const postalCode = take(postalValue(row, v('postal_code'), country), null);
  const lineId = take(requiredText(row, 'line_id', v('line_id'), ID_MAX, 'a line_id'), '');
  const productId = take(requiredText(row, 'product_id', v('product_id'), ID_MAX, 'a product_id'), '');
  const amount = take(amountValue(row, 'amount', v('amount'), currency, type), 0);
  const quantity = take(quantityValue(row, v('quantity'), type), null);
  const taxCollected = take(amountValue(row, 'tax_collected', v('tax_collected'), currency, type), 0);
  const marketplace = take(booleanValue(row, 'marketplace', v('marketplace')), false);

  if (errors.length > 0 || type === null || currency === null || country === null) {
    const order = (e: RowError) => TRANSACTION_COLUMNS.indexOf(e.column as TransactionColumn);
    return { ok: false, errors: errors.sort((a, b) => order(a) - order(b)) };
  }
  return {
    ok: true,
    row: {
      row,
      transactionId,
      type,
      originalTransactionId,
      date,
      currency,
      customer: { id: customerId, name: customerName, type: customerType },
      address: { line1, city, region, postalCode, country },
      lineId,
      productId,
      amount,
      quantity,
      taxCollected,
      marketplace,
    },
  };
}

/**
 * The transaction-level fields of a row, as one comparable string: every row of
 * a transaction must give the same fingerprint, or its rows disagree about what
 * the transaction is.
 */
export function transactionFingerprint(r: TransactionImportRow): string {
  return JSON.stringify([
    r.type,
    r.originalTransactionId,
    r.date,
    r.currency,
    r.customer.id,
    r.customer.name,
    r.customer.type,
    r.address.line1,
    r.address.city,
    r.address.region,
    r.address.postalCode,
    r.address.country,
    r.marketplace,
  ]);
}

function typeValue(row: number, value: string): Checked<'sale' | 'refund' | null> {
  if (value === '') return fail(row, 'type', 'value_missing', 'type is empty; write sale or refund');
  const lower = value.toLowerCase();
  if (lower === 'sale' || lower === 'refund') return { ok: true, value: lower };
  return fail(row, 'type', 'type_invalid', `type ${show(value)} is neither sale nor refund`);
}

function originalValue(row: number, value: string, type: 'sale' | 'refund' | null, transactionId: string): Checked<string | null> {
  const column = 'original_transaction_id';
  if (value === '') {
    if (type === 'refund') {
      return fail(row, column, 'original_missing', 'original_transaction_id is empty; a refund must name the transaction_id of the sale it refunds');
    }
    return { ok: true, value: null };
  }
  if (type === 'sale') {
    return fail(row, column, 'original_unexpected', `original_transaction_id ${show(value)} is set on a sale; only refunds reference an original transaction (set type to refund, or clear it)`);
  }
  if (value.length > ID_MAX) return fail(row, column, 'value_invalid', `original_transaction_id ${show(value)} is ${value.length} characters long; at most ${ID_MAX} are allowed`);
  if (value === transactionId) {
    return fail(row, column, 'value_invalid', `original_transaction_id ${show(value)} is the row's own transaction_id; a refund needs its own id and names the sale it refunds`);
  }
  return { ok: true, value };
}

function currencyValue(row: number, value: string): Checked<string | null> {
  if (value === '') return fail(row, 'currency', 'value_missing', 'currency is empty; write the ISO 4217 code, such as USD');
  const code = value.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || minorUnits(code) === undefined) {
    return fail(row, 'currency', 'currency_unknown', `currency ${show(value)} is not an ISO 4217 currency code Levy can import, such as USD`);
  }
  return { ok: true, value: code };
}

function customerTypeValue(row: number, value: string): Checked<'business' | 'individual'> {
  if (value === '') return { ok: true, value: 'business' };
  const lower = value.toLowerCase();
  if (lower === 'business' || lower === 'individual') return { ok: true, value: lower };
  return fail(row, 'customer_type', 'value_invalid', `customer_type ${show(value)} is neither business nor individual (empty means business)`);
}

function postalValue(row: number, value: string, country: string | null): Checked<string | null> {
  const text = optionalText(row, 'postal_code', value, POSTAL_MAX);
  if (!text.ok || text.value === null || country !== 'US') return text;
  if (/^\d{5}(-\d{4})?$/.test(value)) return text;
  // Spreadsheets read ZIP codes as numbers and drop the leading zero (02108 becomes 2108).
  const hint = /^\d{3,4}(-\d{4})?$/.test(value) ? '; the spreadsheet may have dropped leading zeros, so format the column as text and write all five digits' : '';
  return fail(row, 'postal_code', 'value_invalid', `postal_code ${show(value)} is not a US ZIP code (five digits, or ZIP+4 such as 78701-1234)${hint}`);
}

/**
 * An amount column. A refund's sign is the spreadsheet's convention, not
 * information, so its magnitude is kept; a sale's negative amount is a discount
 * line, but a sale cannot collect negative tax. With no usable currency the
 * decimals cannot be judged, so only the syntax is checked.
 */
function amountValue(row: number, column: 'amount' | 'tax_collected', value: string, currency: string | null, type: 'sale' | 'refund' | null): Checked<number> {
  if (value === '') return fail(row, column, 'value_missing', `${column} is empty; write the amount in ${currency ?? 'the currency'}'s major units, such as 12.50 (0 if none)`);
  if (currency === null) {
    const syntax = decimalSyntaxError(value);
    return syntax === undefined ? { ok: true, value: 0 } : fail(row, column, 'amount_invalid', `${column} ${syntax}`);
  }
  const parsed = parseMajorUnits(value, currency);
  if (!parsed.ok) return fail(row, column, 'amount_invalid', `${column} ${parsed.message}`);
  if (type === 'refund') return { ok: true, value: Math.abs(parsed.value) };
  if (column === 'tax_collected' && parsed.value < 0) {
    return fail(row, column, 'amount_invalid', `tax_collected ${value} is negative on a sale; write the tax charged (0 or more), or make the row a refund`);
  }
  return { ok: true, value: parsed.value };
}

function quantityValue(row: number, value: string, type: 'sale' | 'refund' | null): Checked<string | null> {
  if (value === '') return { ok: true, value: null };
  const m = value.length <= QUANTITY_MAX ? /^([+-]?)(\d+(?:\.\d+)?)$/.exec(value) : null;
  if (!m) {
    const hint = value.includes(',') ? ' without thousands separators' : '';
    return fail(row, 'quantity', 'quantity_invalid', `quantity ${show(value)} is not a number such as 3 or 1.5${hint}`);
  }
  // Refunds, like their amounts, may be written negative; a sale cannot sell a negative quantity.
  if (m[1] === '-' && type !== 'refund') {
    return fail(row, 'quantity', 'quantity_invalid', `quantity ${value} is negative; a sale's quantity is 0 or more (leave it empty if unknown)`);
  }
  return { ok: true, value: m[2]! };
}

function booleanValue(row: number, column: string, value: string): Checked<boolean> {
  const lower = value.toLowerCase();
  if (lower === '' || lower === 'false' || lower === 'no' || lower === '0') return { ok: true, value: false };
  if (lower === 'true' || lower === 'yes' || lower === '1') return { ok: true, value: true };
  return fail(row, column, 'boolean_invalid', `${column} ${show(value)} is not true or false (yes/no and 1/0 also work; empty means false)`);
}
