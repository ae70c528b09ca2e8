import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDecimalNumber, toDecimalText, toMinorUnits } from './money.js';

describe('TaxJar money at the edge', () => {
  it('reads JSON numbers and numeric strings exactly, never through float arithmetic', () => {
    expect(toMinorUnits(0.29, 'USD', 'amount')).toBe(29);
    expect(toMinorUnits(19.99, 'USD', 'amount')).toBe(1999);
    expect(toMinorUnits('16.5', 'USD', 'amount')).toBe(1650);
    expect(toMinorUnits(-4.88, 'USD', 'amount')).toBe(-488);
    expect(toMinorUnits(1500, 'JPY', 'amount')).toBe(1500);
  });

  it('refuses more decimals than the currency has, and non-numbers, naming the field', () => {
    expect(() => toMinorUnits(10.001, 'USD', 'line_items[0].unit_price')).toThrow(/line_items\[0\]\.unit_price: 10.001 has more decimals/);
    expect(() => toMinorUnits('1,000', 'USD', 'amount')).toThrow(/amount/);
    expect(() => toMinorUnits(Number.NaN, 'USD', 'amount')).toThrow(/amount must be a number/);
  });

  it('writes minor units back as TaxJar does: "16.5", 1.35', () => {
    expect(toDecimalText(1650, 'USD')).toBe('16.5');
    expect(toDecimalText(1500, 'USD')).toBe('15');
    expect(toDecimalText(-488, 'USD')).toBe('-4.88');
    expect(toDecimalNumber(135, 'USD')).toBe(1.35);
  });

  it('round-trips every amount exactly (cents → dollars → cents)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        expect(toMinorUnits(toDecimalNumber(cents, 'USD'), 'USD', 'amount')).toBe(cents);
        expect(toMinorUnits(toDecimalText(cents, 'USD'), 'USD', 'amount')).toBe(cents);
      }),
    );
  });
});
