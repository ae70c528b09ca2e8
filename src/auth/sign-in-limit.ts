/**
 * How many failed sign-ins are allowed, and for how long a caller waits once
 * over the limit. Failures are counted per email (guessing one person's
 * password) and per client address (trying many people's) over a sliding
 * window; the counts live in the database so every process shares them.
 */
export interface Limit {
  max: number;
  windowMs: number;
}

export const EMAIL_LIMIT: Limit = { max: 10, windowMs: 15 * 60 * 1000 };
export const ADDRESS_LIMIT: Limit = { max: 50, windowMs: 15 * 60 * 1000 };

/**
 * Seconds until fewer than `limit.max` of these failures remain in the
 * window (0 when there are fewer already). `failures` are the times of the
 * key's failures, in any order.
 */
export function retryAfterSeconds(failures: readonly Date[], limit: Limit, now: Date): number {
  const inWindow = failures.map((d) => d.getTime()).filter((t) => t > now.getTime() - limit.windowMs);
  if (inWindow.length < limit.max) return 0;
  inWindow.sort((a, b) => a - b);
  // Once this failure leaves the window, max - 1 remain.
  const freeing = inWindow[inWindow.length - limit.max]!;
  return Math.max(1, Math.ceil((freeing + limit.windowMs - now.getTime()) / 1000));
}
