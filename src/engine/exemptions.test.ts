import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { REASONS } from '../certificates/status.js';
import { loadEngine, TaxError, type CalculateRequest, type Engine, type SellerContext } from '../index.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const AUSTIN = { region: 'TX', postalCode: '78701', country: 'US' };
const TEXAS = ['US-TX', 'US-TX-CITY-AUSTIN', 'US-TX-SPECIAL-CAPMETRO'];

const seller: SellerContext = {
  registrations: TEXAS.map((jurisdictionId) => ({ jurisdictionId, effectiveDate: '2020-01-01' })),
  customers: [{ id: 'school', exempt: true }],
  certificates: [{ id: 'cert-tx', customerId: 'reseller', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2020-01-01' }],
};

function sale(extra: Partial<CalculateRequest> = {}, customerId = 'walk-in', amount = 10000) {
  const request: CalculateRequest = { date: '2026-11-15', currency: 'USD', customer: { id: customerId, address: AUSTIN }, lines: [{ productId: 'saas.b2b', amount }], ...extra };
  return engine.calculate(request, seller);
}

describe('an exemption the invoice itself claims', () => {
  it('exempts every jurisdiction of the invoice, and the answer names its reason and number', () => {
    const a = sale({ exemption: { reason: 'government', number: 'TX-GOV-9' } });
    // Texas taxes 80% of a SaaS price: that share is exempt, the rest stays non-taxable.
    expect(a.lines[0]).toMatchObject({ tax: 0, taxableAmount: 0, exemptAmount: 8000, nonTaxableAmount: 2000 });
    expect(a.exemptions).toEqual([{ kind: 'transaction_exempt', reason: 'government', number: 'TX-GOV-9', jurisdictions: TEXAS }]);
    expect(a.lines[0]!.jurisdictions[0]).toMatchObject({ id: 'US-TX', exemption: 'transaction_exempt', rule: expect.stringContaining('government exemption (TX-GOV-9)') });
  });

  it('covers a state and its locals when it names the state, and nothing elsewhere', () => {
    expect(sale({ exemption: { reason: 'resale', jurisdictions: ['US-TX'] } }).tax).toBe(0);
    const elsewhere = sale({ exemption: { reason: 'resale', jurisdictions: ['US-CA'] } });
    expect(elsewhere.tax).toBe(sale().tax);
    expect(elsewhere.exemptions).toEqual([]);
  });

  it('comes after an exempt customer and before a certificate', () => {
    expect(sale({ exemption: { reason: 'resale' } }, 'school').exemptions).toEqual([{ kind: 'customer_exempt', jurisdictions: TEXAS }]);
    expect(sale({ exemption: { reason: 'other' } }, 'reseller').exemptions).toEqual([{ kind: 'transaction_exempt', reason: 'other', jurisdictions: TEXAS }]);
    expect(sale({}, 'reseller').exemptions).toEqual([{ kind: 'certificate', certificateId: 'cert-tx', jurisdictions: TEXAS }]);
  });

  it('refuses an unknown reason or jurisdiction, naming the field', () => {
    const refusal = (exemption: unknown) => {
      try {
        sale({ exemption: exemption as CalculateRequest['exemption'] });
      } catch (error) {
        expect(error).toBeInstanceOf(TaxError);
        return (error as TaxError).toJSON().error;
      }
      throw new Error('expected a refusal');
    };
    expect(refusal({ reason: 'charity' })).toMatchObject({ param: 'exemption.reason' });
    expect(refusal({ reason: 'resale', jurisdictions: ['US-TX', 'US-ZZ'] })).toMatchObject({ code: 'jurisdiction_unknown', param: 'exemption.jurisdictions.1' });
    expect(refusal({ reason: 'resale', jurisdictions: [] })).toMatchObject({ param: 'exemption.jurisdictions' });
  });

  it('turns exactly what would be taxed into exempt, whatever the amount and reason (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(...REASONS), (amount, reason) => {
        const taxed = sale({}, 'walk-in', amount);
        const exempt = sale({ exemption: { reason } }, 'walk-in', amount);
        expect(exempt.tax).toBe(0);
        expect(exempt.exemptAmount).toBe(taxed.taxableAmount + taxed.exemptAmount);
        expect(exempt.nonTaxableAmount).toBe(taxed.nonTaxableAmount);
        expect(exempt.total).toBe(taxed.total - taxed.tax);
      }),
      { numRuns: 50 },
    );
  });
});
