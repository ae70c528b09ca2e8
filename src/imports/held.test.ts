import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kindOf, parseHeld } from '../attention/held-request.js';
import { TaxError } from '../errors/tax-error.js';
import { saleRequest } from './commit.js';
import { heldField, heldRefund, heldSale, importHold } from './held.js';
import { parseTransactionRecord, type TransactionImportRow } from './transactions-csv.js';
import { validTransactionRow } from './transactions-csv.test-helpers.js';

const base = validTransactionRow;

function parsed(values: Record<string, string>, row = 2): TransactionImportRow {
  const result = parseTransactionRecord(row, values);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.row;
}

describe('an imported transaction held for attention', () => {
  it('is a sale as POST /v1/transactions takes it: committed, under its own id', () => {
    const rows = [parsed(base), parsed({ ...base, line_id: '2', product_id: 'setup', amount: '-100.00', quantity: '', marketplace: 'yes' }, 3)];
    const request = heldSale('INV-1', saleRequest(rows), true);
    expect(request).toEqual({
      id: 'INV-1',
      date: '2024-03-15',
      currency: 'USD',
      customer: { id: 'cus_1', name: 'Acme Corp', type: 'business', address: { line1: '100 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' } },
      lines: [
        { id: '1', productId: 'pro-plan', amount: 120000, quantity: '1' },
        { id: '2', productId: 'setup', amount: -10000 },
      ],
      commit: true,
      marketplace: true,
    });
    expect(kindOf(request)).toBe('sale');
    expect(parseHeld('sale', request, 'stored').body).toEqual(request);
  });

  it('is a refund as its refunds route takes it, with the sale it refunds; lines refunding nothing are left out', () => {
    const refund = { ...base, transaction_id: 'CN-1', type: 'refund', original_transaction_id: 'INV-1' };
    const rows = [parsed({ ...refund, amount: '-400.00' }), parsed({ ...refund, line_id: '2', amount: '0' }, 3)];
    const request = heldRefund('CN-1', rows);
    expect(request).toEqual({ originalId: 'INV-1', id: 'CN-1', date: '2024-03-15', lines: [{ id: '1', amount: 40000 }] });
    expect(kindOf(request)).toBe('refund');
    expect(parseHeld('refund', request, 'stored').body).toEqual(request);
  });

  it('keeps the error with the field of the held request', () => {
    expect(heldField('originalTransactionId')).toBe('originalId');
    expect(heldField('lines.0.productId')).toBe('lines.0.productId');
    expect(heldField(undefined)).toBeNull();
    const hold = importHold('imp_1', 'CN-1', { originalId: 'INV-1', id: 'CN-1', date: '2024-03-15' }, null, new TaxError('resource_not_found', 'no sale INV-1', 'originalTransactionId'));
    expect(hold).toMatchObject({ source: 'import', sourceId: 'imp_1', reference: 'CN-1', error: { code: 'resource_not_found', message: 'no sale INV-1', field: 'originalId' } });
  });

  it('is, for every row the import accepts, a request the API accepts', () => {
    const text = (max: number) => fc.string({ unit: fc.constantFrom(...'abcXYZ019 -_./#é'), minLength: 1, maxLength: max }).filter((s) => s.trim() === s && s !== '');
    const optional = (max: number) => fc.oneof(fc.constant(''), text(max));
    const amount = fc.tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 0, max: 99 })).map(([whole, cents]) => `${whole}.${String(cents).padStart(2, '0')}`);
    const line = fc.record({
      line_id: text(20),
      product_id: text(20),
      amount,
      quantity: fc.oneof(fc.constant(''), fc.stringMatching(/^\d{1,4}(\.\d{1,3})?$/)),
    });
    const transaction = fc.record({
      type: fc.constantFrom('sale', 'refund'),
      customer_id: optional(30),
      customer_name: optional(30),
      customer_type: fc.constantFrom('', 'business', 'individual', 'INDIVIDUAL'),
      address_line1: optional(40),
      city: optional(20),
      postal_code: fc.constantFrom('', '78701', '78701-1234'),
      lines: fc.uniqueArray(line, { minLength: 1, maxLength: 5, selector: (l) => l.line_id }),
    });
    fc.assert(
      fc.property(transaction, (t) => {
        const rows = t.lines.map((l, i) => {
          const values = { ...base, ...l, type: t.type, customer_id: t.customer_id, customer_name: t.customer_name, customer_type: t.customer_type, address_line1: t.address_line1, city: t.city, postal_code: t.postal_code };
          if (t.type === 'refund') Object.assign(values, { transaction_id: 'CN-1', original_transaction_id: 'INV-1', tax_collected: '0' });
          else Object.assign(values, { tax_collected: '0' });
          return parsed(values, i + 2);
        });
        if (t.type === 'sale') {
          const request = heldSale('INV-1', saleRequest(rows), false);
          expect(parseHeld(kindOf(request), request, 'stored').body).toEqual(request);
        } else {
          const request = heldRefund('CN-1', rows);
          // A refund of nothing at all is no request the API takes: its repost says so (lines).
          if (request.lines!.length === 0) expect(() => parseHeld('refund', request, 'stored')).toThrow(TaxError);
          else expect(parseHeld(kindOf(request), request, 'stored').body).toEqual(request);
        }
      }),
    );
  });
});
