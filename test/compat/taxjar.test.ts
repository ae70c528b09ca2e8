/**
 * Levy's TaxJar v2 API, driven over real HTTP by the official `taxjar`
 * client, unmodified, its apiUrl pointed at Levy.
 */
import Taxjar from 'taxjar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMinorUnits } from '../../src/compat/taxjar/money.js';
import { testApi, type Client, type TestApi } from '../helpers/api.js';

let api: TestApi;
let base: string;

beforeAll(async () => {
  api = await testApi();
  base = await api.listen();
});
afterAll(async () => api.close());

function client(key: string): Taxjar {
  return new Taxjar({ apiKey: key, apiUrl: base });
}

async function failure(promise: Promise<unknown>): Promise<{ status: number; error: string; detail: string }> {
  try {
    await promise;
  } catch (e) {
    const err = e as { status: number; error: string; detail: string };
    return { status: err.status, error: err.error, detail: err.detail };
  }
  throw new Error('expected the call to fail');
}

async function registered(...states: string[]): Promise<{ s: Client; tj: Taxjar }> {
  const s = await api.seller();
  for (const st of states) expect((await s.call('PUT', `/v1/registrations/US-${st}`, { effectiveDate: '2020-01-01', filingFrequency: 'quarterly' })).status).toBe(200);
  return { s, tj: client(s.key) };
}

/** A TaxJar dollar figure in cents, exactly (through its decimal text, as Levy reads them). */
const cents = (n: number | undefined) => toMinorUnits(n!, 'USD', 'figure');

const losAngeles = { to_country: 'US', to_zip: '90002', to_state: 'CA', to_city: 'Los Angeles' };

describe('authentication', () => {
  it('takes a Levy key as Bearer (the client) and as Token token="..."; refuses others with 401 in TaxJar\'s shape', async () => {
    const { s, tj } = await registered('CA');
    expect((await tj.categories()).categories.length).toBeGreaterThan(0);
    const token = await fetch(`${base}/v2/categories`, { headers: { authorization: `Token token="${s.key}"` } });
    expect(token.status).toBe(200);
    const bad = await failure(client(`${s.id}/nokey/secret.nothing`).categories());
    expect(bad).toMatchObject({ status: 401, error: 'Unauthorized' });
    const none = await fetch(`${base}/v2/categories`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: 'Unauthorized', status: 401, detail: expect.stringContaining('GET /v2/categories') });
  });
});

