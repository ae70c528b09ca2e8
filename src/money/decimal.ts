/**
 * Exact decimals for rates and shares. A decimal string such as "0.0625" is
 * held as an integer numerator over a power of ten (625 / 10^4), so a price
 * times a base times a rate is an exact integer product, divided and rounded
 * once (see round.ts). Floats never touch money.
 */

export interface Decimal {
  /** The digits as an integer: "0.0625" → 625n. */
  readonly units: bigint;
  /** Decimal places: "0.0625" → 4. */
  readonly scale: number;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a plain decimal string ("0.0625", "1", "-2.5"). Throws on anything else. */
export function parseDecimal(text: string): Decimal {
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`not a decimal string: ${JSON.stringify(text)}`);
  const fraction = m[3] ?? '';
  const units = BigInt(`${m[2]}${fraction}`);
  return { units: m[1] ? -units : units, scale: fraction.length };
}

/** The exact product of two decimals. */
export function multiply(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** The exact sum of decimals. */
export function sum(values: readonly Decimal[]): Decimal {
  const scale = Math.max(0, ...values.map((v) => v.scale));
  let units = 0n;
  for (const v of values) units += v.units * 10n ** BigInt(scale - v.scale);
  return { units, scale };
}

export function compare(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.units * 10n ** BigInt(scale - a.scale);
  const y = b.units * 10n ** BigInt(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Writes a decimal without trailing zeros beyond `minScale` places: 625/10^4 → "0.0625". */
export function formatDecimal(d: Decimal, minScale = 0): string {
  let { units, scale } = d;
  while (scale > minScale && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${whole}${scale > 0 ? `.${fraction}` : ''}`;
}
