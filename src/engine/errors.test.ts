import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { mutate } from './mutate.test-helpers.js';
import { ERRORS, loadEngine, TaxError, type CalculateRequest, type Engine, type SellerContext } from '../index.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const base: CalculateRequest = {
  date: '2026-11-15',
  currency: 'USD',
  customer: { address: { region: 'TX', postalCode: '78701', country: 'US' } },
  lines: [{ id: 'a', productId: 'saas.b2b', amount: 10000 }],
};

/** The error a request gets, as the API would answer it. */
function errorOf(request: unknown, seller?: SellerContext): { code: string; param?: string; message: string } {
  try {
    engine.calculate(request as CalculateRequest, seller);
  } catch (error) {
    expect(error).toBeInstanceOf(TaxError);
    return (error as TaxError).toJSON().error;
  }
  throw new Error('expected the request to be refused');
}

describe('bad requests get a typed error naming the field', () => {
  it.each([
    ['an amount in dollars instead of cents', { ...base, lines: [{ productId: 'saas.b2b', amount: 19.99 }] }, 'amount_not_integer', 'lines.0.amount'],
    ['an amount as a string', { ...base, lines: [{ productId: 'saas.b2b', amount: '100' }] }, 'parameter_invalid', 'lines.0.amount'],
    ['an amount beyond exact integers', { ...base, lines: [{ productId: 'saas.b2b', amount: 2 ** 60 }] }, 'amount_too_large', 'lines.0.amount'],
    ['a missing date', { ...base, date: undefined }, 'parameter_missing', 'date'],
    ['an impossible date', { ...base, date: '2026-02-30' }, 'date_invalid', 'date'],
    ['an unknown currency', { ...base, currency: 'ABC' }, 'currency_unknown', 'currency'],
    ['a misspelled field', { ...base, lines: [{ productId: 'saas.b2b', amount: 100, taxIncuded: true }] }, 'parameter_unknown', 'lines.0.taxIncuded'],
    ['no lines', { ...base, lines: [] }, 'parameter_invalid', 'lines'],
    ['an unknown product', { ...base, lines: [{ productId: 'price_123', amount: 100 }] }, 'product_unknown', 'lines.0.productId'],
    ['two lines with one id', { ...base, lines: [{ id: 'x', productId: 'saas.b2b', amount: 1 }, { id: 'x', productId: 'saas.b2b', amount: 2 }] }, 'line_id_duplicate', 'lines.1.id'],
    ['a discount above the positive lines', { ...base, discount: 10001 }, 'discount_exceeds_subtotal', 'discount'],
    ['a negative discount', { ...base, discount: -5 }, 'parameter_invalid', 'discount'],
    ['a ZIP code of another state', { ...base, customer: { address: { region: 'TX', postalCode: '10001', country: 'US' } } }, 'address_mismatch', 'customer.address.postalCode'],
    ['a US address without a ZIP code', { ...base, customer: { address: { region: 'TX', country: 'US' } } }, 'address_incomplete', 'customer.address.postalCode'],
    ['a state that is not one', { ...base, customer: { address: { region: 'XX', postalCode: '78701', country: 'US' } } }, 'address_unresolvable', 'customer.address.region'],
    ['a malformed ZIP code', { ...base, customer: { address: { postalCode: '7870', country: 'US' } } }, 'postal_code_invalid', 'customer.address.postalCode'],
    ['a date before the content', { ...base, date: '1985-06-01' }, 'content_unavailable', 'date'],
    ['a request that is not an object', 'invoice', 'parameter_invalid', undefined],
  ])('%s', (_name, request, code, param) => {
    const error = errorOf(request);
    expect(error.code).toBe(code);
    expect(error.param).toBe(param);
    expect(error.message.length).toBeGreaterThan(5);
  });

  it('a seller that falls back to a default product that does not exist', () => {
    const error = errorOf({ ...base, lines: [{ productId: 'price_123', amount: 100 }] }, { settings: { unknownProduct: 'default', defaultProductId: 'gone' } });
    expect(error).toMatchObject({ code: 'default_product_missing', param: 'lines.0.productId' });
  });

  it('a product whose category is not in the catalog', () => {
    const error = errorOf({ ...base, lines: [{ productId: 'p1', amount: 100 }] }, { products: [{ id: 'p1', taxCategory: 'saas' }] });
    expect(error).toMatchObject({ code: 'tax_category_unknown', param: 'lines.0.productId' });
  });

  it('a malformed seller context', () => {
    const error = errorOf(base, { registrations: [{ jurisdictionId: 'US-TX', effectiveDate: 'yesterday' }] });
    expect(error).toMatchObject({ code: 'seller_invalid', param: 'seller.registrations.0.effectiveDate' });
  });

  it('lenient address validation goes on with a warning instead', () => {
    const seller: SellerContext = { settings: { addressValidation: 'lenient' } };
    const answer = engine.calculate({ ...base, customer: { address: { region: 'TX', postalCode: '10001', country: 'US' } } }, seller);
    expect(answer.address).toMatchObject({ region: 'TX', resolution: 'region' });
    expect(answer.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['address_mismatch', 'local_taxes_omitted']));
    expect(answer.lines[0]!.jurisdictions.map((j) => j.id)).toEqual(['US-TX']);
  });
});

describe('no input makes the engine fail in any way but a TaxError', () => {
  const valid = {
    date: '2026-11-15',
    currency: 'USD',
    customer: { id: 'c', type: 'business', taxIds: [{ type: 'eu_vat', value: 'DE136695976' }], address: { region: 'TX', postalCode: '78701', country: 'US' } },
    shipFrom: { region: 'TX', postalCode: '77002', country: 'US' },
    lines: [{ id: 'a', productId: 'saas.b2b', amount: 10000, taxIncluded: true, quantity: 2 }],
    discount: 100,
  };


  it('answers or refuses with a code, for mutated requests and sellers', () => {
    // Names of Object.prototype's members catch lookups in plain objects used as maps.
    const replacements = fc.oneof(fc.anything(), fc.constantFrom('valueOf', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 'US', 'CA', 'DE'));
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 5 }), replacements, fc.boolean(), (path, replacement, inSeller) => {
        const seller = { registrations: [{ jurisdictionId: 'US-TX', effectiveDate: '2020-01-01' }], settings: { addressValidation: 'lenient' } };
        const request = inSeller ? valid : mutate(valid, path, replacement);
        const context = inSeller ? mutate(seller, path, replacement) : seller;
        try {
          engine.calculate(request as CalculateRequest, context as SellerContext);
        } catch (error) {
          if (!(error instanceof TaxError)) throw error;
          expect(Object.keys(ERRORS)).toContain(error.code);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 2000) },
    );
  });
});