describe('POST /v2/taxes', () => {
  it('answers TaxJar\'s tax object with its breakdown, the same tax to the cent as POST /v1/tax/calculate', async () => {
    const { s, tj } = await registered('CA');
    const { tax } = await tj.taxForOrder({
      ...losAngeles,
      from_country: 'US', from_zip: '92093', from_state: 'CA',
      shipping: 1.5,
      line_items: [
        { id: 'a', quantity: 3, unit_price: 5.29, discount: 0.5 },
        { id: 'b', quantity: 1, unit_price: 19.99, product_tax_code: '31000' },
      ],
    } as never);
    const native = await s.call('POST', '/v1/tax/calculate', {
      date: new Date().toISOString().slice(0, 10),
      currency: 'USD',
      customer: { address: { country: 'US', postalCode: '90002', region: 'CA', city: 'Los Angeles' } },
      shipFrom: { country: 'US', postalCode: '92093', region: 'CA' },
      lines: [
        { id: 'a', productId: 'goods.general', amount: 1537, quantity: 3 },
        { id: 'b', productId: 'digital.goods', amount: 1999, quantity: 1 },
        { id: 'shipping', productId: 'shipping', amount: 150 },
      ],
    });
    expect(native.status).toBe(200);
    expect(cents(tax.amount_to_collect)).toBe(native.body.tax);
    expect(native.body.tax).toBeGreaterThan(0);
    expect(tax).toMatchObject({
      order_total_amount: 36.86,
      shipping: 1.5,
      has_nexus: true,
      freight_taxable: false,
      tax_source: 'destination',
      jurisdictions: { country: 'US', state: 'CA', county: 'LOS ANGELES', city: 'LOS ANGELES' },
    });
    expect(cents(tax.taxable_amount)).toBe(native.body.taxableAmount);
    const b = tax.breakdown!;
    expect(b.state_tax_rate).toBe(0.0725);
    expect(b.special_tax_rate).toBe(0.025);
    expect(b.combined_tax_rate).toBe(0.0975);
    expect(cents(b.state_tax_collectable) + cents(b.special_district_tax_collectable) + cents(b.county_tax_collectable) + cents(b.city_tax_collectable)).toBe(native.body.tax);
    expect(b.line_items!.map((l) => l.id)).toEqual(['a', 'b']);
    const a = b.line_items![0]!;
    expect(a).toMatchObject({ taxable_amount: 15.37, state_sales_tax_rate: 0.0725, special_tax_rate: 0.025 });
    expect(cents(a.tax_collectable)).toBe(native.body.lines[0].tax);
    expect(a).toHaveProperty('state_amount');
    expect(a).toHaveProperty('special_district_amount');
    expect(b.shipping).toMatchObject({ taxable_amount: 0, tax_collectable: 0 });
    expect(b.shipping).toHaveProperty('special_taxable_amount');
  });

  it('an amount alone is taxed as general goods; shipping is taxed where the state taxes it', async () => {
    const { tj } = await registered('TX');
    const { tax } = await tj.taxForOrder({ to_country: 'US', to_zip: '78701', to_state: 'TX', amount: 100, shipping: 10 });
    expect(tax.freight_taxable).toBe(true);
    expect(tax.taxable_amount).toBe(110);
    expect(tax.amount_to_collect).toBe(9.08);
    expect(tax.rate).toBe(0.0825); // 9.08 / 110, to four places
    expect(tax.breakdown).not.toHaveProperty('line_items');
  });

  it('without a registration at the destination: has_nexus false, nothing to collect, no breakdown', async () => {
    const { tj } = await registered('TX');
    const { tax } = await tj.taxForOrder({ ...losAngeles, amount: 15, shipping: 1.5 });
    expect(tax).toMatchObject({ has_nexus: false, amount_to_collect: 0, taxable_amount: 0, rate: 0, tax_source: null });
    expect(tax).not.toHaveProperty('breakdown');
  });

  it('exemption_type wholesale exempts the order; non_exempt taxes it', async () => {
    const { tj } = await registered('CA');
    const exempt = await tj.taxForOrder({ ...losAngeles, amount: 100, shipping: 0, exemption_type: 'wholesale' } as never);
    expect(exempt.tax).toMatchObject({ amount_to_collect: 0, exemption_type: 'wholesale' });
    const taxed = await tj.taxForOrder({ ...losAngeles, amount: 100, shipping: 0, exemption_type: 'non_exempt' } as never);
    expect(taxed.tax.amount_to_collect).toBe(9.75);
  });

  it('an order\'s exemption_type is recorded with the transaction, as a transaction exemption of its reason', async () => {
    const { s, tj } = await registered('CA');
    await tj.createOrder({ transaction_id: 'o-gov', transaction_date: '2026-04-02', ...losAngeles, amount: 100, shipping: 0, sales_tax: 0, exemption_type: 'government' } as never);
    const stored = await s.call('GET', '/v1/transactions/o-gov');
    expect(stored.body).toMatchObject({ tax: 0, exemptAmount: 10000, exemptions: [{ kind: 'transaction_exempt', reason: 'government', jurisdictions: expect.arrayContaining(['US-CA']) }] });
    expect(stored.body.lines[0].jurisdictions[0]).toMatchObject({ id: 'US-CA', exemption: 'transaction_exempt' });
  });

  it('refuses bad input with TaxJar\'s 400: an unknown tax code, more decimals than cents, a missing ZIP, no amount', async () => {
    const { tj } = await registered('CA');
    expect(await failure(tj.taxForOrder({ ...losAngeles, shipping: 0, line_items: [{ unit_price: 1, product_tax_code: 'FOO FIGHTERS' }] }))).toMatchObject({
      status: 400, error: 'Bad Request', detail: 'line_items include invalid tax codes: FOO FIGHTERS',
    });
    expect((await failure(tj.taxForOrder({ ...losAngeles, amount: 10.001, shipping: 0 }))).detail).toMatch(/amount: 10.001 has more decimals/);
    expect((await failure(tj.taxForOrder({ to_country: 'US', to_state: 'CA', amount: 10, shipping: 0 }))).detail).toMatch(/to_zip/);
    expect((await failure(tj.taxForOrder({ ...losAngeles, shipping: 0 }))).status).toBe(400);
    expect((await failure(tj.taxForOrder({ ...losAngeles, amount: 10 } as never))).detail).toBe('shipping is missing');
  });
});

