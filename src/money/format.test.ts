import { describe, expect, it } from 'vitest';
import { formatMinorUnits, formatPercent } from './format.js';

describe('formatting for people', () => {
  it('writes minor units in the currency\'s digits', () => {
    expect(formatMinorUnits(13950, 2)).toBe('139.50');
    expect(formatMinorUnits(5, 2)).toBe('0.05');
    expect(formatMinorUnits(-1234, 3)).toBe('-1.234');
    expect(formatMinorUnits(500, 0)).toBe('500');
  });

  it('writes rates as percentages, exactly', () => {
    expect(formatPercent('0.0625')).toBe('6.25%');
    expect(formatPercent('0.09975')).toBe('9.975%');
    expect(formatPercent('0.1')).toBe('10%');
    expect(formatPercent('0')).toBe('0%');
  });
});
