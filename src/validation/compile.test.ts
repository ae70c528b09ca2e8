import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mutate } from '../engine/mutate.test-helpers.js';
import { calculateRequest } from '../engine/schemas.js';
import { compileValidator } from './compile.js';

const fastVerdict = compileValidator(calculateRequest).accepts;

const valid = {
  date: '2024-02-29',
  currency: 'usd',
  mode: 'estimate',
  customer: { id: 'c', name: 'C', email: 'c@example.com', type: 'business', taxIds: [{ type: 'eu_vat', value: 'DE136695976' }], address: { line1: '1 Main St', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' } },
  shipFrom: { region: 'TX', postalCode: '77002', country: 'US' },
  lines: [{ id: 'a', productId: 'saas.b2b', amount: 10000, taxIncluded: true, quantity: '2.5', description: 'plan' }],
  discount: 100,
};


const replacement = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('2026-02-29', '2026-13-01', '2026-1-01', 19.99, -0, 2 ** 53, -(2 ** 53), 1e21, 'ABCD', 'x'.repeat(3), '', [], {}, null),
);
const requests = fc.tuple(fc.array(fc.nat(), { maxLength: 5 }), replacement).map(([path, r]) => mutate(valid, path, r));

describe('the fast validator and the zod schema give the same verdict', () => {
  it('on the valid request', () => {
    expect(fastVerdict(valid)).toBe(true);
    expect(calculateRequest.safeParse(valid).success).toBe(true);
  });

  it('on JSON requests with one value replaced', () => {
    fc.assert(
      fc.property(requests, (request) => {
        const json = JSON.parse(JSON.stringify(request)) as unknown;
        expect(fastVerdict(json)).toBe(calculateRequest.safeParse(json).success);
      }),
      { numRuns: 5000 },
    );
  });

  it('never accepts what zod refuses, JSON or not', () => {
    fc.assert(
      fc.property(fc.tuple(fc.array(fc.nat(), { maxLength: 5 }), fc.anything()), ([path, r]) => {
        const request = mutate(valid, path, r);
        if (fastVerdict(request)) expect(calculateRequest.safeParse(request).success).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