describe('transactions', () => {
  it('orders: create (committed in the ledger), show, list by date, update (a new version), delete (void), with TaxJar\'s errors', async () => {
    const { s, tj } = await registered('CA');
    const order = {
      transaction_id: 'tj-1001', transaction_date: '2026-03-10', ...losAngeles,
      amount: 16.5, shipping: 1.5, sales_tax: 1.46,
      line_items: [{ id: '1', quantity: 1, product_identifier: '12-34243-9', description: 'Fuzzy Widget', unit_price: 15, sales_tax: 1.46 }],
    };
    const created = await tj.createOrder(order);
    expect(created.order).toMatchObject({ transaction_id: 'tj-1001', transaction_date: '2026-03-10T00:00:00.000Z', provider: 'api', amount: '16.5', shipping: '1.5', sales_tax: '1.47', to_state: 'CA' });
    expect(created.order.line_items![0]).toMatchObject({ id: '1', product_identifier: '12-34243-9', description: 'Fuzzy Widget', unit_price: '15', sales_tax: '1.47' });
    const ledger = await s.call('GET', '/v1/transactions/tj-1001');
    expect(ledger.body).toMatchObject({ status: 'committed', type: 'sale', subtotal: 1650, tax: 147 });

    expect(await failure(tj.createOrder(order))).toMatchObject({ status: 422, error: 'Unprocessable Entity' });
    expect((await failure(tj.createOrder({ ...order, transaction_id: 'tj-x', amount: 20 }))).detail).toMatch(/must equal the line items plus shipping/);
    expect(await failure(tj.createOrder({ ...order, transaction_id: undefined } as never))).toMatchObject({ status: 406, detail: 'transaction_id is missing' });

    expect((await tj.showOrder('tj-1001')).order.amount).toBe('16.5');
    expect(await tj.listOrders({ from_transaction_date: '2026-03-01', to_transaction_date: '2026-03-31' })).toEqual({ orders: ['tj-1001'] });
    expect(await tj.listOrders({ transaction_date: '2026-03-11' })).toEqual({ orders: [] });

    const updated = await tj.updateOrder({ transaction_id: 'tj-1001', amount: 31.5, line_items: [{ id: '1', quantity: 2, unit_price: 15, sales_tax: 2.92 }] });
    expect(updated.order).toMatchObject({ amount: '31.5', sales_tax: '2.93', transaction_date: '2026-03-10T00:00:00.000Z' });
    const versions = await s.call('GET', '/v1/transactions/tj-1001');
    expect(versions.body).toMatchObject({ status: 'committed', version: 2, subtotal: 3150, tax: 293 });

    const deleted = await tj.deleteOrder('tj-1001');
    expect(deleted.order).toMatchObject({ transaction_id: 'tj-1001', amount: null, sales_tax: null, line_items: [] });
    expect((await s.call('GET', '/v1/transactions/tj-1001')).body.status).toBe('voided');
    expect(await failure(tj.showOrder('tj-1001'))).toMatchObject({ status: 404, error: 'Not Found' });
    expect((await failure(tj.deleteOrder('nope'))).status).toBe(404);
    expect((await failure(tj.updateOrder({ transaction_id: 'nope', amount: 1 }))).status).toBe(404);
  });

  it('refunds: create against an order (in whole or in part), show, list, delete; an update is refused', async () => {
    const { s, tj } = await registered('CA');
    await tj.createOrder({ transaction_id: 'o-1', transaction_date: '2026-04-02', ...losAngeles, amount: 101.5, shipping: 1.5, sales_tax: 9.75, line_items: [{ id: '1', quantity: 2, unit_price: 50, sales_tax: 9.75 }] });
    const partial = await tj.createRefund({ transaction_id: 'r-1', transaction_reference_id: 'o-1', transaction_date: '2026-04-05', ...losAngeles, amount: -50, shipping: 0, sales_tax: -4.88, line_items: [{ id: '1', quantity: 1, unit_price: -50, sales_tax: -4.88 }] });
    expect(partial.refund).toMatchObject({ transaction_id: 'r-1', transaction_reference_id: 'o-1', amount: '-50', sales_tax: '-4.88' });
    const rest = await tj.createRefund({ transaction_id: 'r-2', transaction_reference_id: 'o-1', transaction_date: '2026-04-06', ...losAngeles, amount: -51.5, shipping: -1.5, sales_tax: -4.87 });
    expect(rest.refund).toMatchObject({ amount: '-51.5', sales_tax: '-4.87', shipping: '-1.5' });
    const ledger = await s.call('GET', '/v1/transactions/o-1');
    expect(ledger.body.refunds.map((r: { id: string }) => r.id)).toEqual(['r-1', 'r-2']);
    expect((await tj.showRefund('r-1')).refund.amount).toBe('-50');
    expect(await tj.listRefunds({ from_transaction_date: '2026-04-01', to_transaction_date: '2026-04-30' })).toEqual({ refunds: ['r-1', 'r-2'] });
    expect((await failure(tj.createRefund({ transaction_id: 'r-3', transaction_reference_id: 'o-1', transaction_date: '2026-04-06', ...losAngeles, amount: -1, shipping: 0, sales_tax: 0 }))).status).toBe(400);
    expect((await failure(tj.createRefund({ transaction_id: 'r-1', transaction_reference_id: 'o-1', transaction_date: '2026-04-06', ...losAngeles, amount: -1, shipping: 0, sales_tax: 0 }))).status).toBe(422);
    expect((await failure(tj.createRefund({ transaction_id: 'r-9', transaction_reference_id: 'none', transaction_date: '2026-04-06', ...losAngeles, amount: -1, shipping: 0, sales_tax: 0 }))).status).toBe(404);
    expect((await failure(tj.updateRefund({ transaction_id: 'r-1', transaction_reference_id: 'o-1', amount: -10 }))).status).toBe(422);
    expect((await tj.deleteRefund('r-2')).refund).toMatchObject({ transaction_id: 'r-2', amount: null, line_items: [] });
    expect((await s.call('GET', '/v1/transactions/r-2')).body.status).toBe('voided');
    expect(await tj.listRefunds({ from_transaction_date: '2026-04-01', to_transaction_date: '2026-04-30' })).toEqual({ refunds: ['r-1'] });
  });

  it('a retried create with the same Idempotency-Key gets the first answer, not a 422', async () => {
    const { s } = await registered('CA');
    const tj = new Taxjar({ apiKey: s.key, apiUrl: base, headers: { 'Idempotency-Key': 'order-77' } });
    const order = { transaction_id: 'o-77', transaction_date: '2026-05-01', ...losAngeles, amount: 10, shipping: 0, sales_tax: 0.98 };
    const first = await tj.createOrder(order);
    expect(await tj.createOrder(order)).toEqual(first);
    expect(await client(s.key).listOrders({ transaction_date: '2026-05-01' })).toEqual({ orders: ['o-77'] });
  });

  it('an order of a filed period does not change: update and delete answer 422', async () => {
    const { s, tj } = await registered('CA');
    await tj.createOrder({ transaction_id: 'q3', transaction_date: '2025-08-10', ...losAngeles, amount: 100, shipping: 0, sales_tax: 9.75 });
    expect((await s.call('POST', '/v1/returns/US-CA/2025-Q3/file', { filedAt: '2025-10-20' })).status).toBe(200);
    const update = await failure(tj.updateOrder({ transaction_id: 'q3', amount: 200 }));
    expect(update).toMatchObject({ status: 422, error: 'Unprocessable Entity' });
    expect(update.detail).toMatch(/filed/);
    expect((await failure(tj.deleteOrder('q3'))).status).toBe(422);
    expect((await s.call('GET', '/v1/transactions/q3')).body).toMatchObject({ status: 'committed', version: 1, subtotal: 10000 });
  });
});

