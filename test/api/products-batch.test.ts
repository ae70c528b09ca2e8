/**
 * POST /v1/products/batch: one tax category onto several products in one
 * transaction, all of them or none, without touching names or external ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/api.js';

let api: TestApi;

beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => api?.close());

describe('assigning a tax category to several products', () => {
  it('changes every named product and keeps their names and external ids', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/products/basic', { name: 'Basic', taxCategory: 'saas.b2c', externalIds: ['price_basic'] });
    await s.call('PUT', '/v1/products/team', { name: 'Team', taxCategory: 'saas.b2c' });
    await s.call('PUT', '/v1/products/other', { taxCategory: 'digital.goods' });
    const categoryOf = async () =>
      (await s.call('POST', '/v1/tax/calculate', { date: '2026-11-15', currency: 'USD', customer: { address: { postalCode: '78701', country: 'US' } }, lines: [{ productId: 'price_basic', amount: 10000 }] })).body
        .lines[0].taxCategory;
    // A calculation before the batch caches the seller's catalog; the batch must not leave it stale.
    expect(await categoryOf()).toBe('saas.b2c');

    const answer = await s.call('POST', '/v1/products/batch', { ids: ['basic', 'team'], taxCategory: 'saas.b2b' });
    expect(answer.status).toBe(200);
    expect(answer.body.data.map((p: { id: string; taxCategory: string }) => [p.id, p.taxCategory])).toEqual([
      ['basic', 'saas.b2b'],
      ['team', 'saas.b2b'],
    ]);
    const basic = (await s.call('GET', '/v1/products/basic')).body;
    expect(basic).toMatchObject({ name: 'Basic', taxCategory: 'saas.b2b', externalIds: ['price_basic'] });
    expect((await s.call('GET', '/v1/products/other')).body.taxCategory).toBe('digital.goods');
    expect(await categoryOf()).toBe('saas.b2b');
  });

  it('changes none when one product is unknown, naming it', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/products/basic', { taxCategory: 'saas.b2c' });
    const answer = await s.call('POST', '/v1/products/batch', { ids: ['basic', 'nope'], taxCategory: 'saas.b2b' });
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: 'resource_not_found', param: 'ids.1' });
    expect((await s.call('GET', '/v1/products/basic')).body.taxCategory).toBe('saas.b2c');
  });

  it('refuses an unknown tax category and an empty batch', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/products/basic', { taxCategory: 'saas.b2c' });
    const unknown = await s.call('POST', '/v1/products/batch', { ids: ['basic'], taxCategory: 'saas.nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'tax_category_unknown', param: 'taxCategory' });
    const empty = await s.call('POST', '/v1/products/batch', { ids: [], taxCategory: 'saas.b2b' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.param).toBe('ids');
  });

  it('does not reach another seller\'s products', async () => {
    const a = await api.seller();
    const b = await api.seller();
    await a.call('PUT', '/v1/products/secret', { taxCategory: 'saas.b2c' });
    expect((await b.call('POST', '/v1/products/batch', { ids: ['secret'], taxCategory: 'saas.b2b' })).status).toBe(404);
    expect((await a.call('GET', '/v1/products/secret')).body.taxCategory).toBe('saas.b2c');
  });
});
