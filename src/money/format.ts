import { formatDecimal, parseDecimal } from './decimal.js';

/** Minor units as a decimal string for people: 13950 USD → "139.50"; 500 JPY → "500". */
export function formatMinorUnits(amount: number, digits: number): string {
  const negative = amount < 0;
  const text = String(Math.abs(amount)).padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

/** A rate as a percentage for people: "0.0625" → "6.25%", "0.1" → "10%". */
export function formatPercent(rate: string): string {
  const { units, scale } = parseDecimal(rate);
  const shifted = scale >= 2 ? { units, scale: scale - 2 } : { units: units * 10n ** BigInt(2 - scale), scale: 0 };
  return `${formatDecimal(shifted)}%`;
}
