import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, formatPerMille, formatRate, formatUsd, formatUsdWhole, minorToDecimal, perMille } from '../../web/src/money.js';

describe('the dashboard\'s money display', () => {
  it('formats cents exactly, with grouping and sign', () => {
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(5)).toBe('$0.05');
    expect(formatUsd(123456)).toBe('$1,234.56');
    expect(formatUsd(-660)).toBe('-$6.60');
    expect(formatUsd(Number.MAX_SAFE_INTEGER)).toBe('$90,071,992,547,409.91');
    expect(formatUsdWhole(10_000_099)).toBe('$100,000');
  });

  it('gives back the same cents it was given, for any amount', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (cents) => {
        const shown = formatUsd(cents).replace(/[$,]/g, '');
        expect(BigInt(shown.replace('.', ''))).toBe(BigInt(cents));
        expect(minorToDecimal(cents)).toBe(shown);
      }),
    );
  });

  it('measures progress in tenths of a percent, rounded down', () => {
    expect(perMille(82, 100)).toBe(820);
    expect(perMille(1, 3)).toBe(333);
    expect(perMille(250, 100)).toBe(2500);
    expect(perMille(5, 0)).toBe(0);
    expect(formatPerMille(820)).toBe('82.0%');
    expect(formatPerMille(2500)).toBe('250.0%');
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1 }), (part, whole) => {
        const shown = BigInt(perMille(part, whole));
        expect(shown * BigInt(whole) <= BigInt(part) * 1000n && BigInt(part) * 1000n < (shown + 1n) * BigInt(whole)).toBe(true);
      }),
    );
  });

  it('formats other currencies with their own decimals', () => {
    expect(formatMoney(123456, 'EUR')).toBe('€1,234.56');
    expect(formatMoney(-5, 'GBP')).toBe('-£0.05');
    expect(formatMoney(1234, 'JPY')).toBe('¥1,234');
    expect(formatMoney(1234, 'BHD').replace(/\s/g, ' ')).toBe('BHD 1.234');
  });

  it('shows rates as percentages by moving the decimal point', () => {
    expect(formatRate('0.0625')).toBe('6.25%');
    expect(formatRate('0.2')).toBe('20%');
    expect(formatRate('0')).toBe('0%');
    expect(formatRate('0.08875')).toBe('8.875%');
    expect(formatRate('1')).toBe('100%');
    expect(formatRate('0.00125')).toBe('0.125%');
    expect(formatRate('.05')).toBe('5%');
  });
});
