import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type CalculateRequest, type CalculateResponse, type Engine, type SellerContext } from '../index.js';
import { calculateResponse } from './schemas.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const addresses = [
  { country: 'US', region: 'TX', postalCode: '78701' },
  { country: 'US', region: 'NY', postalCode: '10001' },
  { country: 'US', region: 'CA', postalCode: '90012' },
  { country: 'US', region: 'OR', postalCode: '97201' },
  { country: 'DE' },
  { country: 'FR' },
  { country: 'CA', region: 'ON', postalCode: 'M5V 2T6' },
  { country: 'CA', region: 'QC', postalCode: 'H2X 1Y4' },
];
const categories = ['saas.b2b', 'saas.b2c', 'software.download', 'digital.goods', 'services.professional', 'services.data_processing', 'iaas', 'goods.general', 'shipping', 'nontaxable'];

const seller: SellerContext = {
  registrations: ['US-TX', 'US-NY', 'EU-OSS', 'CA', 'CA-QC'].map((jurisdictionId) => ({ jurisdictionId, effectiveDate: '2020-01-01' })),
  customers: [{ id: 'exempt-co', exempt: true }],
  certificates: [{ id: 'cert-1', customerId: 'resale-co', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2024-01-01', expirationDate: '2027-12-31' }],
};

const line = fc.record({
  productId: fc.constantFrom(...categories),
  amount: fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: -50_000, max: -1 })),
  taxIncluded: fc.boolean(),
});

const request = fc
  .record({
    date: fc.constantFrom('2021-03-01', '2024-07-01', '2025-06-30', '2026-11-15'),
    address: fc.constantFrom(...addresses),
    customerId: fc.constantFrom(undefined, 'exempt-co', 'resale-co', 'cus-1'),
    type: fc.constantFrom('business' as const, 'individual' as const),
    lines: fc.array(line, { minLength: 1, maxLength: 20 }),
    discountShare: fc.integer({ min: 0, max: 100 }),
    mode: fc.constantFrom('collect' as const, 'estimate' as const),
  })
  .map(({ date, address, customerId, type, lines, discountShare, mode }): CalculateRequest => {
    const positive = lines.reduce((sum, l) => sum + Math.max(l.amount, 0), 0);
    return {
      date,
      currency: 'USD',
      mode,
      customer: { ...(customerId ? { id: customerId } : {}), type, address },
      lines: lines.map((l, i) => ({ id: `L${i}`, ...l })),
      discount: Math.floor((positive * discountShare) / 400),
    };
  });

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function byId(answer: CalculateResponse) {
  return new Map(answer.lines.map((l) => [l.id, l]));
}

describe('invariants of every calculation', () => {
  it('each answer has the shape the response schema documents', () => {
    fc.assert(
      fc.property(request, (r) => {
        const answer = engine.calculate(r, seller);
        expect(calculateResponse.safeParse(answer).error?.issues).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('each line splits exactly into taxable, non-taxable and exempt, and its tax is the sum of its jurisdictions', () => {
    fc.assert(
      fc.property(request, (r) => {
        for (const l of engine.calculate(r, seller).lines) {
          expect(l.taxableAmount + l.nonTaxableAmount + l.exemptAmount).toBe(l.amount);
          expect(sum(l.jurisdictions.map((j) => j.tax))).toBe(l.tax);
          for (const j of l.jurisdictions) expect(j.collect || j.tax === 0).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the lines add up to the invoice, and the jurisdictions to its tax', () => {
    fc.assert(
      fc.property(request, (r) => {
        const a = engine.calculate(r, seller);
        expect(sum(a.lines.map((l) => l.tax))).toBe(a.tax);
        expect(sum(a.lines.map((l) => l.taxableAmount))).toBe(a.taxableAmount);
        expect(sum(a.lines.map((l) => l.nonTaxableAmount))).toBe(a.nonTaxableAmount);
        expect(sum(a.lines.map((l) => l.exemptAmount))).toBe(a.exemptAmount);
        expect(sum(a.lines.map((l) => l.amount)) + a.tax).toBe(a.total);
        expect(sum(a.jurisdictions.map((j) => j.tax))).toBe(a.tax);
        expect(sum(a.notCollected.map((n) => n.tax))).toBe(sum(a.jurisdictions.filter((j) => !j.collect).map((j) => j.notCollectedTax)));
      }),
      { numRuns: 300 },
    );
  });

  it('the discount is spread over the positive lines exactly', () => {
    fc.assert(
      fc.property(request, (r) => {
        const a = engine.calculate(r, seller);
        expect(sum(a.lines.map((l) => l.discount))).toBe(r.discount ?? 0);
        a.lines.forEach((l, i) => {
          if (r.lines[i]!.amount <= 0) expect(l.discount).toBe(0);
          else expect(l.discount).toBeLessThanOrEqual(r.lines[i]!.amount);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('a tax-included price splits back exactly into amount and tax', () => {
    fc.assert(
      fc.property(request, (r) => {
        const a = engine.calculate(r, seller);
        a.lines.forEach((l, i) => {
          const given = r.lines[i]!;
          const gross = given.amount - l.discount;
          if (given.taxIncluded) expect(l.amount + l.tax).toBe(gross);
          else expect(l.amount).toBe(gross);
        });
        expect(a.total).toBe(a.subtotal - a.discount + sum(a.lines.filter((l) => !l.taxIncluded).map((l) => l.tax)));
      }),
      { numRuns: 300 },
    );
  });

  it('no result depends on the order of the lines', () => {
    fc.assert(
      fc.property(request, fc.integer(), (r, seed) => {
        const shuffled = { ...r, lines: [...r.lines].sort((x, y) => ((hash(x.id!) ^ seed) % 97) - ((hash(y.id!) ^ seed) % 97)) };
        const a = engine.calculate(r, seller);
        const b = engine.calculate(shuffled, seller);
        expect(byId(b)).toEqual(byId(a));
        expect({ ...b, lines: [] }).toEqual({ ...a, lines: [] });
      }),
      { numRuns: 200 },
    );
  });

  it('a refund mirrors its sale: negating every amount negates every tax', () => {
    fc.assert(
      fc.property(request, (r) => {
        const sale = { ...r, discount: 0, lines: r.lines.map((l) => ({ ...l, amount: Math.abs(l.amount) })) };
        const refund = { ...sale, lines: sale.lines.map((l) => ({ ...l, amount: -l.amount })) };
        const a = engine.calculate(sale, seller);
        const b = engine.calculate(refund, seller);
        expect(b.tax + a.tax).toBe(0);
        b.lines.forEach((l, i) => {
          const sale = a.lines[i]!.jurisdictions;
          expect(l.jurisdictions.map((j) => j.id)).toEqual(sale.map((j) => j.id));
          l.jurisdictions.forEach((j, k) => expect([j.tax + sale[k]!.tax, j.notCollectedTax + sale[k]!.notCollectedTax]).toEqual([0, 0]));
        });
      }),
      { numRuns: 200 },
    );
  });
});

function hash(text: string): number {
  let h = 7;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}
