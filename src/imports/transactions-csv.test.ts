import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsvRecords, type RowError } from './csv-stream.js';
import { employeeTemplateCsv } from './employees-csv.js';
import {
  TRANSACTION_COLUMNS,
  TRANSACTION_SPEC,
  parseTransactionRecord,
  transactionFingerprint,
  transactionTemplateCsv,
  type TransactionImportRow,
} from './transactions-csv.js';
import { validTransactionRow } from './transactions-csv.test-helpers.js';

const valid = validTransactionRow;

function parsed(patch: Record<string, string> = {}): TransactionImportRow {
  const result = parseTransactionRecord(7, { ...valid, ...patch });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.row;
}

function errors(patch: Record<string, string>): RowError[] {
  const result = parseTransactionRecord(7, { ...valid, ...patch });
  if (result.ok) throw new Error(`accepted ${JSON.stringify(patch)}`);
  return result.errors;
}

/** The single error a patch causes. */
function only(patch: Record<string, string>): RowError {
  const found = errors(patch);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('transactionTemplateCsv', () => {
  it('has the columns in template order and example rows that all import cleanly', async () => {
    const csv = transactionTemplateCsv();
    expect(csv.split('\r\n')[0]).toBe(TRANSACTION_COLUMNS.join(','));
    const rows: TransactionImportRow[] = [];
    for await (const event of readCsvRecords(Readable.from([csv]), TRANSACTION_SPEC)) {
      if (event.kind === 'error') throw new Error(JSON.stringify(event.error));
      const result = parseTransactionRecord(event.row, event.values);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      rows.push(result.row);
    }
    expect(rows.map((r) => [r.row, r.transactionId, r.type, r.lineId, r.amount, r.taxCollected, r.marketplace])).toEqual([
      [2, 'INV-1001', 'sale', '1', 120000, 7920, false],
      [3, 'INV-1001', 'sale', '2', 30000, 1980, false],
      [4, 'MKT-2001', 'sale', '1', 4500, 360, true],
      [5, 'RF-1001', 'refund', '1', 40000, 2640, false],
    ]);
    const [first, second, , refund] = rows;
    expect(first!.address).toEqual({ line1: '100 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' });
    expect(transactionFingerprint(first!)).toBe(transactionFingerprint(second!));
    expect(refund!.originalTransactionId).toBe('INV-1001');
    expect(refund!.amount).toBeLessThan(first!.amount);
  });
});

describe('docs/imports.md', () => {
  it('shows the templates exactly as Levy serves them', () => {
    const doc = readFileSync(new URL('../../docs/imports.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```csv\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toEqual([transactionTemplateCsv().replace(/\r\n/g, '\n'), employeeTemplateCsv().replace(/\r\n/g, '\n')]);
  });
});

describe('parseTransactionRecord: accepted rows', () => {
  it('reads a full row into minor units and upper-cased codes', () => {
    expect(parsed({ currency: 'usd', country: 'us', region: 'tx' })).toEqual({
      row: 7,
      transactionId: 'INV-1',
      type: 'sale',
      originalTransactionId: null,
      date: '2024-03-15',
      currency: 'USD',
      customer: { id: 'cus_1', name: 'Acme Corp', type: 'business' },
      address: { line1: '100 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
      lineId: '1',
      productId: 'pro-plan',
      amount: 120000,
      quantity: '1',
      taxCollected: 7920,
      marketplace: false,
    });
  });

  it('reads only the required columns, the optional ones absent', () => {
    const values = Object.fromEntries(TRANSACTION_SPEC.required.map((c) => [c, valid[c]!]));
    const result = parseTransactionRecord(2, { ...values, region: 'TX' });
    expect(result.ok && result.row).toMatchObject({
      customer: { id: null, name: null, type: 'business' },
      address: { line1: null, city: null, region: 'TX', postalCode: null, country: 'US' },
      quantity: null,
      marketplace: false,
    });
  });

  it('trims values, including spaces kept inside quotes', () => {
    expect(parsed({ transaction_id: '  INV-1 ', amount: ' 5.00 ' })).toMatchObject({ transactionId: 'INV-1', amount: 500 });
  });

  it('reads customer_type case-insensitively, empty meaning business', () => {
    expect(parsed({ customer_type: 'Individual' }).customer.type).toBe('individual');
    expect(parsed({ customer_type: 'BUSINESS' }).customer.type).toBe('business');
    expect(parsed({ customer_type: '' }).customer.type).toBe('business');
  });

  it('reads marketplace as true/false, yes/no, 1/0 or empty', () => {
    for (const t of ['true', 'TRUE', 'yes', 'Yes', '1']) expect(parsed({ marketplace: t }).marketplace).toBe(true);
    for (const f of ['false', 'False', 'no', 'NO', '0', '']) expect(parsed({ marketplace: f }).marketplace).toBe(false);
  });

  it('stores a refund as positive amounts, however the spreadsheet signs them', () => {
    const refund = { type: 'refund', original_transaction_id: 'INV-0', transaction_id: 'RF-1' };
    expect(parsed({ ...refund, amount: '-400.00', tax_collected: '-26.40', quantity: '-2' })).toMatchObject({ amount: 40000, taxCollected: 2640, quantity: '2' });
    expect(parsed({ ...refund, amount: '400.00', tax_collected: '26.40' })).toMatchObject({ amount: 40000, taxCollected: 2640, originalTransactionId: 'INV-0' });
    expect(parsed({ ...refund, type: 'Refund', amount: '0', tax_collected: '-1.00' })).toMatchObject({ type: 'refund', amount: 0, taxCollected: 100 });
  });

  it('allows a sale line with a negative amount (a discount) or zero', () => {
    expect(parsed({ amount: '-50.00', tax_collected: '0' }).amount).toBe(-5000);
    expect(parsed({ amount: '0', tax_collected: '0.00' }).amount).toBe(0);
  });

  it('reads amounts in the currency of the row', () => {
    expect(parsed({ currency: 'JPY', amount: '1500', tax_collected: '150' })).toMatchObject({ amount: 1500, taxCollected: 150 });
    expect(parsed({ currency: 'BHD', amount: '1.005', tax_collected: '0.1' })).toMatchObject({ amount: 1005, taxCollected: 100 });
  });

  it('keeps the region of countries outside the US and Canada as written, and allows it empty', () => {
    expect(parsed({ country: 'DE', region: 'Bayern', postal_code: '80331' }).address).toMatchObject({ region: 'Bayern', country: 'DE', postalCode: '80331' });
    expect(parsed({ country: 'GB', region: '' }).address.region).toBeNull();
    expect(parsed({ country: 'CA', region: 'on', postal_code: 'M5V 2T6' }).address.region).toBe('ON');
    expect(parsed({ country: 'CA', region: '' }).address.region).toBeNull();
  });

  it('accepts quantities as decimal strings', () => {
    expect(parsed({ quantity: '1.5' }).quantity).toBe('1.5');
    expect(parsed({ quantity: '' }).quantity).toBeNull();
  });

  it('accepts ZIP+4', () => {
    expect(parsed({ postal_code: '78701-1234' }).address.postalCode).toBe('78701-1234');
  });
});

describe('parseTransactionRecord: one error per bad column', () => {
  it('value_missing: an empty required value', () => {
    for (const column of ['transaction_id', 'type', 'date', 'currency', 'country', 'line_id', 'product_id', 'amount', 'tax_collected']) {
      expect(only({ [column]: '' })).toMatchObject({ row: 7, column, code: 'value_missing' });
    }
    expect(only({ transaction_id: '' }).message).toBe('transaction_id is empty; every row needs a transaction_id');
  });

  it('value_missing: a US address without its state', () => {
    expect(only({ region: '' })).toEqual({ row: 7, column: 'region', code: 'value_missing', message: 'region is empty; an address in US needs its two-letter state code, such as TX' });
  });

  it('value_invalid: over-long ids, unknown customer types, malformed US ZIP codes', () => {
    expect(only({ transaction_id: 'x'.repeat(201) })).toMatchObject({ column: 'transaction_id', code: 'value_invalid' });
    expect(only({ line_id: 'x'.repeat(201) })).toMatchObject({ column: 'line_id', code: 'value_invalid' });
    expect(only({ product_id: 'x'.repeat(201) })).toMatchObject({ column: 'product_id', code: 'value_invalid' });
    expect(parsed({ product_id: 'x'.repeat(200) }).productId).toHaveLength(200);
    expect(only({ customer_type: 'company' })).toEqual({
      row: 7,
      column: 'customer_type',
      code: 'value_invalid',
      message: 'customer_type "company" is neither business nor individual (empty means business)',
    });
    expect(only({ postal_code: '7870' }).message).toContain('leading zeros');
    expect(only({ postal_code: 'ABCDE' })).toMatchObject({ column: 'postal_code', code: 'value_invalid' });
  });

  it('value_invalid: a refund naming itself as its original', () => {
    expect(only({ type: 'refund', original_transaction_id: 'INV-1' })).toMatchObject({ column: 'original_transaction_id', code: 'value_invalid' });
  });

  it('date_invalid: not YYYY-MM-DD, or not a real date', () => {
    expect(only({ date: '2024-13-01' })).toEqual({ row: 7, column: 'date', code: 'date_invalid', message: 'date "2024-13-01" is not a real date written YYYY-MM-DD' });
    for (const date of ['2023-02-29', '2024-04-31', '2024-00-10', '15/01/2024', '2024-1-5', '2024-01-15T00:00:00Z', '20240115', '0000-01-01']) {
      expect(only({ date })).toMatchObject({ column: 'date', code: 'date_invalid' });
    }
    expect(parsed({ date: '2024-02-29' }).date).toBe('2024-02-29');
    expect(parsed({ date: '2000-02-29' }).date).toBe('2000-02-29');
    expect(only({ date: '1900-02-29' }).code).toBe('date_invalid');
  });

  it('amount_invalid: malformed amounts, extra decimals, negative tax on a sale', () => {
    expect(only({ amount: '1,234.56' })).toEqual({
      row: 7,
      column: 'amount',
      code: 'amount_invalid',
      message: 'amount "1,234.56" has thousands separators; write it without them, as 1234.56',
    });
    expect(only({ amount: '1234.567' }).message).toBe("amount 1234.567 has more decimals than USD's 2");
    expect(only({ tax_collected: '$5' })).toMatchObject({ column: 'tax_collected', code: 'amount_invalid' });
    expect(only({ tax_collected: '-1.00' })).toEqual({
      row: 7,
      column: 'tax_collected',
      code: 'amount_invalid',
      message: 'tax_collected -1.00 is negative on a sale; write the tax charged (0 or more), or make the row a refund',
    });
    expect(only({ currency: 'JPY', amount: '1500.50', tax_collected: '0' }).message).toContain('JPY amounts are whole numbers');
  });

  it('currency_unknown: not an ISO 4217 code', () => {
    for (const currency of ['XYZ', 'US', 'dollars', 'XXX']) expect(only({ currency })).toMatchObject({ column: 'currency', code: 'currency_unknown' });
    expect(only({ currency: 'XYZ' }).message).toBe('currency "XYZ" is not an ISO 4217 currency code Levy can import, such as USD');
  });

  it('checks amount syntax even when the currency is unknown', () => {
    expect(errors({ currency: 'XYZ', amount: '1,234.00', tax_collected: '1.23456' }).map((e) => [e.column, e.code])).toEqual([
      ['currency', 'currency_unknown'],
      ['amount', 'amount_invalid'],
    ]);
  });

  it('type_invalid: neither sale nor refund', () => {
    expect(only({ type: 'invoice' })).toEqual({ row: 7, column: 'type', code: 'type_invalid', message: 'type "invoice" is neither sale nor refund' });
  });

  it('country_invalid: not a two-letter code', () => {
    for (const country of ['USA', 'U', '12', 'United States']) {
      const found = errors({ country });
      expect(found[0]).toMatchObject({ column: 'country', code: 'country_invalid' });
    }
  });

  it('region_invalid: not a US state, DC or PR, or not a Canadian province', () => {
    expect(only({ region: 'Texas' })).toEqual({ row: 7, column: 'region', code: 'region_invalid', message: 'region "Texas" is not a US state, DC or PR two-letter code, such as TX' });
    expect(only({ region: 'XX' }).code).toBe('region_invalid');
    expect(only({ country: 'CA', region: 'TX' }).message).toContain('Canadian province');
    expect(parsed({ region: 'dc' }).address.region).toBe('DC');
  });

  it('boolean_invalid: marketplace not a yes/no value', () => {
    expect(only({ marketplace: 'maybe' })).toEqual({
      row: 7,
      column: 'marketplace',
      code: 'boolean_invalid',
      message: 'marketplace "maybe" is not true or false (yes/no and 1/0 also work; empty means false)',
    });
  });

  it('quantity_invalid: not a number, or negative on a sale', () => {
    for (const quantity of ['two', '1,000', '1.5.2', '.5', '1e3', '9'.repeat(31)]) expect(only({ quantity })).toMatchObject({ column: 'quantity', code: 'quantity_invalid' });
    expect(only({ quantity: '-1' }).message).toContain('negative');
  });

  it('original_missing: a refund without the transaction it refunds', () => {
    expect(only({ type: 'refund', transaction_id: 'RF-1' })).toEqual({
      row: 7,
      column: 'original_transaction_id',
      code: 'original_missing',
      message: 'original_transaction_id is empty; a refund must name the transaction_id of the sale it refunds',
    });
  });

  it('original_unexpected: a sale that names an original transaction', () => {
    expect(only({ original_transaction_id: 'INV-0' })).toMatchObject({ column: 'original_transaction_id', code: 'original_unexpected' });
  });

  it('reports every problem of a row at once, in column order', () => {
    const found = errors({
      transaction_id: '',
      type: 'refund',
      date: '2024-02-30',
      currency: 'usd',
      customer_type: 'corp',
      region: 'ZZ',
      line_id: '',
      amount: '12,50',
      quantity: 'lots',
      tax_collected: '1.999',
      marketplace: 'perhaps',
    });
    expect(found.map((e) => [e.column, e.code])).toEqual([
      ['transaction_id', 'value_missing'],
      ['original_transaction_id', 'original_missing'],
      ['date', 'date_invalid'],
      ['customer_type', 'value_invalid'],
      ['region', 'region_invalid'],
      ['line_id', 'value_missing'],
      ['amount', 'amount_invalid'],
      ['quantity', 'quantity_invalid'],
      ['tax_collected', 'amount_invalid'],
      ['marketplace', 'boolean_invalid'],
    ]);
    expect(found.every((e) => e.row === 7)).toBe(true);
  });

  it('does not judge the region against a country that is itself wrong', () => {
    expect(errors({ country: 'USA', region: 'Texas' }).map((e) => e.code)).toEqual(['country_invalid']);
  });
});

describe('transactionFingerprint', () => {
  const base = parsed();

  it('ignores line-level fields', () => {
    expect(transactionFingerprint(parsed({ line_id: '2', product_id: 'team-plan', amount: '1.00', quantity: '3', tax_collected: '0' }))).toBe(transactionFingerprint(base));
  });

  it('changes with every transaction-level field', () => {
    const patches: Array<Record<string, string>> = [
      { type: 'refund', original_transaction_id: 'INV-0' },
      { date: '2024-03-16' },
      { currency: 'CAD' },
      { customer_id: 'cus_2' },
      { customer_id: '' },
      { customer_name: 'Acme Inc' },
      { customer_type: 'individual' },
      { address_line1: '101 Congress Ave' },
      { city: 'Round Rock' },
      { region: 'CA', postal_code: '94105' },
      { postal_code: '78702' },
      { country: 'CA', region: 'ON', postal_code: 'M5V 2T6' },
      { marketplace: 'true' },
    ];
    const prints = patches.map((p) => transactionFingerprint(parsed(p)));
    expect(new Set([transactionFingerprint(base), ...prints]).size).toBe(patches.length + 1);
  });

  it('tells a null field from the text "null"', () => {
    expect(transactionFingerprint(parsed({ customer_id: 'null' }))).not.toBe(transactionFingerprint(parsed({ customer_id: '' })));
  });
});
