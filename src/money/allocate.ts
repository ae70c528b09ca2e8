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

  const amount = BigInt(total);
  const parts: number[] = [];
  const remainders: bigint[] = [];
  let given = 0;
  for (const w of weights) {
    const exact = amount * BigInt(w);
    const part = Number(exact / weightSum);
    parts.push(part);
    remainders.push(exact % weightSum);
    given += part;
  }

  const order = weights.map((_, i) => i);
  order.sort((a, b) => {
    const byRemainder = remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : 0;
    if (byRemainder !== 0) return byRemainder;
    if (weights[a] !== weights[b]) return weights[b]! - weights[a]!;
    const ka = tieKeys?.[a];
    const kb = tieKeys?.[b];
    if (ka !== undefined && kb !== undefined && ka !== kb) return ka < kb ? -1 : 1;
    return a - b;
  });
  for (let left = total - given, k = 0; left > 0; left--, k++) parts[order[k]!]! += 1;
  return parts;
}
