import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, TaxError, type CalculateResponse, type Engine } from '../index.js';
import { refundOf } from './refund.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const seller = { registrations: [{ jurisdictionId: 'US-TX', effectiveDate: '2020-01-01' }] };

function sale(amounts: number[], date = '2024-06-01'): CalculateResponse {
  return engine.calculate(
    {
      date,
      currency: 'USD',
      customer: { address: { region: 'TX', postalCode: '78701', country: 'US' } },
      lines: amounts.map((amount, i) => ({ id: `L${i}`, productId: i % 2 ? 'goods.general' : 'saas.b2b', amount })),
    },
    seller,
  );
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('refunds', () => {
  it('a whole refund gives back every figure of the sale to the cent, with the sale\'s rates and rules', () => {
    const original = sale([10000, 2599]);
    const refund = refundOf(original, [], { date: '2026-11-20' });
    expect(refund.date).toBe('2026-11-20');
    expect(refund.tax + original.tax).toBe(0);
    expect(refund.total + original.total).toBe(0);
    refund.lines.forEach((l, i) => {
      const o = original.lines[i]!;
      expect(l.amount + o.amount).toBe(0);
      expect(l.jurisdictions.map((j) => [j.id, j.rate, j.rule])).toEqual(o.jurisdictions.map((j) => [j.id, j.rate, j.rule]));
      expect(l.jurisdictions.map((j, k) => j.tax + o.jurisdictions[k]!.tax)).toEqual(o.jurisdictions.map(() => 0));
    });
  });

  it('a partial refund of a line reverses its tax pro rata', () => {
    const original = sale([10000]); // Austin SaaS: 80% of 10000 at 8.25% = 660
    const refund = refundOf(original, [], { date: '2026-11-20', lines: [{ id: 'L0', amount: 2500 }] });
    expect(refund.lines[0]).toMatchObject({ amount: -2500, taxableAmount: -2000, nonTaxableAmount: -500, tax: -165 });
  });

  it('refuses more than was charged, counting earlier refunds', () => {
    const original = sale([10000]);
    const first = refundOf(original, [], { date: '2026-11-20', lines: [{ id: 'L0', amount: 6000 }] });
    const attempt = () => refundOf(original, [first], { date: '2026-11-21', lines: [{ id: 'L0', amount: 4001 }] });
    expect(attempt).toThrow(TaxError);
    expect(() => attempt()).toThrow(/exceed/);
    const rest = refundOf(original, [first], { date: '2026-11-21' });
    expect(rest.lines[0]!.amount).toBe(-4000);
    expect(() => refundOf(original, [first, rest], { date: '2026-11-22' })).toThrow(/refunded already/);
  });

  it('names unknown and repeated lines', () => {
    const original = sale([10000]);
    expect(() => refundOf(original, [], { date: '2026-11-20', lines: [{ id: 'nope', amount: 1 }] })).toThrow(expect.objectContaining({ code: 'refund_line_unknown', param: 'lines.0.id' }));
    expect(() => refundOf(original, [], { date: '2026-11-20', lines: [{ id: 'L0', amount: 1 }, { id: 'L0', amount: 1 }] })).toThrow(expect.objectContaining({ code: 'line_id_duplicate' }));
  });

  it('never gives back more than was charged, and any sequence that refunds everything gives back exactly the sale', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 100 })), { maxLength: 8 }),
        (amounts, steps) => {
          const original = sale(amounts);
          const refunds: CalculateResponse[] = [];
          for (const [lineIndex, percent] of steps) {
            const line = original.lines[lineIndex % original.lines.length]!;
            const done = -sum(refunds.flatMap((r) => r.lines.filter((l) => l.id === line.id).map((l) => l.amount)));
            const amount = Math.floor(((line.amount - done) * percent) / 100);
            if (amount <= 0) continue;
            refunds.push(refundOf(original, refunds, { date: '2026-11-20', lines: [{ id: line.id, amount }] }));
            // Never more than charged, figure by figure.
            for (const o of original.lines) {
              const back = refunds.flatMap((r) => r.lines.filter((l) => l.id === o.id));
              expect(-sum(back.map((l) => l.amount))).toBeLessThanOrEqual(o.amount);
              expect(-sum(back.map((l) => l.tax))).toBeLessThanOrEqual(o.tax);
              for (const l of back) expect(l.taxableAmount + l.nonTaxableAmount + l.exemptAmount).toBe(l.amount);
            }
          }
          const rest = original.lines.some((o) => -sum(refunds.flatMap((r) => r.lines.filter((l) => l.id === o.id).map((l) => l.amount))) < o.amount)
            ? [refundOf(original, refunds, { date: '2026-11-21' })]
            : [];
          const all = [...refunds, ...rest];
          expect(sum(all.map((r) => r.tax)) + original.tax).toBe(0);
          expect(sum(all.map((r) => r.total)) + original.total).toBe(0);
          for (const o of original.lines) {
            for (const j of o.jurisdictions) {
              const back = all.flatMap((r) => r.lines.filter((l) => l.id === o.id).flatMap((l) => l.jurisdictions.filter((x) => x.id === j.id)));
              expect(sum(back.map((x) => x.tax)) + j.tax).toBe(0);
              expect(sum(back.map((x) => x.taxableAmount)) + j.taxableAmount).toBe(0);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
