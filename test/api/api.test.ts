/**
 * The API as a billing system calls it (through app.inject, on PGlite, or on
 * PostgreSQL when DATABASE_URL is set).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/errors/registry.js';
import { revokeApiKey } from '../../src/store/sellers.repository.js';
import { testApi, type Client, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => {
  await api.close();
});

const AUSTIN = { postalCode: '78701', country: 'US' };
const saleBody = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  date: '2026-11-15',
  currency: 'USD',
  customer: { address: AUSTIN },
  lines: [{ id: 'a', productId: 'saas.b2b', amount: 10000 }],
  ...extra,
});

async function registeredSeller(): Promise<Client> {
  const s = await api.seller();
  expect((await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01' })).status).toBe(200);
  return s;
}

function expectError(response: { status: number; body: any }, status: number, code: string, param?: string) {
  expect({ status: response.status, code: response.body?.error?.code, param: response.body?.error?.param }).toEqual({ status, code, param });
  expect(Object.keys(ERRORS)).toContain(response.body.error.code);
  expect(response.body.error.type).toBe(ERRORS[code as keyof typeof ERRORS].type);
  expect(typeof response.body.error.message).toBe('string');
}

describe('authentication', () => {
  it('answers who the key belongs to', async () => {
    const s = await api.seller();
    const me = await s.call('GET', '/v1/me');
    expect(me).toMatchObject({ status: 200, body: { sellerId: s.id, name: null } });
    expect(me.headers['request-id']).toMatch(/^req_/);
  });

  it('keeps the seller\'s name, as customers see it', async () => {
    const s = await api.seller();
    expect((await s.call('PATCH', '/v1/me', { name: '  Acme Software Inc. ' })).body).toEqual({ sellerId: s.id, name: 'Acme Software Inc.' });
    expect((await s.call('GET', '/v1/me')).body.name).toBe('Acme Software Inc.');
    expect((await s.call('PATCH', '/v1/me', { name: '   ' })).body.error).toMatchObject({ code: 'parameter_invalid', param: 'name' });
  });

  it('refuses requests without a key, with a wrong key, and with a revoked key at once', async () => {
    const s = await api.seller();
    expectError(await s.call('GET', '/v1/me', undefined, { authorization: '' }), 401, 'authentication_required');
    expectError(await s.call('GET', '/v1/me', undefined, { authorization: `Basic ${s.key}` }), 401, 'authentication_required');
    expectError(await s.call('GET', '/v1/me', undefined, { authorization: `Bearer ${s.key.slice(0, -2)}xx` }), 401, 'api_key_invalid');
    expectError(await s.call('GET', '/v1/me', undefined, { authorization: 'Bearer nobody/key_abc/secret.aaaaaaaaaaaaaaaaaaaaaaaa' }), 401, 'api_key_invalid');
    expect((await s.call('GET', '/v1/me')).status).toBe(200);
    const [sellerId, keyId] = s.key.split('/');
    await revokeApiKey(api.store.db, sellerId!, keyId!);
    // The revocation reaches every API process as a database notification when it
    // commits: at once in the embedded database's single process; over a
    // PostgreSQL connection, as soon as the notification lands (milliseconds).
    let answer = await s.call('GET', '/v1/me');
    for (let waited = 0; answer.status === 200 && api.store.kind === 'postgres' && waited < 2000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      answer = await s.call('GET', '/v1/me');
    }
    expectError(answer, 401, 'api_key_invalid');
  });
});

describe('tenancy', () => {
  it('a seller\'s key never reaches another seller\'s data: 404, as for an id that does not exist', async () => {
    const a = await registeredSeller();
    const b = await api.seller();
    expect((await a.call('POST', '/v1/transactions', saleBody('inv_1', { commit: true }))).status).toBe(200);
    expect((await a.call('PUT', '/v1/products/secret', { taxCategory: 'saas.b2b' })).status).toBe(200);
    expect((await a.call('PUT', '/v1/customers/cus_1', { name: 'A customer' })).status).toBe(200);
    for (const [method, url, body] of [
      ['GET', '/v1/transactions/inv_1'],
      ['POST', '/v1/transactions/inv_1/commit'],
      ['POST', '/v1/transactions/inv_1/void'],
      ['POST', '/v1/transactions/inv_1/refunds', { id: 'cn_1', date: '2026-11-20' }],
      ['GET', '/v1/products/secret'],
      ['DELETE', '/v1/products/secret'],
      ['GET', '/v1/customers/cus_1'],
    ] as const) {
      const theirs = await b.call(method, url, body);
      const nobodys = await b.call(method, url.replace(/inv_1|secret|cus_1/, 'missing'), body);
      expectError(theirs, 404, 'resource_not_found');
      expect(theirs.status).toBe(nobodys.status);
    }
    expect((await b.call('GET', '/v1/transactions')).body.data).toEqual([]);
    expect((await b.call('GET', '/v1/products')).body.data).toEqual([]);
    // and a's data is untouched
    expect((await a.call('GET', '/v1/transactions/inv_1')).body.status).toBe('committed');
  });
});

describe('calculate', () => {
  it('answers the engine\'s calculation with the seller\'s registrations and products', async () => {
    const s = await registeredSeller();
    await s.call('PUT', '/v1/products/pro', { taxCategory: 'saas.b2b', externalIds: ['price_1'] });
    const r = await s.call('POST', '/v1/tax/calculate', { date: '2026-11-15', currency: 'USD', customer: { address: AUSTIN }, lines: [{ productId: 'price_1', amount: 10000 }] });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ tax: 660, lines: [{ productId: 'pro', taxCategory: 'saas.b2b', tax: 660 }] });
    expect(r.body.lines[0].jurisdictions.map((j: { id: string; collect: boolean }) => [j.id, j.collect])).toEqual([
      ['US-TX', true],
      ['US-TX-CITY-AUSTIN', true],
      ['US-TX-SPECIAL-CAPMETRO', true],
    ]);
  });

  it('a registration added later is used at once', async () => {
    const s = await api.seller();
    const body = { date: '2026-11-15', currency: 'USD', customer: { address: AUSTIN }, lines: [{ productId: 'saas.b2b', amount: 10000 }] };
    expect((await s.call('POST', '/v1/tax/calculate', body)).body.tax).toBe(0);
    await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01' });
    expect((await s.call('POST', '/v1/tax/calculate', body)).body.tax).toBe(660);
    await s.call('DELETE', '/v1/registrations/US-TX');
    expect((await s.call('POST', '/v1/tax/calculate', body)).body.tax).toBe(0);
  });

  it('a timestamp is dated in the seller\'s accounting time zone, across the day boundary', async () => {
    const s = await registeredSeller();
    const at = (timestamp: string) => s.call('POST', '/v1/tax/calculate', { timestamp, currency: 'USD', customer: { address: AUSTIN }, lines: [{ productId: 'goods.general', amount: 100 }] });
    // Los Angeles by default: 2026-11-01T07:59Z is still October 31st there.
    expect((await at('2026-11-01T06:59:59Z')).body.date).toBe('2026-10-31');
    expect((await at('2026-11-01T07:00:00Z')).body.date).toBe('2026-11-01');
    expect((await s.call('PATCH', '/v1/settings', { accountingTimeZone: 'America/New_York' })).body.accountingTimeZone).toBe('America/New_York');
    expect((await at('2026-11-01T03:59:59Z')).body.date).toBe('2026-10-31');
    expect((await at('2026-11-01T04:00:00Z')).body.date).toBe('2026-11-01');
    expectError(await s.call('POST', '/v1/tax/calculate', { currency: 'USD', customer: { address: AUSTIN }, lines: [{ productId: 'goods.general', amount: 100 }] }), 400, 'parameter_missing', 'date');
    expectError(await s.call('POST', '/v1/tax/calculate', { date: '2026-11-01', timestamp: '2026-11-01T04:00:00Z', currency: 'USD', customer: { address: AUSTIN }, lines: [{ productId: 'goods.general', amount: 100 }] }), 400, 'parameter_invalid', 'timestamp');
  });

  it('an exempt customer named by id is exempt', async () => {
    const s = await registeredSeller();
    await s.call('PUT', '/v1/customers/school', { name: 'School', exempt: true });
    const r = await s.call('POST', '/v1/tax/calculate', { date: '2026-11-15', currency: 'USD', customer: { id: 'school', address: AUSTIN }, lines: [{ productId: 'saas.b2b', amount: 10000 }] });
    expect(r.body).toMatchObject({ tax: 0, exemptAmount: 8000, exemptions: [{ kind: 'customer_exempt' }] });
  });
});

describe('bad input is a 4xx naming the field, never a 5xx', () => {
  const base = { date: '2026-11-15', currency: 'USD', customer: { address: AUSTIN }, lines: [{ productId: 'saas.b2b', amount: 100 }] };

  it.each([
    ['malformed JSON', '{"date": "2026-11-15",', 400, 'invalid_json', undefined],
    ['a wrong type', { ...base, lines: [{ productId: 'saas.b2b', amount: '100' }] }, 400, 'parameter_invalid', 'lines.0.amount'],
    ['dollars instead of cents', { ...base, lines: [{ productId: 'saas.b2b', amount: 1.5 }] }, 400, 'amount_not_integer', 'lines.0.amount'],
    ['an unknown field', { ...base, customr: {} }, 400, 'parameter_unknown', 'customr'],
    ['a negative quantity', { ...base, lines: [{ productId: 'saas.b2b', amount: 100, quantity: -1 }] }, 400, 'parameter_invalid', 'lines.0.quantity'],
    ['an unknown product', { ...base, lines: [{ productId: 'price_x', amount: 100 }] }, 400, 'product_unknown', 'lines.0.productId'],
    ['an unresolvable address', { ...base, customer: { address: { region: 'ZZ', postalCode: '78701', country: 'US' } } }, 400, 'address_unresolvable', 'customer.address.region'],
    ['an impossible date', { ...base, date: '2026-02-29' }, 400, 'date_invalid', 'date'],
  ])('%s', async (_name, body, status, code, param) => {
    const s = await api.seller();
    expectError(await s.call('POST', '/v1/tax/calculate', body), status, code, param);
  });

  it('an oversized body is 413', async () => {
    const s = await api.seller();
    const lines = Array.from({ length: 20_000 }, (_, i) => ({ id: `line-${i}`, productId: 'saas.b2b', amount: 100, description: 'x'.repeat(40) }));
    expectError(await s.call('POST', '/v1/tax/calculate', { ...base, lines }), 413, 'body_too_large');
  });

  it('a body that is not JSON is 415', async () => {
    const s = await api.seller();
    expectError(await s.call('POST', '/v1/tax/calculate', 'date=2026-11-15', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
  });

  it('an unknown route is 404', async () => {
    const s = await api.seller();
    expectError(await s.call('GET', '/v1/nothing-here'), 404, 'route_not_found');
  });
});

describe('configuration', () => {
  it('products: put, read, list by pages, map external ids, delete', async () => {
    const s = await api.seller();
    for (const id of ['a', 'b', 'c']) expect((await s.call('PUT', `/v1/products/${id}`, { name: id.toUpperCase(), taxCategory: 'saas.b2b', externalIds: [`ext_${id}`] })).status).toBe(200);
    expect((await s.call('GET', '/v1/products/b')).body).toMatchObject({ id: 'b', name: 'B', taxCategory: 'saas.b2b', externalIds: ['ext_b'] });
    const first = await s.call('GET', '/v1/products?limit=2');
    expect(first.body.data.map((p: { id: string }) => p.id)).toEqual(['a', 'b']);
    const second = await s.call('GET', `/v1/products?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ data: [{ id: 'c' }], nextCursor: null });
    expectError(await s.call('PUT', '/v1/products/d', { taxCategory: 'saas.b2b', externalIds: ['ext_a'] }), 409, 'external_id_taken', 'externalIds.0');
    expectError(await s.call('PUT', '/v1/products/d', { taxCategory: 'saas' }), 400, 'tax_category_unknown', 'taxCategory');
    expect((await s.call('DELETE', '/v1/products/a')).body).toEqual({ id: 'a', deleted: true });
    expectError(await s.call('GET', '/v1/products/a'), 404, 'resource_not_found');
    expectError(await s.call('GET', '/v1/products?limit=501'), 400, 'parameter_invalid', 'limit');
    expectError(await s.call('GET', '/v1/products?cursor=garbage'), 400, 'parameter_invalid', 'cursor');
  });

  it('settings: defaults, changes, refusals; the default product takes unknown ids', async () => {
    const s = await registeredSeller();
    expect((await s.call('GET', '/v1/settings')).body).toEqual({ accountingTimeZone: 'America/Los_Angeles', defaultProductId: null, unknownProduct: 'error', addressValidation: 'strict', nexusLookbackYears: 3, backfillCompletedAt: null });
    expectError(await s.call('PATCH', '/v1/settings', { accountingTimeZone: 'Mars/Base' }), 400, 'time_zone_unknown', 'accountingTimeZone');
    expectError(await s.call('PATCH', '/v1/settings', { defaultProductId: 'nope' }), 400, 'product_unknown', 'defaultProductId');
    await s.call('PUT', '/v1/products/fallback', { taxCategory: 'goods.general' });
    expect((await s.call('PATCH', '/v1/settings', { defaultProductId: 'fallback', unknownProduct: 'default' })).status).toBe(200);
    const r = await s.call('POST', '/v1/tax/calculate', { date: '2026-11-15', currency: 'USD', customer: { address: AUSTIN }, lines: [{ productId: 'price_new', amount: 10000 }] });
    expect(r.body).toMatchObject({ tax: 825, warnings: [{ code: 'default_product_used' }] });
  });

  it('registrations: put, list, delete; unknown jurisdictions refused', async () => {
    const s = await api.seller();
    expect((await s.call('PUT', '/v1/registrations/EU-OSS', { effectiveDate: '2021-07-01', filingFrequency: 'quarterly' })).status).toBe(200);
    expect((await s.call('PUT', '/v1/registrations/CA-QC', { effectiveDate: '2022-01-01', registrationNumber: '1234567890TQ0001' })).status).toBe(200);
    expect((await s.call('GET', '/v1/registrations')).body.data.map((r: { jurisdictionId: string }) => r.jurisdictionId)).toEqual(['CA-QC', 'EU-OSS']);
    expectError(await s.call('PUT', '/v1/registrations/US-XX', { effectiveDate: '2021-07-01' }), 400, 'jurisdiction_unknown', 'jurisdictionId');
    expect((await s.call('DELETE', '/v1/registrations/CA-QC')).status).toBe(200);
    expectError(await s.call('DELETE', '/v1/registrations/CA-QC'), 404, 'resource_not_found');
  });

  it('customers: put and read', async () => {
    const s = await api.seller();
    const put = await s.call('PUT', '/v1/customers/c1', { name: 'C', email: 'c@example.com', type: 'business', address: AUSTIN, taxIds: [{ type: 'eu_vat', value: 'DE136695976' }] });
    expect(put.body).toMatchObject({ id: 'c1', name: 'C', address: AUSTIN, exempt: false });
    expect((await s.call('GET', '/v1/customers/c1')).body.email).toBe('c@example.com');
  });

  it('customers: listed by id, a page at a time, and searched by part of the id, name or email', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/customers/acme_1', { name: 'Acme Corp', email: 'ap@acme.example' });
    await s.call('PUT', '/v1/customers/beta', { name: 'Beta 100% LLC', email: 'billing@beta.example' });
    await s.call('PUT', '/v1/customers/gamma', { name: 'Gamma', email: 'tax@ACME.example' });
    const ids = (r: { body: { data: Array<{ id: string }> } }) => r.body.data.map((c) => c.id);
    const first = await s.call('GET', '/v1/customers?limit=2');
    expect(ids(first)).toEqual(['acme_1', 'beta']);
    expect(ids(await s.call('GET', `/v1/customers?limit=2&cursor=${first.body.nextCursor}`))).toEqual(['gamma']);
    expect(ids(await s.call('GET', '/v1/customers?q=acme'))).toEqual(['acme_1', 'gamma']);
    expect(ids(await s.call('GET', '/v1/customers?q=100%25'))).toEqual(['beta']);
    expect(ids(await s.call('GET', '/v1/customers?q=_'))).toEqual(['acme_1']);
    expect((await s.call('GET', '/v1/customers?q=beta')).body.data[0]).toMatchObject({ name: 'Beta 100% LLC', email: 'billing@beta.example', exempt: false });
    expectError(await s.call('GET', '/v1/customers?sort=name'), 400, 'parameter_unknown', 'sort');
  });

  it('lists the tax categories with their AvaTax and TaxJar codes', async () => {
    const s = await api.seller();
    const r = await s.call('GET', '/v1/tax-categories');
    expect(r.body.data).toContainEqual(expect.objectContaining({ id: 'saas.b2b', avataxCode: expect.any(String), taxjarCode: expect.any(String) }));
  });
});

describe('transactions', () => {
  it('versions an uncommitted transaction, then commits it; a committed one changes only by void or refund', async () => {
    const s = await registeredSeller();
    expect((await s.call('POST', '/v1/transactions', saleBody('inv_1'))).body).toMatchObject({ id: 'inv_1', status: 'uncommitted', version: 1, tax: 660 });
    expect((await s.call('POST', '/v1/transactions', saleBody('inv_1', { lines: [{ id: 'a', productId: 'saas.b2b', amount: 20000 }] }))).body).toMatchObject({ version: 2, tax: 1320 });
    expect((await s.call('POST', '/v1/transactions/inv_1/commit')).body).toMatchObject({ status: 'committed', version: 2 });
    expectError(await s.call('POST', '/v1/transactions', saleBody('inv_1')), 409, 'transaction_committed', 'id');
    const detail = (await s.call('GET', '/v1/transactions/inv_1')).body;
    expect(detail).toMatchObject({ status: 'committed', version: 2, tax: 1320, type: 'sale', originalId: null });
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(detail.committedAt).toEqual(expect.any(String));
  });

  it('commit: true creates it committed; void marks it voided', async () => {
    const s = await registeredSeller();
    expect((await s.call('POST', '/v1/transactions', saleBody('inv_2', { commit: true }))).body.status).toBe('committed');
    expect((await s.call('POST', '/v1/transactions/inv_2/void')).body.status).toBe('voided');
    expectError(await s.call('POST', '/v1/transactions/inv_2/commit'), 409, 'transaction_voided');
    expectError(await s.call('POST', '/v1/transactions', saleBody('inv_2')), 409, 'transaction_voided', 'id');
  });

  it('refunds reverse tax pro rata and never exceed what was charged', async () => {
    const s = await registeredSeller();
    await s.call('POST', '/v1/transactions', saleBody('inv_3', { commit: true }));
    const part = await s.call('POST', '/v1/transactions/inv_3/refunds', { id: 'cn_1', date: '2026-11-20', lines: [{ id: 'a', amount: 2500 }] });
    expect(part.body).toMatchObject({ id: 'cn_1', type: 'refund', originalId: 'inv_3', status: 'committed', date: '2026-11-20', subtotal: -2500, tax: -165 });
    expectError(await s.call('POST', '/v1/transactions/inv_3/refunds', { id: 'cn_2', lines: [{ id: 'a', amount: 7501 }], date: '2026-11-21' }), 400, 'refund_exceeds_original', 'lines.0.amount');
    expectError(await s.call('POST', '/v1/transactions/inv_3/refunds', { id: 'cn_2', lines: [{ id: 'z', amount: 1 }], date: '2026-11-21' }), 400, 'refund_line_unknown', 'lines.0.id');
    const rest = await s.call('POST', '/v1/transactions/inv_3/refunds', { id: 'cn_2', date: '2026-11-21' });
    expect(rest.body).toMatchObject({ subtotal: -7500, tax: -495 });
    expectError(await s.call('POST', '/v1/transactions/inv_3/refunds', { id: 'cn_3', date: '2026-11-22' }), 400, 'refund_exceeds_original', 'lines');
    expectError(await s.call('POST', '/v1/transactions/inv_3/void'), 409, 'transaction_refunded');
    expect((await s.call('GET', '/v1/transactions/inv_3')).body.refunds.map((r: { id: string }) => r.id)).toEqual(['cn_1', 'cn_2']);
    expectError(await s.call('POST', '/v1/transactions/inv_3/refunds', { id: 'inv_3', date: '2026-11-22' }), 409, 'transaction_exists', 'id');
  });

  it('only a committed transaction can be refunded', async () => {
    const s = await registeredSeller();
    await s.call('POST', '/v1/transactions', saleBody('inv_4'));
    expectError(await s.call('POST', '/v1/transactions/inv_4/refunds', { id: 'cn_4', date: '2026-11-20' }), 409, 'transaction_not_committed');
  });

  it('lists by date with filters and cursors', async () => {
    const s = await registeredSeller();
    for (const [id, date, customerId] of [['i1', '2026-01-05', 'c1'], ['i2', '2026-02-05', 'c2'], ['i3', '2026-03-05', 'c1'], ['i4', '2026-04-05', 'c1']] as const) {
      await s.call('POST', '/v1/transactions', saleBody(id, { date, commit: id !== 'i4', customer: { id: customerId, address: AUSTIN } }));
    }
    const ids = (r: { body: { data: Array<{ id: string }> } }) => r.body.data.map((t) => t.id);
    expect(ids(await s.call('GET', '/v1/transactions?customerId=c1'))).toEqual(['i1', 'i3', 'i4']);
    expect(ids(await s.call('GET', '/v1/transactions?from=2026-02-01&to=2026-03-31'))).toEqual(['i2', 'i3']);
    expect(ids(await s.call('GET', '/v1/transactions?status=uncommitted'))).toEqual(['i4']);
    const first = await s.call('GET', '/v1/transactions?limit=3');
    expect(ids(first)).toEqual(['i1', 'i2', 'i3']);
    expect(ids(await s.call('GET', `/v1/transactions?limit=3&cursor=${first.body.nextCursor}`))).toEqual(['i4']);
    expectError(await s.call('GET', '/v1/transactions?status=paid'), 400, 'parameter_invalid', 'status');
  });

  it('lists newest first, by part of an id, and by a jurisdiction and the places inside it', async () => {
    const s = await registeredSeller();
    expect((await s.call('PUT', '/v1/registrations/US-WA', { effectiveDate: '2020-01-01' })).status).toBe(200);
    const SEATTLE = { line1: '400 Broad St', city: 'Seattle', region: 'WA', postalCode: '98109', country: 'US' };
    for (const [id, date, customerId, address] of [['inv_A%1', '2026-01-05', 'acme_1', AUSTIN], ['inv_B_2', '2026-02-05', 'beta', SEATTLE], ['inv_C3', '2026-03-05', 'ACME_2', AUSTIN]] as const) {
      expect((await s.call('POST', '/v1/transactions', saleBody(id, { date, commit: true, customer: { id: customerId, address } }))).status).toBe(200);
    }
    const ids = (r: { body: { data: Array<{ id: string }> } }) => r.body.data.map((t) => t.id);
    const newest = await s.call('GET', '/v1/transactions?order=desc&limit=2');
    expect(ids(newest)).toEqual(['inv_C3', 'inv_B_2']);
    expect(ids(await s.call('GET', `/v1/transactions?order=desc&limit=2&cursor=${newest.body.nextCursor}`))).toEqual(['inv_A%1']);
    // Ids and customers match in any case; % and _ are themselves, not wildcards.
    expect(ids(await s.call('GET', '/v1/transactions?q=acme'))).toEqual(['inv_A%1', 'inv_C3']);
    expect(ids(await s.call('GET', '/v1/transactions?q=%25'))).toEqual(['inv_A%1']);
    expect(ids(await s.call('GET', '/v1/transactions?q=_2'))).toEqual(['inv_B_2', 'inv_C3']);
    expect(ids(await s.call('GET', '/v1/transactions?jurisdiction=US-WA'))).toEqual(['inv_B_2']);
    expect(ids(await s.call('GET', '/v1/transactions?jurisdiction=US-TX'))).toEqual(['inv_A%1', 'inv_C3']);
    // A city inside Texas: the Austin sales carry its tax.
    const austin = (await s.call('GET', '/v1/transactions/inv_C3')).body.lines[0].jurisdictions.find((j: { level: string }) => j.level === 'city');
    expect(ids(await s.call('GET', `/v1/transactions?jurisdiction=${austin.id}`))).toEqual(['inv_A%1', 'inv_C3']);
    expectError(await s.call('GET', '/v1/transactions?jurisdiction=texas'), 400, 'parameter_invalid', 'jurisdiction');
    expectError(await s.call('GET', '/v1/transactions?order=newest'), 400, 'parameter_invalid', 'order');
  });
});

describe('Idempotency-Key', () => {
  it('the same key and body get the stored answer and change nothing; another body is 409', async () => {
    const s = await registeredSeller();
    const first = await s.call('POST', '/v1/transactions', saleBody('inv_i'), { 'idempotency-key': 'k1' });
    const again = await s.call('POST', '/v1/transactions', saleBody('inv_i'), { 'idempotency-key': 'k1' });
    expect(again.body).toEqual(first.body);
    expect((await s.call('GET', '/v1/transactions/inv_i')).body.version).toBe(1);
    expectError(await s.call('POST', '/v1/transactions', saleBody('inv_i', { commit: true }), { 'idempotency-key': 'k1' }), 409, 'idempotency_key_reused');
    // a refused request stores nothing: the same key works once the request is right
    expectError(await s.call('POST', '/v1/transactions/nope/commit', undefined, { 'idempotency-key': 'k2' }), 404, 'resource_not_found');
    expect((await s.call('POST', '/v1/transactions/inv_i/commit', undefined, { 'idempotency-key': 'k3' })).body.status).toBe('committed');
  });

  it('keys belong to their seller', async () => {
    const a = await registeredSeller();
    const b = await registeredSeller();
    await a.call('POST', '/v1/transactions', saleBody('x'), { 'idempotency-key': 'shared' });
    expect((await b.call('POST', '/v1/transactions', saleBody('y'), { 'idempotency-key': 'shared' })).body.id).toBe('y');
  });
});

describe('the OpenAPI document and its reference page', () => {
  it('documents every route, with bodies from the validating schemas', async () => {
    const r = await api.app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = r.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/v1/tax/calculate', '/v1/transactions', '/v1/transactions/{id}/refunds', '/v1/settings', '/v1/products/{id}', '/v1/registrations/{jurisdictionId}', '/v1/me']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const calc = doc.paths['/v1/tax/calculate'].post;
    expect(calc.requestBody.content['application/json'].schema.properties.lines.items.properties.amount.type).toBe('integer');
    expect(calc.responses['200'].content['application/json'].schema.properties.lines).toBeDefined();
    const docs = await api.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });
});

describe('logs', () => {
  it('carry the request id, and never a key, a secret or an address', async () => {
    const { buildApp } = await import('../../src/api/app.js');
    const { loggerOptions } = await import('../../src/api/logging.js');
    const { loadEngine } = await import('../../src/index.js');
    const lines: string[] = [];
    const app = await buildApp({ store: api.store, engine: await loadEngine(), logger: loggerOptions('info', { write: (line) => lines.push(line) }) });
    const s = await api.seller();
    const request = { date: '2026-11-15', currency: 'USD', customer: { id: 'cus_secret_person', address: { line1: '221B Baker Street', postalCode: '78701', country: 'US' } }, lines: [{ productId: 'saas.b2b', amount: 100 }] };
    const ok = await app.inject({ method: 'POST', url: '/v1/tax/calculate?customerId=cus_secret_person', headers: { authorization: `Bearer ${s.key}` }, payload: request });
    const bad = await app.inject({ method: 'POST', url: '/v1/tax/calculate', headers: { authorization: `Bearer ${s.key}` }, payload: { ...request, lines: [{ productId: 'saas.b2b', amount: 1.5 }] } });
    await app.close();
    expect(lines.length).toBeGreaterThanOrEqual(4);
    const log = lines.join('\n');
    expect(log).toContain(String(ok.headers['request-id']));
    expect(log).toContain(String(bad.headers['request-id']));
    for (const secret of [s.key, s.key.split('secret.')[1]!, 'Baker', '78701', 'cus_secret_person']) expect(log).not.toContain(secret);
  });
});
