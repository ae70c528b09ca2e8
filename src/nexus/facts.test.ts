import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type CalculateRequest, type Engine } from '../index.js';
import { nexusFactsOf } from './facts.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const sale = (exemption?: CalculateRequest['exemption']): CalculateRequest => ({
  date: '2026-11-15',
  currency: 'USD',
  customer: { address: { region: 'TX', postalCode: '78701', country: 'US' } },
  lines: [{ productId: 'goods.general', amount: 10000 }],
  ...(exemption ? { exemption } : {}),
});

describe('what a sale exempt by its own claim adds to nexus figures', () => {
  it('a resale is not a retail sale; a government purchase still is', () => {
    const resale = nexusFactsOf(engine.calculate(sale({ reason: 'resale' }), { registrations: [{ jurisdictionId: 'US-TX', effectiveDate: '2020-01-01' }] }));
    expect(resale).toMatchObject({ jurisdictionId: 'US-TX', gross: 10000, retail: 0, taxable: 0 });
    const government = nexusFactsOf(engine.calculate(sale({ reason: 'government' }), { registrations: [{ jurisdictionId: 'US-TX', effectiveDate: '2020-01-01' }] }));
    expect(government).toMatchObject({ gross: 10000, retail: 10000, taxable: 0 });
  });
});
