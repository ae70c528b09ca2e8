import { describe, expect, it } from 'vitest';
import { compare, formatDecimal, multiply, parseDecimal, sum } from './decimal.js';

describe('decimal', () => {
  it('parses decimal strings exactly', () => {
    expect(parseDecimal('0.0625')).toEqual({ units: 625n, scale: 4 });
    expect(parseDecimal('1')).toEqual({ units: 1n, scale: 0 });
    expect(parseDecimal('-2.50')).toEqual({ units: -250n, scale: 2 });
    expect(() => parseDecimal('6.25%')).toThrow(RangeError);
    expect(() => parseDecimal('1e-3')).toThrow(RangeError);
  });

  it('adds and multiplies without loss', () => {
    expect(formatDecimal(sum([parseDecimal('0.0625'), parseDecimal('0.01'), parseDecimal('0.01')]))).toBe('0.0825');
    expect(formatDecimal(sum([parseDecimal('0.1'), parseDecimal('0.2')]))).toBe('0.3');
    expect(formatDecimal(multiply(parseDecimal('0.8'), parseDecimal('0.0625')))).toBe('0.05');
    expect(formatDecimal(parseDecimal('0.100000'), 2)).toBe('0.10');
    expect(compare(parseDecimal('0.0725'), parseDecimal('0.07250'))).toBe(0);
    expect(compare(parseDecimal('0.06'), parseDecimal('0.0725'))).toBe(-1);
  });
});
