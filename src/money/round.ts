/**
 * Division by a power of ten with one rounding, half up: ties go away from
 * zero (12.5 → 13, -12.5 → -13), so a refund mirrors its sale to the cent.
 * This is the only place money is rounded.
 */
import type { Decimal } from './decimal.js';

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i); // exact in a double up to 10^22

/**
 * `amount × factor`, rounded half up to an integer. `amount` is an integer in
 * minor units; `factor` an exact decimal (a rate, a share, or their product).
 *
 * @example multiplyRound(9000, { units: 500n, scale: 4 }) // 9000 × 0.05 = 450
 */
export function multiplyRound(amount: number, factor: Decimal): number {
  const units = Number(factor.units);
  const product = amount * units;
  if (factor.scale < POW10.length && Number.isSafeInteger(product) && Number.isSafeInteger(units)) {
    return divideRoundHalfUp(product, POW10[factor.scale]!);
  }
  return Number(divideRoundHalfUpBig(BigInt(amount) * factor.units, 10n ** BigInt(factor.scale)));
}

/** `numerator / divisor` rounded half up; both integers, divisor positive, exact in doubles. */
export function divideRoundHalfUp(numerator: number, divisor: number): number {
  const remainder = numerator % divisor; // exact for safe integers; sign follows the numerator
  const quotient = (numerator - remainder) / divisor;
  if (2 * Math.abs(remainder) >= divisor) return quotient + (numerator < 0 ? -1 : 1);
  return quotient;
}

export function divideRoundHalfUpBig(numerator: bigint, divisor: bigint): bigint {
  const remainder = numerator % divisor;
  const quotient = numerator / divisor; // truncates toward zero
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  if (twice >= divisor) return quotient + (numerator < 0n ? -1n : 1n);
  return quotient;
}
