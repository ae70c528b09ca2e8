import { describe, expect, it } from 'vitest';
import type { NexusAnswer } from '../nexus/evaluate.js';
import { alertsFor } from './decide.js';

const base: NexusAnswer = {
  jurisdictionId: 'US-GA',
  name: 'Georgia',
  status: 'none',
  registered: false,
  registeredSince: null,
  physicalSince: null,
  economicSince: null,
  collectionRequiredFrom: null,
  threshold: {
    sales: 10_000_000, transactions: 200, operator: 'or', over: true, transactionsOver: false,
    period: { kind: 'calendar_year', years: 'current_or_previous' }, periodText: 'x', counts: 'retail', marketplace: false, starts: null, rule: 'the rule', ref: 'ref',
  },
  current: { periodStart: '2026-01-01', periodEnd: '2026-05-01', sales: 8_512_345, transactions: 12 },
  ratio: '0.8512',
  exposure: { since: null, until: null, taxableSales: 0, estimatedTax: 0, transactions: 0 },
};

describe('alerts a nexus answer calls for', () => {
  it('warns at 80% once per measured year, naming the figures', () => {
    const [a] = alertsFor('2026-05-01', [{ ...base, status: 'approaching' }]);
    expect(a).toMatchObject({ kind: 'threshold_approaching', key: 'threshold_approaching:US-GA:2026-01-01', data: { salesCents: 8_512_345, ratio: '0.8512' } });
    expect(a!.message).toContain('85%');
    expect(a!.message).toContain('$85,123.45');
    expect(alertsFor('2026-09-01', [{ ...base, status: 'approaching' }])[0]!.key).toBe(a!.key);
  });

  it('keys a rolling window\'s warning by quarter, so a moving window does not warn daily', () => {
    const rolling = { ...base, status: 'approaching' as const, threshold: { ...base.threshold!, period: { kind: 'rolling_months' as const, months: 12, testedAt: 'daily' as const } } };
    expect(alertsFor('2026-05-01', [rolling])[0]!.key).toBe('threshold_approaching:US-GA:2026-Q2');
    expect(alertsFor('2026-06-30', [{ ...rolling, current: { ...base.current!, periodStart: '2025-07-01' } }])[0]!.key).toBe('threshold_approaching:US-GA:2026-Q2');
  });

  it('reports a crossing by its day, with the exposure, and nothing for registered states or states without a tax', () => {
    const crossed = { ...base, status: 'economic' as const, economicSince: '2026-04-02', collectionRequiredFrom: '2026-04-02', exposure: { ...base.exposure, estimatedTax: 12_345 } };
    const [a] = alertsFor('2026-05-01', [crossed, { ...crossed, jurisdictionId: 'US-TX', registered: true, status: 'registered' }, { ...base, jurisdictionId: 'US-OR', status: 'no_sales_tax' }]);
    expect(alertsFor('2026-05-01', [crossed, { ...crossed, jurisdictionId: 'US-TX', registered: true }])).toHaveLength(1);
    expect(a).toMatchObject({ kind: 'threshold_crossed', key: 'threshold_crossed:US-GA:2026-04-02', data: { estimatedTaxCents: 12_345 } });
    expect(a!.message).toContain('$123.45');
  });

  it('reports a physical presence where there is no other nexus', () => {
    const [a] = alertsFor('2026-05-01', [{ ...base, status: 'physical', physicalSince: '2026-03-01' }]);
    expect(a).toMatchObject({ kind: 'physical_presence', key: 'physical_presence:US-GA:2026-03-01' });
  });
});
