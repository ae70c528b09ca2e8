import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHeld } from '../../attention/held-request.js';
import { TaxError } from '../../errors/tax-error.js';
import { productOfLine, refundOfCreditNote, saleOfInvoice } from './map.js';

const address = (city: string, state: string, zip: string) => ({ line1: '1 Main St', line2: null, city, state, postal_code: zip, country: 'US' });

function invoice(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'in_1',
    currency: 'usd',
    customer: 'cus_1',
    customer_name: 'Acme',
    customer_email: null,
    customer_address: address('Dallas', 'TX', '75201'),
    customer_shipping: null,
    customer_tax_ids: [],
    created: 1773158400,
    status_transitions: { finalized_at: 1773162000 },
    lines: { object: 'list', has_more: false, data: [{ id: 'il_1', amount: 1000, quantity: 1, pricing: { price_details: { price: 'price_1', product: 'prod_1' } }, discount_amounts: [] }] },
    ...overrides,
  };
}

function thrown(f: () => unknown): TaxError {
  try {
    f();
  } catch (error) {
    if (error instanceof TaxError) return error;
    throw error;
  }
  throw new Error('expected a TaxError');
}

describe('saleOfInvoice', () => {
  it('maps an invoice to a POST /v1/transactions body the API accepts', () => {
    const sale = saleOfInvoice(invoice({ customer_tax_ids: [{ type: 'eu_vat', value: 'DE123456789' }], customer_email: 'a@b.test' }), false);
    expect(sale).toEqual({
      id: 'stripe:in_1',
      timestamp: '2026-03-10T17:00:00.000Z',
      currency: 'USD',
      customer: { id: 'cus_1', name: 'Acme', email: 'a@b.test', taxIds: [{ type: 'eu_vat', value: 'DE123456789' }], address: { line1: '1 Main St', city: 'Dallas', region: 'TX', postalCode: '75201', country: 'US' } },
      lines: [{ id: 'il_1', productId: 'prod_1', amount: 1000, quantity: 1 }],
    });
    expect(parseHeld('sale', sale, 'stored').kind).toBe('sale');
    expect(saleOfInvoice(invoice(), true).commit).toBe(true);
  });

  it('prefers the shipping address, and falls back to the billing address', () => {
    const shipped = saleOfInvoice(invoice({ customer_shipping: { name: 'x', address: address('Austin', 'TX', '78701') } }), false);
    expect(shipped.customer.address).toMatchObject({ city: 'Austin', postalCode: '78701' });
    const noCountry = saleOfInvoice(invoice({ customer_shipping: { address: { city: 'Nowhere', country: null } } }), false);
    expect(noCountry.customer.address).toMatchObject({ city: 'Dallas' });
    const none = saleOfInvoice(invoice({ customer_address: null }), false);
    expect(() => parseHeld('sale', none, 'stored')).toThrow(TaxError);
  });

  it('reads the product of both API versions, and expanded products', () => {
    expect(productOfLine({ pricing: { price_details: { product: 'prod_new' } } })).toBe('prod_new');
    expect(productOfLine({ price: { id: 'price_1', product: 'prod_old' } })).toBe('prod_old');
    expect(productOfLine({ price: { product: { id: 'prod_expanded', object: 'product' } } })).toBe('prod_expanded');
    expect(productOfLine({ plan: { product: 'prod_plan' } })).toBe('prod_plan');
    expect(productOfLine({})).toBeUndefined();
  });

  it('takes tax-inclusive prices, discounts and shipping', () => {
    const sale = saleOfInvoice(
      invoice({
        lines: {
          has_more: false,
          data: [
            { id: 'il_1', amount: 1000, price: { product: 'p', tax_behavior: 'inclusive' }, discount_amounts: [{ amount: 150 }, { amount: 50 }] },
            { id: 'il_2', amount: 500, pricing: { price_details: { product: 'p' } }, taxes: [{ amount: 40, tax_behavior: 'inclusive' }] },
            { id: 'il_3', amount: -300, pricing: { price_details: { product: 'p' } } },
          ],
        },
        shipping_cost: { amount_subtotal: 700, amount_tax: 0, amount_total: 700 },
      }),
      false,
    );
    expect(sale.lines).toEqual([
      { id: 'il_1', productId: 'p', amount: 800, taxIncluded: true },
      { id: 'il_2', productId: 'p', amount: 500, taxIncluded: true },
      { id: 'il_3', productId: 'p', amount: -300 },
      { id: 'shipping', productId: 'shipping', amount: 700 },
    ]);
  });

  it('refuses an invoice whose event does not carry every line, or without a currency', () => {
    expect(thrown(() => saleOfInvoice(invoice({ lines: { has_more: true, data: [] } }), false))).toMatchObject({ code: 'stripe_object_unreadable', param: 'data.object.lines' });
    expect(thrown(() => saleOfInvoice(invoice({ currency: null }), false))).toMatchObject({ code: 'stripe_object_unreadable', param: 'data.object.currency' });
    expect(thrown(() => saleOfInvoice(invoice({ lines: { data: [{ id: 'il_1', amount: 10.5 }] } }), false)).param).toBe('data.object.lines.data.0.amount');
  });

  it('dates by finalization, else by creation', () => {
    expect(saleOfInvoice(invoice({ status_transitions: { finalized_at: null } }), false).timestamp).toBe('2026-03-10T16:00:00.000Z');
  });

  it('keeps every line amount net of its discounts: the lines sum to the amounts less the discounts', () => {
    const lineArb = fc.record({ amount: fc.integer({ min: -1_000_000, max: 1_000_000 }), discounts: fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 20 }), (lines) => {
        const data = lines.map((l, i) => ({ id: `il_${i}`, amount: l.amount, pricing: { price_details: { product: 'p' } }, discount_amounts: l.discounts.map((amount) => ({ amount })) }));
        const sale = saleOfInvoice(invoice({ lines: { has_more: false, data } }), false);
        const expected = lines.reduce((sum, l) => sum + l.amount - l.discounts.reduce((a, b) => a + b, 0), 0);
        expect(sale.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(expected);
        expect(sale.lines.map((l) => l.id)).toEqual(data.map((d) => d.id));
      }),
    );
  });
});

