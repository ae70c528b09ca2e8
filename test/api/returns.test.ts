/** Filing periods through the API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => {
  await api.close();
});

describe('filing periods', () => {
  it('follow each registration\'s frequency from its effective date', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2026-02-10', filingFrequency: 'monthly' });
    await s.call('PUT', '/v1/registrations/US-WA', { effectiveDate: '2025-12-01' });
    const tx = await s.call('GET', '/v1/filing-periods?jurisdictionId=US-TX&asOf=2026-05-15');
    expect(tx.body.data.map((p: { period: string; status: string }) => `${p.period} ${p.status}`)).toEqual(['2026-05 open', '2026-04 closed', '2026-03 closed', '2026-02 closed']);
    const all = await s.call('GET', '/v1/filing-periods?asOf=2026-05-15');
    const wa = all.body.data.filter((p: { jurisdictionId: string }) => p.jurisdictionId === 'US-WA');
    expect(wa.map((p: { period: string }) => p.period)).toEqual(['2026-Q2', '2026-Q1', '2025-Q4']);
    expect(wa[0]).toMatchObject({ frequency: 'quarterly', frequencySet: false, start: '2026-04-01', end: '2026-06-30', status: 'open' });
    expect((await s.call('GET', '/v1/filing-periods?jurisdictionId=US-CA')).status).toBe(404);
  });
});