describe('customers', () => {
  it('exemption_type and exempt_regions become a certificate the engine honours; create, show, list, update, delete', async () => {
    const { s, tj } = await registered('CA', 'TX');
    const created = await tj.createCustomer({ customer_id: 'c-1', exemption_type: 'wholesale', name: 'Dunder Mifflin', exempt_regions: [{ country: 'US', state: 'CA' }], country: 'US', state: 'PA', zip: '18504', city: 'Scranton', street: '1725 Slough Avenue' });
    expect(created.customer).toMatchObject({ customer_id: 'c-1', exemption_type: 'wholesale', exempt_regions: [{ country: 'US', state: 'CA' }], name: 'Dunder Mifflin', state: 'PA', zip: '18504' });
    const certificates = await s.call('GET', '/v1/certificates?customerId=c-1');
    expect(certificates.body.data).toHaveLength(1);
    expect(certificates.body.data[0]).toMatchObject({ reason: 'resale', jurisdictions: ['US-CA'] });

    const inCa = await tj.taxForOrder({ ...losAngeles, amount: 100, shipping: 0, customer_id: 'c-1' } as never);
    expect(inCa.tax).toMatchObject({ amount_to_collect: 0, exemption_type: 'wholesale' });
    const inTx = await tj.taxForOrder({ to_country: 'US', to_zip: '78701', to_state: 'TX', amount: 100, shipping: 0, customer_id: 'c-1' } as never);
    expect(inTx.tax.amount_to_collect).toBe(8.25);

    expect(await failure(tj.createCustomer({ customer_id: 'c-1', exemption_type: 'wholesale', name: 'again' }))).toMatchObject({ status: 422 });
    expect(await failure(tj.createCustomer({ customer_id: 'c-2', exemption_type: 'bogus', name: 'x' } as never))).toMatchObject({ status: 400 });
    expect((await failure(tj.createCustomer({ customer_id: 'c-2', exemption_type: 'other', name: 'x', exempt_regions: [{ country: 'US', state: 'ZZ' }] }))).status).toBe(400);

    const everywhere = await tj.updateCustomer({ customer_id: 'c-1', exemption_type: 'government', name: 'Dunder Mifflin', exempt_regions: [] });
    expect(everywhere.customer).toMatchObject({ exemption_type: 'government', exempt_regions: [] });
    expect((await s.call('GET', '/v1/customers/c-1')).body.exempt).toBe(true);
    const again = await tj.taxForOrder({ to_country: 'US', to_zip: '78701', to_state: 'TX', amount: 100, shipping: 0, customer_id: 'c-1' } as never);
    expect(again.tax.amount_to_collect).toBe(0);

    const taxed = await tj.updateCustomer({ customer_id: 'c-1', exemption_type: 'non_exempt', name: 'Dunder Mifflin' });
    expect(taxed.customer.exemption_type).toBe('non_exempt');
    expect((await tj.taxForOrder({ ...losAngeles, amount: 100, shipping: 0, customer_id: 'c-1' } as never)).tax.amount_to_collect).toBe(9.75);

    await tj.createCustomer({ customer_id: 'c-0', exemption_type: 'non_exempt', name: 'Zero' });
    expect(await tj.listCustomers()).toEqual({ customers: ['c-0', 'c-1'] });
    expect((await tj.showCustomer('c-0')).customer).toMatchObject({ customer_id: 'c-0', name: 'Zero', exemption_type: 'non_exempt' });
    expect((await tj.deleteCustomer('c-0')).customer.customer_id).toBe('c-0');
    expect(await failure(tj.showCustomer('c-0'))).toMatchObject({ status: 404 });
    expect((await failure(tj.updateCustomer({ customer_id: 'c-9', exemption_type: 'other', name: 'x' }))).status).toBe(404);
  });
});