describe('refundOfCreditNote', () => {
  const note = (lines: unknown[]) => ({ id: 'cn_1', invoice: 'in_1', created: 1773504000, lines: { has_more: false, data: lines } });

  it('refunds by the invoice lines it credits, net of discounts', () => {
    const refund = refundOfCreditNote(note([{ type: 'invoice_line_item', invoice_line_item: 'il_1', amount: 500, discount_amount: 100 }, { invoice_line_item: 'il_2', amount: 200 }]));
    expect(refund).toEqual({ originalId: 'stripe:in_1', id: 'stripe:cn_1', timestamp: '2026-03-14T16:00:00.000Z', lines: [{ id: 'il_1', amount: 400 }, { id: 'il_2', amount: 200 }] });
    expect(parseHeld('refund', refund, 'stored').kind).toBe('refund');
  });

  it('refunds the whole remainder when it has no lines', () => {
    expect(refundOfCreditNote(note([]))).toEqual({ originalId: 'stripe:in_1', id: 'stripe:cn_1', timestamp: '2026-03-14T16:00:00.000Z' });
  });

  it('refuses custom lines, notes crediting nothing and notes without an invoice', () => {
    expect(thrown(() => refundOfCreditNote(note([{ type: 'custom_line_item', invoice_line_item: null, amount: 100 }]))).param).toBe('data.object.lines.data.0');
    expect(thrown(() => refundOfCreditNote(note([{ invoice_line_item: 'il_1', amount: 0 }]))).param).toBe('data.object.lines');
    expect(thrown(() => refundOfCreditNote({ ...note([]), invoice: null })).param).toBe('data.object.invoice');
  });
});
