import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AvaTaxError } from './errors.js';
import { toMajorNumber, toMinorUnits } from './money.js';

describe('AvaTax amounts at the edge', () => {
  it('reads JSON numbers exactly, through their decimal text', () => {
    expect(toMinorUnits(0.29, 'USD', 'amount')).toBe(29);
    expect(toMinorUnits(123.45, 'USD', 'amount')).toBe(12345);
    expect(toMinorUnits(-100, 'USD', 'amount')).toBe(-10000);
    expect(toMinorUnits(500, 'JPY', 'amount')).toBe(500);
    expect(toMajorNumber(12345, 'USD')).toBe(123.45);
    expect(toMajorNumber(-5, 'usd')).toBe(-0.05);
    expect(toMajorNumber(500, 'JPY')).toBe(500);
  });

  it('refuses more decimals than the currency has, naming the field', () => {
    expect(() => toMinorUnits(10.005, 'USD', 'lines.0.amount')).toThrow(AvaTaxError);
    try {
      toMinorUnits(1.5, 'JPY', 'lines.3.amount');
    } catch (error) {
      expect(error).toMatchObject({ code: 'ModelStateInvalid', status: 400, refersTo: 'lines.3.amount' });
    }
    expect(() => toMinorUnits(1e-7, 'USD', 'discount')).toThrow(AvaTaxError);
  });

  it('round-trips every amount in minor units', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), fc.constantFrom('USD', 'JPY', 'BHD'), (minor, currency) => {
        expect(toMinorUnits(toMajorNumber(minor, currency), currency, 'amount')).toBe(minor);
      }),
    );
  });
});
