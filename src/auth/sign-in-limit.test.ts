import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryAfterSeconds, type Limit } from './sign-in-limit.js';

const limit: Limit = { max: 3, windowMs: 60_000 };
const now = new Date('2026-01-01T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('retryAfterSeconds', () => {
  it('lets a caller in below the limit', () => {
    expect(retryAfterSeconds([ago(1000), ago(2000)], limit, now)).toBe(0);
  });

  it('waits until the oldest failure that keeps the count at the limit leaves the window', () => {
    expect(retryAfterSeconds([ago(10_000), ago(20_000), ago(30_000)], limit, now)).toBe(30);
    expect(retryAfterSeconds([ago(10_000), ago(20_000), ago(30_000), ago(40_000)], limit, now)).toBe(30);
  });

  it('ignores failures older than the window', () => {
    expect(retryAfterSeconds([ago(10_000), ago(20_000), ago(70_000)], limit, now)).toBe(0);
  });

  it('after waiting Retry-After, fewer than max failures remain in the window; a second earlier, not', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 120_000 }), { maxLength: 12 }), (offsets) => {
        const failures = offsets.map(ago);
        const wait = retryAfterSeconds(failures, limit, now);
        const inWindowAt = (t: number) => failures.filter((d) => d.getTime() > t - limit.windowMs && d.getTime() <= t).length;
        expect(inWindowAt(now.getTime() + wait * 1000)).toBeLessThan(limit.max);
        if (wait > 1) expect(inWindowAt(now.getTime() + (wait - 1) * 1000 - 1)).toBeGreaterThanOrEqual(limit.max);
      }),
    );
  });
});
