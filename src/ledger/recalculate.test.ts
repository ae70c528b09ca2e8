import { describe, expect, it } from 'vitest';
import { loadEngine } from '../index.js';
import { requestOfVersion, sameFigures, withCustomerAddress } from './recalculate.js';

const engine = await loadEngine();
const body = { id: 'inv-1', commit: true, date: '2026-03-02', currency: 'USD', customer: { address: { postalCode: '78701', country: 'US' } }, lines: [{ id: '1', productId: 'saas.b2b', amount: 10000 }] };

describe('requestOfVersion', () => {
  it('reads an API body, an import\'s rows and an earlier recalculation alike', () => {
    const fromApi = requestOfVersion(body, 'America/Chicago');
    expect(fromApi).toEqual({ date: '2026-03-02', currency: 'USD', customer: body.customer, lines: body.lines });
    expect(requestOfVersion({ ...body, date: undefined, timestamp: '2026-03-03T03:00:00Z' }, 'America/Chicago').date).toBe('2026-03-02');
    expect(requestOfVersion({ source: 'reprocessing', reprocessingId: 'rep_1', certificateId: 'c', request: fromApi }, 'UTC')).toBe(fromApi);
    const row = { date: '2026-03-02', currency: 'USD', customer: { id: 'c1', type: 'business' }, address: { country: 'US', postalCode: '78701' }, lineId: '1', productId: 'saas.b2b', amount: 10000 };
    expect(requestOfVersion({ source: 'import', importId: 'imp', rows: [row] }, 'UTC')).toMatchObject({ date: '2026-03-02', customer: { id: 'c1', address: { country: 'US', postalCode: '78701' } }, lines: [{ id: '1', amount: 10000 }] });
  });
});

describe('sameFigures', () => {
  it('ignores key order and the ledger date, and sees a changed address or tax', () => {
    const a = engine.calculate(requestOfVersion(body, 'UTC'));
    const reorder = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reorder) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reorder(x)])) : v;
    const stored = reorder(a) as typeof a;
    expect(JSON.stringify(stored)).not.toBe(JSON.stringify(a));
    expect(sameFigures(a, { ...stored, date: '2026-11-01' })).toBe(true);
    const dallas = engine.calculate(withCustomerAddress(requestOfVersion(body, 'UTC'), { postalCode: '75201', country: 'US' }));
    expect(sameFigures(a, dallas)).toBe(false);
  });
});
