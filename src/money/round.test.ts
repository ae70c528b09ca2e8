import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDecimal } from './decimal.js';
import { divideRoundHalfUp, multiplyRound } from './round.js';

describe('multiplyRound', () => {
  it('rounds half up, away from zero, once', () => {
    expect(multiplyRound(1000, parseDecimal('0.0625'))).toBe(63); // 62.5
    expect(multiplyRound(-1000, parseDecimal('0.0625'))).toBe(-63); // a refund mirrors its sale
    expect(multiplyRound(1001, parseDecimal('0.0625'))).toBe(63); // 62.5625
    expect(multiplyRound(999, parseDecimal('0.0625'))).toBe(62); // 62.4375
    expect(multiplyRound(9000, parseDecimal('0.05'))).toBe(450);
  });

  it('keeps precision through base × rate: Texas SaaS 80% at 6.25%', () => {
    const factor = { units: 8n * 625n, scale: 5 }; // 0.8 × 0.0625
    expect(multiplyRound(9000, factor)).toBe(450);
    expect(multiplyRound(1999, factor)).toBe(100); // 99.95 → 100
  });

  it('falls back to exact integers for amounts beyond double precision', () => {
    expect(multiplyRound(9_007_199_254_740_991, parseDecimal('0.5'))).toBe(4_503_599_627_370_496); // .5 rounds up
    expect(multiplyRound(123_456_789_012_345, parseDecimal('0.09975'))).toBe(12_314_814_703_981);
  });

  it('agrees with exact rational rounding everywhere', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.integer({ min: 0, max: 10 }),
        (amount, units, scale) => {
          const exact = BigInt(amount) * BigInt(units);
          const d = 10n ** BigInt(scale);
          const abs = exact < 0n ? -exact : exact;
          const q = abs / d + (2n * (abs % d) >= d ? 1n : 0n);
          const expected = Number(exact < 0n ? -q : q);
          return multiplyRound(amount, { units: BigInt(units), scale }) === expected;
        },
      ),
    );
  });

  it('divides with the remainder, not a float quotient', () => {
    // 2^53 - 1 = 9007199254740991; / 10 = 900719925474099.1 → floor exact
    expect(divideRoundHalfUp(9_007_199_254_740_991, 10)).toBe(900_719_925_474_099);
    expect(divideRoundHalfUp(9_007_199_254_740_985, 10)).toBe(900_719_925_474_099);
    expect(divideRoundHalfUp(-15, 10)).toBe(-2);
    expect(divideRoundHalfUp(-14, 10)).toBe(-1);
  });
});
