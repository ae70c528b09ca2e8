import { describe, expect, it } from 'vitest';
import { loadEngine } from '../../engine/load-engine.js';
import { dateFields } from './transactions.js';
import { overallRate, taxAnswer } from './tax-answer.js';
import { productOf } from './invoice.js';
import { toMinorUnits } from './money.js';
import { freightTaxable } from './taxes.js';

const engine = await loadEngine();
const seller = engine.prepare({ registrations: [{ jurisdictionId: 'US-CA', effectiveDate: '2020-01-01' }] });

describe('the tax object', () => {
  it('rate is amount_to_collect ÷ taxable_amount to four places, half up, in exact integers', () => {
    expect(overallRate(135, 1500)).toBe(0.09);
    expect(overallRate(908, 11000)).toBe(0.0825);
    expect(overallRate(0, 0)).toBe(0);
  });

  it('names figures as TaxJar does at order, line and shipping level, and they add up to the engine\'s tax', () => {
    const result = engine.calculate(
      {
        date: '2026-11-15', currency: 'USD', customer: { address: { country: 'US', region: 'CA', postalCode: '90002' } },
        lines: [{ id: 'a', productId: 'goods.general', amount: 1500 }, { id: 'shipping', productId: 'shipping', amount: 150 }],
      },
      seller,
    );
    const tax = taxAnswer(result, { hasNexus: true, itemized: true, freightTaxable: freightTaxable(result) });
    const breakdown = tax.breakdown as Record<string, any>;
    expect(tax).toMatchObject({ order_total_amount: 16.5, shipping: 1.5, amount_to_collect: result.tax / 100, freight_taxable: false, has_nexus: true });
    expect(Object.keys(breakdown)).toEqual(expect.arrayContaining(['state_tax_rate', 'state_tax_collectable', 'special_district_taxable_amount', 'special_district_tax_collectable']));
    expect(Object.keys(breakdown.line_items[0])).toEqual(expect.arrayContaining(['state_sales_tax_rate', 'state_amount', 'special_district_taxable_amount', 'special_district_amount']));
    expect(Object.keys(breakdown.shipping)).toEqual(expect.arrayContaining(['state_sales_tax_rate', 'state_amount', 'special_taxable_amount', 'special_district_amount']));
    const cents = ['state', 'county', 'city', 'special_district'].reduce((s, l) => s + toMinorUnits(breakdown[`${l}_tax_collectable`], 'USD', l), 0);
    expect(cents).toBe(result.tax);
  });

  it('without nexus: TaxJar\'s short answer, no breakdown', () => {
    const result = engine.calculate({ date: '2026-11-15', currency: 'USD', customer: { address: { country: 'US', region: 'TX', postalCode: '78701' } }, lines: [{ productId: 'goods.general', amount: 100 }] }, seller);
    const tax = taxAnswer(result, { hasNexus: false, itemized: false, freightTaxable: true });
    expect(tax).toMatchObject({ has_nexus: false, amount_to_collect: 0, tax_source: null });
    expect(tax).not.toHaveProperty('breakdown');
  });
});

describe('request mapping', () => {
  it('a line\'s product: a known product identifier, else the category of its TaxJar code, else general goods', () => {
    const withProduct = engine.prepare({ products: [{ id: 'widget', taxCategory: 'digital.goods', externalIds: ['sku-1'] }] });
    expect(productOf({ product_identifier: 'sku-1', product_tax_code: '19005' }, withProduct, engine.content)).toBe('sku-1');
    expect(productOf({ product_tax_code: '31000' }, withProduct, engine.content)).toBe('digital.goods');
    expect(productOf({}, withProduct, engine.content)).toBe('goods.general');
    expect(() => productOf({ product_tax_code: 'FOO' }, withProduct, engine.content)).toThrow('line_items include invalid tax codes: FOO');
  });

  it('transaction_date: a date, an instant (with or without offset), or TaxJar\'s slashes', () => {
    expect(dateFields('2026-03-10')).toEqual({ date: '2026-03-10' });
    expect(dateFields('2026/03/10')).toEqual({ date: '2026-03-10' });
    expect(dateFields('2026-03-10T18:30:00-07:00')).toEqual({ timestamp: '2026-03-10T18:30:00-07:00' });
    expect(dateFields('2026-03-10T18:30:00')).toEqual({ timestamp: '2026-03-10T18:30:00Z' });
    expect(() => dateFields('yesterday')).toThrow(/transaction_date/);
  });
});
