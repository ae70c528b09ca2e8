import { describe, expect, it } from 'vitest';
import { US_STATES } from '../address/zip-index.js';
import { checkContent } from './check.js';

const { raw, summary } = await checkContent();
const byId = new Map(raw.jurisdictions.map((j) => [j.doc.id, j.doc]));
const rateOn = (id: string, date: string) => {
  const rates = byId.get(id)!.rates;
  return [...rates].reverse().find((r) => r.from <= date && (r.to === undefined || date <= r.to))?.rate;
};

describe('the shipped tax content', () => {
  it('passes every check of `levy content check`', () => {
    expect(summary.usStates).toBe(51);
  });

  it('has every US state and DC', () => {
    expect([...US_STATES].filter((s) => !byId.has(`US-${s}`))).toEqual([]);
  });

  it('has the five states without a statewide sales tax, with no tax', () => {
    expect(summary.usStatesWithoutSalesTax.sort()).toEqual(['US-AK', 'US-DE', 'US-MT', 'US-NH', 'US-OR']);
  });

  it('dates each rate change: Louisiana 4.45% became 5% on 2025-01-01', () => {
    expect(rateOn('US-LA', '2024-12-31')).toBe('0.0445');
    expect(rateOn('US-LA', '2025-01-01')).toBe('0.05');
  });

  it('keeps history: South Dakota 4.5% until 2023-06-30, 4.2% after', () => {
    expect(rateOn('US-SD', '2023-06-30')).toBe('0.045');
    expect(rateOn('US-SD', '2023-07-01')).toBe('0.042');
  });

  it('names an AvaTax and a TaxJar code for every category', () => {
    for (const c of raw.categories.doc) {
      expect(c.avataxCode, c.id).toMatch(/^[A-Z0-9]+$/);
      expect(typeof c.taxjarCode, c.id).toBe('string');
    }
    expect(raw.categories.doc.map((c) => c.id)).toEqual(
      expect.arrayContaining(['saas.b2b', 'saas.b2c', 'software.download', 'digital.goods', 'services.professional', 'services.data_processing', 'iaas', 'goods.general', 'shipping', 'nontaxable']),
    );
  });

  it('carries local rates for the most populous cities', () => {
    expect(summary.usLocals).toBeGreaterThanOrEqual(25);
  });
});
