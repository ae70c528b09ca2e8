/**
 * One invoice, four doors: the native API, Anrok's, AvaTax's (through its
 * official client) and TaxJar's (through its official client) give the same
 * tax to the cent, for any mix of lines and places.
 */
import avatax from 'avatax';
import type * as AvaTaxModule from 'avatax/lib/AvaTaxClient.js';
import fc from 'fast-check';
import Taxjar from 'taxjar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMajorUnits } from '../../src/imports/money.js';
import { testApi, type Client, type TestApi } from '../helpers/api.js';

let api: TestApi;
let base: string;
beforeAll(async () => {
  api = await testApi();
  base = await api.listen();
});
afterAll(async () => api.close());

const Avatax = avatax as unknown as typeof AvaTaxModule.default.default;

const PLACES = [
  { city: 'Austin', region: 'TX', postalCode: '78701', line1: '100 Congress Ave' },
  { city: 'Seattle', region: 'WA', postalCode: '98101', line1: '400 Pine St' },
  { city: 'Los Angeles', region: 'CA', postalCode: '90012', line1: '200 N Spring St' },
  { city: 'Chicago', region: 'IL', postalCode: '60602', line1: '121 N LaSalle St' },
  { city: 'Portland', region: 'OR', postalCode: '97204', line1: '1221 SW 4th Ave' },
] as const;
/** TaxJar's /v2/taxes names a product only by its product tax code (content/categories.yaml `taxjarCode`; none is general goods). */
const PRODUCTS = [
  { id: 'pro', externalId: 'sku-pro', taxCategory: 'saas.b2b', taxjarCode: '81162000A9000' },
  { id: 'widget', externalId: 'sku-widget', taxCategory: 'goods.general', taxjarCode: undefined },
  { id: 'advice', externalId: 'sku-advice', taxCategory: 'services.professional', taxjarCode: '19005' },
] as const;
const taxjarCodeOf = (sku: string) => PRODUCTS.find((p) => p.externalId === sku)!.taxjarCode;

type Place = (typeof PLACES)[number];
interface Invoice {
  place: Place;
  lines: Array<{ sku: string; cents: number }>;
}

/** Minor units as the decimal number AvaTax and TaxJar take: built from its exact text. */
const dollars = (cents: number) => Number(`${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
const cents = (amount: number) => {
  const parsed = parseMajorUnits(String(amount), 'USD');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
};

async function seller(): Promise<Client> {
  const s = await api.seller();
  for (const p of PLACES) expect((await s.call('PUT', `/v1/registrations/US-${p.region}`, { effectiveDate: '2020-01-01' })).status).toBe(200);
  for (const p of PRODUCTS) expect((await s.call('PUT', `/v1/products/${p.id}`, { taxCategory: p.taxCategory, externalIds: [p.externalId] })).status).toBe(200);
  return s;
}

async function taxThroughEachApi(s: Client, invoice: Invoice, date: string) {
  const { place, lines } = invoice;
  const native = await s.call('POST', '/v1/tax/calculate', {
    date,
    currency: 'USD',
    customer: { address: { ...place, country: 'US' } },
    lines: lines.map((l, i) => ({ id: `${i + 1}`, productId: l.sku, amount: l.cents })),
  });
  expect(native.status).toBe(200);

  const anrok = await fetch(`${base}/v1/seller/transactions/createEphemeral`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      currencyCode: 'USD',
      accountingDate: date,
      customerAddress: { ...place, country: 'us' },
      lineItems: lines.map((l, i) => ({ id: `${i + 1}`, productExternalId: l.sku, amount: l.cents, isTaxIncludedInAmount: false })),
    }),
  });
  expect(anrok.status).toBe(200);

  const [username, password] = s.key.split('/secret.') as [string, string];
  const ava = new Avatax({ appName: 'levy-test', appVersion: '1.0', machineName: 'test', environment: base }).withSecurity({ username, password });
  const quote = (await ava.createTransaction({
    model: {
      type: 'SalesOrder',
      companyCode: 'DEFAULT',
      date,
      customerCode: 'C-1',
      currencyCode: 'USD',
      addresses: { shipTo: { ...place, country: 'US' } },
      lines: lines.map((l, i) => ({ number: `${i + 1}`, amount: dollars(l.cents), itemCode: l.sku })),
    } as never,
  })) as unknown as { totalTax: number };

  const tj = new Taxjar({ apiKey: s.key, apiUrl: base });
  const { tax } = await tj.taxForOrder({
    to_country: 'US',
    to_zip: place.postalCode,
    to_state: place.region,
    to_city: place.city,
    to_street: place.line1,
    shipping: 0,
    amount: dollars(lines.reduce((sum, l) => sum + l.cents, 0)),
    line_items: lines.map((l, i) => ({ id: `${i + 1}`, quantity: 1, unit_price: dollars(l.cents), product_tax_code: taxjarCodeOf(l.sku) })),
  } as never);

  return {
    native: native.body.tax as number,
    anrok: ((await anrok.json()) as { taxAmountToCollect: number }).taxAmountToCollect,
    avatax: cents(quote.totalTax),
    taxjar: cents(tax.amount_to_collect),
  };
}

describe('the same invoice through every API', () => {
  it('is taxed the same to the cent, wherever it goes and whatever it sells', async () => {
    const s = await seller();
    const date = new Date().toISOString().slice(0, 10);
    const fixed: Invoice = { place: PLACES[0], lines: [{ sku: 'sku-pro', cents: 12345 }, { sku: 'sku-widget', cents: 999 }] };
    const answer = await taxThroughEachApi(s, fixed, date);
    expect(answer.native).toBeGreaterThan(0);
    expect(answer).toEqual({ native: answer.native, anrok: answer.native, avatax: answer.native, taxjar: answer.native });

    await fc.assert(
      fc.asyncProperty(
        fc.record({
          place: fc.constantFrom(...PLACES),
          lines: fc.array(fc.record({ sku: fc.constantFrom(...PRODUCTS.map((p) => p.externalId)), cents: fc.integer({ min: 1, max: 5_000_000 }) }), { minLength: 1, maxLength: 4 }),
        }),
        async (invoice) => {
          const t = await taxThroughEachApi(s, invoice, date);
          expect({ anrok: t.anrok, avatax: t.avatax, taxjar: t.taxjar }).toEqual({ anrok: t.native, avatax: t.native, taxjar: t.native });
        },
      ),
      { numRuns: 25 },
    );
  });
});
