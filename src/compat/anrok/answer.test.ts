import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalculateResponse, LineJurisdiction, ResultLine } from '../../engine/schemas.js';
import { anrokAnswer, jurisResolver } from './answer.js';

const jurisOf = jurisResolver(
  new Map([
    ['US-TX', { id: 'US-TX', name: 'Texas', level: 'state' }],
    ['US-TX-CITY-AUSTIN', { id: 'US-TX-CITY-AUSTIN', name: 'Austin', level: 'city', parent: 'US-TX' }],
    ['US-NY', { id: 'US-NY', name: 'New York', level: 'state' }],
  ]),
);

const juris = (id: string, name: string, tax: number, extra: Partial<LineJurisdiction> = {}): LineJurisdiction => ({
  id,
  name,
  level: 'state',
  taxName: 'sales tax',
  rate: '0.0625',
  taxableAmount: 8000,
  exemptAmount: 0,
  tax,
  collect: true,
  notCollectedTax: 0,
  rule: '',
  ref: '',
  ...extra,
});

const line = (id: string, amount: number, tax: number, extra: Partial<ResultLine> = {}): ResultLine => ({
  id,
  productId: 'p',
  taxCategory: 'saas.b2b',
  amount,
  taxIncluded: false,
  discount: 0,
  taxableAmount: amount,
  nonTaxableAmount: 0,
  exemptAmount: 0,
  tax,
  jurisdictions: [],
  notTaxed: [],
  ...extra,
});

const result = (lines: ResultLine[]): CalculateResponse => ({
  date: '2026-11-15',
  currency: 'USD',
  mode: 'collect',
  subtotal: 0,
  discount: 0,
  taxableAmount: 0,
  nonTaxableAmount: 0,
  exemptAmount: 0,
  tax: lines.reduce((s, l) => s + l.tax, 0),
  total: 0,
  address: { country: 'US', resolution: 'zip5' },
  lines,
  jurisdictions: [],
  notCollected: [],
  exemptions: [],
  warnings: [],
});

describe('anrokAnswer', () => {
  it('groups a line\'s taxes under its state, and says why other jurises tax nothing', () => {
    const answer = anrokAnswer(
      result([
        line('a', 10000, 580, { jurisdictions: [juris('US-TX', 'Texas', 500), juris('US-TX-CITY-AUSTIN', 'Austin', 80, { level: 'city', rate: '0.01' })] }),
        line('b', 5000, 0, { notTaxed: [{ id: 'US-TX', name: 'Texas', level: 'state', reason: 'not_taxable', rule: '', ref: '' }] }),
        line('c', 100, 0, { jurisdictions: [juris('US-NY', 'New York', 0, { collect: false, notCollectedTax: 9 })] }),
      ]),
      ['li_a', null, 'li_c'],
      jurisOf,
    );
    expect(answer).toEqual({
      taxAmountToCollect: 580,
      preTaxAmount: '15100',
      lineItems: [
        {
          id: 'li_a',
          taxAmountToCollect: 580,
          preTaxAmount: '10000',
          jurises: [
            {
              name: 'Texas',
              taxes: [
                { taxName: 'Texas sales tax', taxableAmount: '8000', taxAmount: '500', taxRate: '0.0625' },
                { taxName: 'Austin sales tax', taxableAmount: '8000', taxAmount: '80', taxRate: '0.01' },
              ],
              notTaxedReason: null,
            },
          ],
        },
        { id: null, taxAmountToCollect: 0, preTaxAmount: '5000', jurises: [{ name: 'Texas', taxes: null, notTaxedReason: { type: 'productNotTaxed' } }] },
        { id: 'li_c', taxAmountToCollect: 0, preTaxAmount: '100', jurises: [{ name: 'New York', taxes: null, notTaxedReason: { type: 'notCollecting' } }] },
      ],
      jurisSummaries: [
        { name: 'Texas', notTaxedReasons: null },
        { name: 'New York', notTaxedReasons: [{ type: 'notCollecting' }] },
      ],
    });
  });

  it('names the exemption: reverse charge, a customer exempt or holding a certificate, the transaction exempt', () => {
    for (const [exemption, type] of [
      ['reverse_charge', 'reverseCharge'],
      ['customer_exempt', 'customerExempt'],
      ['transaction_exempt', 'transactionExempt'],
      ['certificate', 'customerExempt'],
    ] as const) {
      const answer = anrokAnswer(result([line('a', 100, 0, { jurisdictions: [juris('US-TX', 'Texas', 0, { exemption, exemptAmount: 100 })] })]), [null], jurisOf);
      expect(answer.lineItems[0]!.jurises[0]!.notTaxedReason).toEqual({ type: 'exempt', reason: { type } });
    }
  });

  it('adds to the invoice exactly the tax of lines whose amount excludes it (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ amount: fc.integer({ min: -1e9, max: 1e9 }), tax: fc.integer({ min: -1e8, max: 1e8 }), included: fc.boolean() }), { minLength: 1, maxLength: 20 }), (specs) => {
        const lines = specs.map((s, i) => line(`${i}`, s.amount, s.tax, { taxIncluded: s.included, jurisdictions: [juris('US-TX', 'Texas', s.tax)] }));
        const answer = anrokAnswer(result(lines), lines.map(() => null), jurisOf);
        const exclusive = specs.reduce((sum, s) => sum + (s.included ? 0 : s.tax), 0);
        expect(answer.taxAmountToCollect).toBe(exclusive);
        expect(answer.lineItems.reduce((sum, l) => sum + l.taxAmountToCollect, 0)).toBe(exclusive);
        expect(answer.preTaxAmount).toBe(String(specs.reduce((sum, s) => sum + s.amount, 0)));
      }),
    );
  });
});
