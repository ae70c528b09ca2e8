import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate } from './allocate.js';

describe('allocate', () => {
  it('gives the leftover cent to the largest remainder, then the first key', () => {
    expect(allocate(1003, [1, 1])).toEqual([502, 501]);
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(1500, [10000, 5000])).toEqual([1000, 500]);
  });

  it('ties go to the larger weight before the key', () => {
    // 10 over [1, 2, 2, 1] (sum 6): exact 1.67, 3.33, 3.33, 1.67 → floors 1, 3, 3, 1 = 8; two left
    expect(allocate(10, [1, 2, 2, 1])).toEqual([2, 3, 3, 2]);
    expect(allocate(2, [1, 3])).toEqual([0, 2]); // exact 0.5 and 1.5: equal remainders, the larger weight wins
  });

  it('zero weights get nothing', () => {
    expect(allocate(999, [0, 3, 0])).toEqual([0, 999, 0]);
  });

  it('splits a negative amount as the mirror of the positive one', () => {
    expect(allocate(-1003, [1, 1])).toEqual([-502, -501]);
  });

  it('stays exact beyond double precision', () => {
    const parts = allocate(9_007_199_254_740_991, [3, 3, 1]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(9_007_199_254_740_991);
  });

  it('refuses weights that cannot be split', () => {
    expect(() => allocate(10, [0, 0])).toThrow(RangeError);
    expect(() => allocate(10, [1.5])).toThrow(RangeError);
  });

  describe('properties', () => {
    const weights = fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 30 }).filter((w) => w.some((x) => x > 0));
    const total = fc.integer({ min: -1_000_000_000, max: 1_000_000_000 });

    it('the parts sum to the total', () => {
      fc.assert(fc.property(total, weights, (t, w) => allocate(t, w).reduce((a, b) => a + b, 0) === t));
    });

    it('each part is within one unit of its exact share and has the sign of the total', () => {
      fc.assert(
        fc.property(total, weights, (t, w) => {
          const sumW = w.reduce((a, b) => a + b, 0);
          return allocate(t, w).every((part, i) => {
            const exact = (t * w[i]!) / sumW;
            return Math.abs(part - exact) < 1 + 1e-6 && (part === 0 || Math.sign(part) === Math.sign(t));
          });
        }),
      );
    });

    it('does not depend on the order of the parts when keys are given', () => {
      fc.assert(
        fc.property(total, weights, fc.integer(), (t, w, seed) => {
          const keys = w.map((_, i) => `line-${i}`);
          const base = allocate(t, w, keys);
          const order = w.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 31) - ((b * 7919 + seed) % 31));
          const shuffled = allocate(t, order.map((i) => w[i]!), order.map((i) => keys[i]!));
          return order.every((i, k) => shuffled[k] === base[i]);
        }),
      );
    });
  });
});