describe('rates, regions, categories, validation, addresses', () => {
  it('GET /v2/rates/:zip answers the engine\'s rates as strings', async () => {
    const { tj } = await registered();
    const { rate } = await tj.ratesForLocation('90002');
    expect(rate).toMatchObject({ zip: '90002', country: 'US', state: 'CA', state_rate: '0.0725', county: 'LOS ANGELES', combined_district_rate: '0.025', combined_rate: '0.0975', freight_taxable: false });
    expect((await tj.ratesForLocation('78701')).rate).toMatchObject({ state: 'TX', state_rate: '0.0625', combined_rate: '0.0825', freight_taxable: true });
    expect((await failure(tj.ratesForLocation('00000'))).status).toBe(404);
  });

  it('GET /v2/nexus/regions lists the seller\'s registrations; /v2/categories the categories with TaxJar codes', async () => {
    const { s, tj } = await registered('TX', 'CA');
    await s.call('PUT', '/v1/registrations/DE', { effectiveDate: '2020-01-01' });
    const { regions } = await tj.nexusRegions();
    expect(regions).toEqual([
      { country_code: 'DE', country: expect.any(String), region_code: null, region: null },
      { country_code: 'US', country: expect.any(String), region_code: 'CA', region: 'California' },
      { country_code: 'US', country: expect.any(String), region_code: 'TX', region: 'Texas' },
    ]);
    const { categories } = await tj.categories();
    expect(categories).toContainEqual(expect.objectContaining({ product_tax_code: '31000', name: 'Digital goods' }));
    expect(categories.every((c) => c.product_tax_code !== '')).toBe(true);
  });

  it('GET /v2/summary_rates gives each state\'s minimum and average rate', async () => {
    const { tj } = await registered();
    const { summary_rates } = await tj.summaryRates();
    const ca = summary_rates.find((r) => r.region_code === 'CA')!;
    expect(ca).toMatchObject({ country_code: 'US', region: 'California', minimum_rate: { rate: 0.0725 } });
    expect(ca.average_rate.rate).toBeGreaterThanOrEqual(0.0725);
  }, 60_000);

  it('GET /v2/validation checks a VAT number\'s format; POST /v2/addresses/validate finds US addresses or answers 404', async () => {
    const { tj } = await registered();
    expect((await tj.validate({ vat: 'FR40303265045' })).validation).toMatchObject({ valid: true, vies_available: false });
    expect((await tj.validate({ vat: 'FR40303265046' })).validation.valid).toBe(false);
    expect((await failure(tj.validate({} as never))).status).toBe(400);
    const { addresses } = await tj.validateAddress({ country: 'US', state: 'TX', zip: '78701', city: 'Austin', street: '100 Congress Ave' });
    expect(addresses[0]).toMatchObject({ zip: '78701', state: 'TX', country: 'US', city: 'AUSTIN', street: '100 Congress Ave' });
    expect((await failure(tj.validateAddress({ country: 'US', state: 'CA', zip: '78701' }))).status).toBe(404);
  });

  it('an unknown /v2 route answers 404 in TaxJar\'s shape', async () => {
    const { s } = await registered();
    const r = await fetch(`${base}/v2/nothing`, { headers: { authorization: `Bearer ${s.key}` } });
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ error: 'Not Found', status: 404 });
  });
});
