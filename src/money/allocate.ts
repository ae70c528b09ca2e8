/**
 * Splits an integer amount into parts proportional to weights, exactly: the
 * parts always sum to the amount. Largest remainder (Hamilton) method: each
 * part first gets the floor of its exact share; the units left over go one
 * each to the parts with the largest fractional remainders. Ties go to the
 * larger weight, then to the smaller tie key (a line id), never to a
 * position, so the result does not depend on the order of the parts.
 */

/**
 * @param total the amount to split (minor units; may be negative)
 * @param weights non-negative integer weights, at least one positive
 * @param tieKeys optional keys breaking equal remainders (default: positions)
 * @example allocate(1003, [1, 1]) // [502, 501]
 * @example allocate(100, [1, 1, 1]) // [34, 33, 33]
 */
export function allocate(total: number, weights: readonly number[], tieKeys?: readonly string[]): number[] {
  if (total < 0) return allocate(-total, weights, tieKeys).map((part) => (part === 0 ? 0 : -part));
  let weightSum = 0n;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`allocate: weights must be non-negative integers, got ${w}`);
    weightSum += BigInt(w);
  }
  if (weightSum === 0n) throw new RangeError('allocate: at least one weight must be positive');

  // Exact in doubles while every total × weight stays below 2^53; BigInt beyond.
  const sum = Number(weightSum);
  const exactInNumbers = Number.isSafeInteger(sum) && weights.every((w) => Number.isSafeInteger(total * w));
  const amount = BigInt(total);
  const parts: number[] = [];
  const remainders: bigint[] | number[] = [];
  let given = 0;
  for (const w of weights) {
    if (exactInNumbers) {
      const exact = total * w;
      const remainder = exact % sum;
      const part = (exact - remainder) / sum;
      parts.push(part);
      (remainders as number[]).push(remainder);
      given += part;
    } else {
      const exact = amount * BigInt(w);
      const part = Number(exact / weightSum);
      parts.push(part);
      (remainders as bigint[]).push(exact % weightSum);
      given += part;
    }
  }

  const left = total - given;
  if (left === 0) return parts;
  /** Whether part a comes before part b for a leftover unit. */
  const before = (a: number, b: number): number => {
    const ra = remainders[a]!;
    const rb = remainders[b]!;
    const byRemainder = rb > ra ? 1 : rb < ra ? -1 : 0;
    if (byRemainder !== 0) return byRemainder;
    if (weights[a] !== weights[b]) return weights[b]! - weights[a]!;
    const ka = tieKeys?.[a];
    const kb = tieKeys?.[b];
    if (ka !== undefined && kb !== undefined && ka !== kb) return ka < kb ? -1 : 1;
    return a - b;
  };
  const order = weights.map((_, i) => i);
  order.sort(before);
  for (let k = 0; k < left; k++) parts[order[k]!]! += 1;
  return parts;
}
