/**
 * Anrok's API (/v1/seller) as Orb or Monk call it: plain HTTP POSTs with
 * JSON bodies against the listening server, with the request and answer
 * bodies of Anrok's reference (api-compat.md §4). Anrok has no npm client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startSmtp, type SmtpCatcher } from '../helpers/smtp.js';
import { testApi, type Client, type TestApi } from '../helpers/api.js';

let api: TestApi;
let base: string;
let smtp: SmtpCatcher;

beforeAll(async () => {
  smtp = await startSmtp();
  api = await testApi({ certificateEmails: { reminderIntervalMs: 0 } });
  base = await api.listen();
});
afterAll(async () => {
  await api.close();
  await smtp.close();
});

interface Answer {
  status: number;
  body: any;
  contentType: string | null;
}

/** One Anrok call, as a billing system sends it. */
async function anrok(key: string, path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${base}/v1/seller/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, contentType: response.headers.get('content-type') };
}

const AUSTIN = { country: 'us', line1: '100 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701' };

/** A seller registered in Texas with Anrok-style products. */
async function seller(): Promise<Client> {
  const s = await api.seller();
  expect((await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01' })).status).toBe(200);
  for (const [externalId, category] of [
    ['sku-pro', 'saas.b2b'],
    ['sku-consulting', 'services.professional'],
  ] as const) {
    expect(await anrok(s.key, 'products/create', { externalId, taxCategoryId: { type: 'standard', id: category }, name: externalId })).toMatchObject({ status: 200, body: {} });
  }
  return s;
}

const invoice = (extra: Record<string, unknown> = {}) => ({
  lineItems: [{ id: 'li_1', productExternalId: 'sku-pro', amount: 10000, quantity: '1', isTaxIncludedInAmount: false }],
  currencyCode: 'usd',
  customerAddress: AUSTIN,
  accountingDate: '2026-11-15',
  ...extra,
});

const TEXAS_SAAS = {
  name: 'Texas',
  taxes: [
    { taxName: 'Texas sales tax', taxableAmount: '8000', taxAmount: '500', taxRate: '0.0625' },
    { taxName: 'Austin sales tax', taxableAmount: '8000', taxAmount: '80', taxRate: '0.01' },
    { taxName: 'Capital Metropolitan Transportation Authority (Capital Metro) sales tax', taxableAmount: '8000', taxAmount: '80', taxRate: '0.01' },
  ],
  notTaxedReason: null,
};

describe('authentication and malformed bodies', () => {
  it('takes a Levy key as Anrok\'s bearer key, and refuses others with a plain message', async () => {
    const s = await seller();
    expect((await anrok(s.key, 'productTaxCategories/list')).status).toBe(200);
    const wrong = await anrok(`${s.key.slice(0, -2)}xx`, 'productTaxCategories/list');
    expect(wrong.status).toBe(401);
    expect(typeof wrong.body).toBe('string');
    expect((await anrok(s.key, 'productTaxCategories/list', {}, { authorization: '' })).status).toBe(401);
  });

  it('answers a body it cannot read with a 400 whose body is one JSON string, as Anrok does', async () => {
    const s = await seller();
    const missing = await anrok(s.key, 'transactions/createEphemeral', { currencyCode: 'USD', customerAddress: AUSTIN, accountingDate: '2026-11-15' });
    expect(missing).toMatchObject({ status: 400, body: 'Request body: "lineItems": Required.' });
    expect(missing.contentType).toMatch(/application\/json/);
    expect((await anrok(s.key, 'transactions/createEphemeral', invoice({ accountingTimeZone: 'America/Chicago' }))).body).toBe(
      'Request body: Cannot specify both accountingDate and accountingTimeZone.',
    );
    expect((await anrok(s.key, 'transactions/createEphemeral', invoice({ accountingDate: undefined }))).body).toBe('Request body: Must specify either accountingDate or accountingTimeZone.');
    const amount = await anrok(s.key, 'transactions/createEphemeral', invoice({ lineItems: [{ productExternalId: 'sku-pro', amount: 100.5 }] }));
    expect(amount.status).toBe(400);
    expect(amount.body).toMatch(/^Request body: "lineItems": "0": "amount": /);
    expect(await anrok(s.key, 'transactions/createEphemeral', '{"lineItems": [')).toMatchObject({ status: 400, body: 'Request body: Invalid JSON.' });
    expect((await anrok(s.key, 'transactions/nothing')).status).toBe(404);
  });
});

describe('transactions/createEphemeral', () => {
  it('answers Anrok\'s shape with Levy\'s figures, to the cent of POST /v1/tax/calculate', async () => {
    const s = await seller();
    const answer = await anrok(s.key, 'transactions/createEphemeral', invoice());
    expect(answer).toMatchObject({
      status: 200,
      body: {
        taxAmountToCollect: 660,
        preTaxAmount: '10000',
        lineItems: [{ id: 'li_1', taxAmountToCollect: 660, preTaxAmount: '10000', jurises: [TEXAS_SAAS] }],
        jurisSummaries: [{ name: 'Texas', notTaxedReasons: null }],
      },
    });
    expect(answer.body.version).toBeUndefined();
    const native = await s.call('POST', '/v1/tax/calculate', {
      date: '2026-11-15',
      currency: 'USD',
      customer: { address: { line1: '100 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' } },
      lines: [{ id: 'li_1', productId: 'sku-pro', amount: 10000 }],
    });
    expect(native.body.tax).toBe(answer.body.taxAmountToCollect);
    // Nothing is stored.
    expect((await s.call('GET', '/v1/transactions')).body.data).toEqual([]);
  });

  it('gives the same tax as the native API for any invoice (property)', async () => {
    const s = await seller();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ product: fc.constantFrom('sku-pro', 'sku-consulting'), amount: fc.integer({ min: 1, max: 10_000_000 }) }), { minLength: 1, maxLength: 5 }),
        async (lines) => {
          const a = await anrok(s.key, 'transactions/createEphemeral', invoice({ lineItems: lines.map((l) => ({ productExternalId: l.product, amount: l.amount })) }));
          const n = await s.call('POST', '/v1/tax/calculate', {
            date: '2026-11-15',
            currency: 'USD',
            customer: { address: { postalCode: '78701', region: 'TX', country: 'US' } },
            lines: lines.map((l, i) => ({ id: `${i + 1}`, productId: l.product, amount: l.amount })),
          });
          expect(a.status).toBe(200);
          expect(a.body.taxAmountToCollect).toBe(n.body.tax);
          expect(a.body.lineItems.map((l: { taxAmountToCollect: number }) => l.taxAmountToCollect)).toEqual(n.body.lines.map((l: { tax: number }) => l.tax));
        },
      ),
      { numRuns: 15 },
    );
  });

  it('takes the legacy US address form, accountingTime with a time zone, and tax-included amounts', async () => {
    const s = await seller();
    const legacy = await anrok(s.key, 'transactions/createEphemeral', invoice({ customerAddress: { country: 'us', line1: '100 Congress Ave', city: 'Austin', state: 'TX', zipCode: '78701' } }));
    expect(legacy.body.taxAmountToCollect).toBe(660);
    const named = await anrok(s.key, 'transactions/createEphemeral', invoice({ customerAddress: { country: 'United States', region: 'Texas', postalCode: '78701' } }));
    expect(named.body.taxAmountToCollect).toBe(660);
    const timed = await anrok(s.key, 'transactions/createEphemeral', invoice({ accountingDate: undefined, accountingTime: '2026-11-16T03:00:00Z', accountingTimeZone: 'America/Chicago' }));
    expect(timed.body.taxAmountToCollect).toBe(660);
    const included = await anrok(s.key, 'transactions/createEphemeral', invoice({ lineItems: [{ id: 'g', productExternalId: 'sku-pro', amount: 10000, isTaxIncludedInAmount: true }] }));
    // The tax is inside the amount: nothing to add to the invoice.
    expect(included.body).toMatchObject({ taxAmountToCollect: 0, preTaxAmount: '9381', lineItems: [{ id: 'g', taxAmountToCollect: 0, preTaxAmount: '9381' }] });
    expect(included.body.lineItems[0].jurises[0].taxes.map((t: { taxAmount: string }) => t.taxAmount)).toEqual(['469', '75', '75']);
  });

  it('says why a juris taxes nothing: productNotTaxed, notCollecting, jurisHasNoTax, exempt (customerExempt, reverseCharge)', async () => {
    const s = await seller();
    const consulting = await anrok(s.key, 'transactions/createEphemeral', invoice({ lineItems: [{ productExternalId: 'sku-consulting', amount: 5000 }] }));
    expect(consulting.body).toMatchObject({
      taxAmountToCollect: 0,
      lineItems: [{ id: null, jurises: [{ name: 'Texas', taxes: null, notTaxedReason: { type: 'productNotTaxed' } }] }],
      jurisSummaries: [{ name: 'Texas', notTaxedReasons: [{ type: 'productNotTaxed' }] }],
    });
    const newYork = await anrok(s.key, 'transactions/createEphemeral', invoice({ customerAddress: { country: 'US', city: 'New York', region: 'NY', postalCode: '10001' } }));
    expect(newYork.body.taxAmountToCollect).toBe(0);
    expect(newYork.body.lineItems[0].jurises[0]).toMatchObject({ name: 'New York', taxes: null, notTaxedReason: { type: 'notCollecting' } });
    const oregon = await anrok(s.key, 'transactions/createEphemeral', invoice({ customerAddress: { country: 'US', region: 'OR', postalCode: '97201' } }));
    expect(oregon.body.lineItems[0].jurises[0]).toMatchObject({ name: 'Oregon', taxes: null, notTaxedReason: { type: 'jurisHasNoTax' } });

    await s.call('PUT', '/v1/customers/cus_school', { name: 'School', exempt: true });
    const exempt = await anrok(s.key, 'transactions/createEphemeral', invoice({ customerId: 'cus_school' }));
    expect(exempt.body).toMatchObject({ taxAmountToCollect: 0, lineItems: [{ jurises: [{ name: 'Texas', taxes: null, notTaxedReason: { type: 'exempt', reason: { type: 'customerExempt' } } }] }] });

    const eu = await api.seller();
    await eu.call('PUT', '/v1/registrations/FR', { effectiveDate: '2020-01-01' });
    await anrok(eu.key, 'products/create', { externalId: 'sku-pro', taxCategoryId: { type: 'standard', id: 'saas.b2b' }, name: 'Pro' });
    const reverse = await anrok(eu.key, 'transactions/createEphemeral', {
      ...invoice({ currencyCode: 'EUR', customerAddress: { country: 'Germany', city: 'Berlin', postalCode: '10115' } }),
      customerTaxIds: [{ type: 'euVrn', value: 'DE136695976' }],
    });
    expect(reverse.body).toMatchObject({ taxAmountToCollect: 0, lineItems: [{ jurises: [{ name: 'Germany', taxes: null, notTaxedReason: { type: 'exempt', reason: { type: 'reverseCharge' } } }] }] });
  });

  it('answers 409 { type } for what it understood but cannot compute', async () => {
    const s = await seller();
    expect(await anrok(s.key, 'transactions/createEphemeral', invoice({ lineItems: [{ productExternalId: 'sku-missing', amount: 100 }] }))).toMatchObject({
      status: 409,
      body: { type: 'productExternalIdUnknown', productExternalId: 'sku-missing' },
    });
    expect(await anrok(s.key, 'transactions/createEphemeral', invoice({ customerAddress: { line1: '1 Nowhere Rd' } }))).toMatchObject({ status: 409, body: { type: 'customerAddressCouldNotResolve' } });
    expect(await anrok(s.key, 'transactions/createEphemeral', invoice({ customerAddress: { country: 'US', postalCode: '1234' } }))).toMatchObject({ status: 409, body: { type: 'customerAddressCouldNotResolve' } });
    expect(await anrok(s.key, 'transactions/createEphemeral', invoice({ currencyCode: 'XYZ' }))).toMatchObject({ status: 409, body: { type: 'currencyCodeNotSupported' } });
    expect(await anrok(s.key, 'transactions/createEphemeral', invoice({ taxDate: '1998-12-31' }))).toMatchObject({ status: 409, body: { type: 'taxDateTooFarInPast' } });
    expect(await anrok(s.key, 'transactions/createEphemeral', invoice({ taxDate: '2099-01-01' }))).toMatchObject({ status: 409, body: { type: 'taxDateTooFarInFuture' } });
    expect(await anrok(s.key, 'transactions/createEphemeral', invoice({ accountingDate: undefined, accountingTime: '2026-11-16T03:00:00Z', accountingTimeZone: 'Mars/Olympus' }))).toMatchObject({
      status: 409,
      body: { type: 'accountingTimeZoneNotSupported' },
    });
    expect(await anrok(s.key, 'transactions/createEphemeral', invoice({ customerId: 'cus_unknown' }))).toMatchObject({ status: 409, body: { type: 'customerIdNotFound' } });
  });
});

describe('transactions/createOrUpdate, void, createNegation', () => {
  it('records the sale committed, versions it on each call, and voids it with the expected version', async () => {
    const s = await seller();
    const id = 'stripe:in_1JSW342eZvKYlo2C';
    const first = await anrok(s.key, 'transactions/createOrUpdate', invoice({ id, customerId: 'stripe:cus_K39', customerName: 'Acme Inc' }));
    expect(first).toMatchObject({ status: 200, body: { version: 1, taxAmountToCollect: 660, lineItems: [{ jurises: [TEXAS_SAAS] }] } });
    const stored = await s.call('GET', `/v1/transactions/${encodeURIComponent(id)}`);
    expect(stored.body).toMatchObject({ status: 'committed', version: 1, tax: 660 });
    expect((await s.call('GET', '/v1/transactions')).body.data).toMatchObject([{ id, customerId: 'stripe:cus_K39' }]);
    expect((await s.call('GET', '/v1/customers/stripe:cus_K39')).body).toMatchObject({ name: 'Acme Inc' });

    const second = await anrok(s.key, 'transactions/createOrUpdate', invoice({ id, lineItems: [{ productExternalId: 'sku-pro', amount: 20000 }] }));
    expect(second.body).toMatchObject({ version: 2, taxAmountToCollect: 1320 });
    expect((await s.call('GET', `/v1/transactions/${encodeURIComponent(id)}`)).body).toMatchObject({ status: 'committed', version: 2, tax: 1320, subtotal: 20000 });

    expect(await anrok(s.key, `transactions/id:${id}/void`, { transactionExpectedVersion: 1 })).toMatchObject({ status: 409, body: { type: 'transactionExpectedVersionMismatch' } });
    expect(await anrok(s.key, `transactions/id:${id}/void`, { transactionExpectedVersion: 2 })).toMatchObject({ status: 200, body: {} });
    expect((await s.call('GET', `/v1/transactions/${encodeURIComponent(id)}`)).body.status).toBe('voided');
    expect(await anrok(s.key, 'transactions/id:stripe:in_none/void', {})).toMatchObject({ status: 409, body: { type: 'transactionIdNotFound' } });
  });

  it('reads ids with encoded characters from the path, and voids with an empty body', async () => {
    const s = await seller();
    const id = 'v1:2706174/a b';
    expect((await anrok(s.key, 'transactions/createOrUpdate', invoice({ id }))).body.version).toBe(1);
    const response = await fetch(`${base}/v1/seller/transactions/id:${encodeURIComponent(id)}/void`, { method: 'POST', headers: { authorization: `Bearer ${s.key}` } });
    expect(response.status).toBe(200);
    expect((await s.call('GET', `/v1/transactions/${encodeURIComponent(id)}`)).body.status).toBe('voided');
  });

  it('replays a createOrUpdate retried with the same Idempotency-Key instead of versioning it again', async () => {
    const s = await seller();
    const headers = { 'idempotency-key': 'orb-retry-1' };
    const a = await anrok(s.key, 'transactions/createOrUpdate', invoice({ id: 'inv_retry' }), headers);
    const b = await anrok(s.key, 'transactions/createOrUpdate', invoice({ id: 'inv_retry' }), headers);
    expect(b.body).toEqual(a.body);
    expect((await s.call('GET', '/v1/transactions/inv_retry')).body.version).toBe(1);
  });

  it('negates a sale with a full refund under the negation\'s id', async () => {
    const s = await seller();
    await anrok(s.key, 'transactions/createOrUpdate', invoice({ id: 'inv_n' }));
    const body = { originalTransactionId: 'inv_n', newTransactionId: 'inv_n:negation', originalTransactionExpectedVersion: 1 };
    expect(await anrok(s.key, 'transactions/createNegation', { ...body, originalTransactionExpectedVersion: 3 })).toMatchObject({ status: 409, body: { type: 'transactionExpectedVersionMismatch' } });
    expect(await anrok(s.key, 'transactions/createNegation', body)).toMatchObject({ status: 200, body: {} });
    const negation = await s.call('GET', '/v1/transactions/inv_n:negation');
    expect(negation.body).toMatchObject({ type: 'refund', originalId: 'inv_n', status: 'committed', tax: -660, subtotal: -10000, date: '2026-11-15' });
    expect(await anrok(s.key, 'transactions/createNegation', body)).toMatchObject({ status: 409, body: { type: 'duplicateTransactionId' } });
    expect(await anrok(s.key, 'transactions/createNegation', { originalTransactionId: 'inv_n:negation', newTransactionId: 'x' })).toMatchObject({ status: 409, body: { type: 'transactionIsAlreadyANegation' } });
    expect(await anrok(s.key, 'transactions/createNegation', { originalTransactionId: 'nope', newTransactionId: 'y' })).toMatchObject({ status: 409, body: { type: 'transactionIdNotFound' } });
    expect(await anrok(s.key, 'transactions/createOrUpdate', invoice({ id: 'inv_n:negation' }))).toMatchObject({ status: 409, body: { type: 'duplicateTransactionId' } });
  });

  it('freezes a transaction of a filed period: no new version, no void, no new sale there; a negation lands in the open period', async () => {
    const s = await seller();
    const august = invoice({ id: 'inv_aug', accountingDate: '2025-08-15' });
    expect((await anrok(s.key, 'transactions/createOrUpdate', august)).body.version).toBe(1);
    expect((await s.call('POST', '/v1/returns/US-TX/2025-Q3/file', { filedAt: '2025-10-20' })).status).toBe(200);
    expect(await anrok(s.key, 'transactions/createOrUpdate', { ...august, lineItems: [{ productExternalId: 'sku-pro', amount: 1 }] })).toMatchObject({ status: 409, body: { type: 'transactionFrozenForFiling' } });
    expect(await anrok(s.key, 'transactions/id:inv_aug/void', {})).toMatchObject({ status: 409, body: { type: 'transactionFrozenForFiling' } });
    expect(await anrok(s.key, 'transactions/createOrUpdate', invoice({ id: 'inv_late', accountingDate: '2025-09-01' }))).toMatchObject({ status: 409, body: { type: 'transactionFrozenForFiling' } });
    expect((await anrok(s.key, 'transactions/createNegation', { originalTransactionId: 'inv_aug', newTransactionId: 'inv_aug:neg' })).status).toBe(200);
    const negation = (await s.call('GET', '/v1/transactions/inv_aug:neg')).body;
    expect(negation).toMatchObject({ type: 'refund', tax: -660 });
    expect(negation.date > '2025-09-30').toBe(true);
  });
});

describe('transactions/list', () => {
  it('pages through transactions by last change, voided ones as type void', async () => {
    const s = await seller();
    for (const id of ['l1', 'l2', 'l3']) await anrok(s.key, 'transactions/createOrUpdate', invoice({ id }));
    await anrok(s.key, 'transactions/id:l1/void', {});
    const first = await anrok(s.key, 'transactions/list', { limit: 2 });
    expect(first.body).toMatchObject({ hasMore: true, transactions: [{ id: 'l2', type: 'normal' }, { id: 'l3', type: 'normal' }] });
    expect(first.body.transactions[0].body).toMatchObject({
      accountingDate: '2026-11-15',
      currencyCode: 'USD',
      inputAmount: '10000',
      preTaxAmount: '10000',
      taxAmountDue: { inclusive: '0', exclusive: '660', total: '660' },
      invoiceTotalAmountExpected: '10660',
      jurisSummaries: [{ id: 'us-TX', name: 'Texas', taxAmountDue: '660' }],
      lineItems: [{ id: 'li_1', product: { externalId: 'sku-pro', productTaxCategory: { type: 'standard', id: 'saas.b2b' } }, quantity: '1', taxAmountDue: '660' }],
    });
    const second = await anrok(s.key, 'transactions/list', { cursor: first.body.nextCursor, limit: 2 });
    expect(second.body).toMatchObject({ hasMore: false, nextCursor: null, transactions: [{ id: 'l1', type: 'void' }] });
    expect(second.body.transactions[0].body).toBeUndefined();
    const after = await anrok(s.key, 'transactions/list', { filter: { type: 'lastModifiedAfter', value: new Date(Date.now() + 60_000).toISOString() } });
    expect(after.body).toEqual({ transactions: [], nextCursor: null, hasMore: false });
    expect((await anrok(s.key, 'transactions/list', { cursor: first.body.nextCursor, filter: { type: 'lastModifiedAfter', value: '2020-01-01T00:00:00Z' } })).status).toBe(400);
    expect(await anrok(s.key, 'transactions/list', { cursor: 'garbage' })).toMatchObject({ status: 409, body: { type: 'invalidCursor' } });
    expect((await anrok(s.key, 'transactions/list', { limit: 21 })).status).toBe(400);
  });
});

describe('products, product tax categories, tax ids', () => {
  it('creates and reads products by external id, with Anrok\'s conflicts', async () => {
    const s = await seller();
    expect(await anrok(s.key, 'products/externalId:sku-pro/get')).toMatchObject({ status: 200, body: { externalId: 'sku-pro', taxCategoryId: { type: 'standard', id: 'saas.b2b' }, name: 'sku-pro', description: '' } });
    expect(await anrok(s.key, 'products/create', { externalId: 'sku-pro', taxCategoryId: { type: 'standard', id: 'saas.b2b' }, name: 'Again' })).toMatchObject({ status: 409, body: { type: 'externalIdAlreadyExists' } });
    expect(await anrok(s.key, 'products/create', { externalId: ' bad  id', taxCategoryId: { type: 'standard', id: 'saas.b2b' }, name: 'Bad' })).toMatchObject({ status: 409, body: { type: 'externalIdInvalid' } });
    expect(await anrok(s.key, 'products/create', { externalId: 'sku-x', taxCategoryId: { type: 'standard', id: 'saasBusinessX' }, name: 'X' })).toMatchObject({ status: 409, body: { type: 'taxCategoryIdNotFound' } });
    expect(await anrok(s.key, 'products/create', { taxCategoryId: { type: 'standard', id: 'saas.b2b' }, name: 'X' })).toMatchObject({ status: 400, body: 'Request body: "externalId": Required.' });
    expect(await anrok(s.key, 'products/externalId:sku-none/get')).toMatchObject({ status: 409, body: { type: 'productExternalIdNotFound' } });
    // A product made through Levy's own API is found by its external id too.
    await s.call('PUT', '/v1/products/levy-pro', { name: 'Levy Pro', taxCategory: 'saas.b2b', externalIds: ['price_123'] });
    expect((await anrok(s.key, 'products/externalId:price_123/get')).body).toMatchObject({ externalId: 'price_123', name: 'Levy Pro' });
    const categories = await anrok(s.key, 'productTaxCategories/list');
    expect(categories.body.productTaxCategories).toContainEqual({ id: { type: 'standard', id: 'saas.b2b' }, name: 'Software as a service (business)' });
  });

  it('validates tax ids for the customer\'s address', async () => {
    const s = await seller();
    const germany = await anrok(s.key, 'taxId/validate', { customerAddress: { country: 'DE', city: 'Berlin' }, customerTaxIds: [{ value: 'DE136695976' }, { value: 'DE000' }] });
    expect(germany.body).toEqual({ jurises: [{ name: 'Germany', taxIdNames: { name: 'VAT identification number', abbreviation: 'VAT' }, validTaxIds: [{ value: 'DE136695976' }] }] });
    const quebec = await anrok(s.key, 'taxId/validate', {
      customerAddress: { country: 'CA', line1: '123 Main St', city: 'Quebec City', region: 'Quebec', postalCode: 'G1P 2J6' },
      customerTaxIds: [{ value: '123456789' }, { value: '1234567890TQ0001' }],
    });
    expect(quebec.body).toEqual({
      jurises: [
        { name: 'Canada (federal)', taxIdNames: { name: 'GST/HST account number', abbreviation: null }, validTaxIds: [{ value: '123456789' }] },
        { name: 'Quebec', taxIdNames: { name: 'QST registration number', abbreviation: null }, validTaxIds: [{ value: '1234567890TQ0001' }] },
      ],
    });
    expect((await anrok(s.key, 'taxId/validate', { customerAddress: AUSTIN, customerTaxIds: [] })).body).toEqual({ jurises: [] });
    expect(await anrok(s.key, 'taxId/validate', { customerAddress: {}, customerTaxIds: [] })).toMatchObject({ status: 409, body: { type: 'customerAddressCouldNotResolve' } });
    expect(await anrok(s.key, 'taxId/validate', { customerAddress: AUSTIN })).toMatchObject({ status: 400, body: 'Request body: "customerTaxIds": Required.' });
  });
});

/** A small PNG's first bytes: the signature is what decides the type. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 0)]).toString('base64');

describe('certificates and certificate requests', () => {
  it('creates, reads, lists and archives certificates; a certificate exempts the customer\'s sales', async () => {
    const s = await seller();
    const create = {
      customerId: 'cus_123',
      customerName: 'Acme Inc',
      effectiveDateBegin: '2022-01-01',
      exemptionNumber: 'cert-100',
      certificateFile: { name: 'cert.png', contentsBase64: PNG },
      jurises: [{ jurisId: 'us-TX', effectiveDateEndi: '2030-12-31' }, { jurisId: 'us-MA' }],
    };
    const created = await anrok(s.key, 'certificates/create', create);
    expect(created.status).toBe(200);
    const id = created.body.id as string;
    const got = await anrok(s.key, `certificates/id:${id}/get`);
    expect(got.body).toMatchObject({
      id,
      status: 'active',
      customerId: 'cus_123',
      customerName: 'Acme Inc',
      effectiveDateBegin: '2022-01-01',
      expiryDate: '2030-12-31',
      exemptionNumber: 'cert-100',
      jurises: [{ jurisId: 'us-TX' }, { jurisId: 'us-MA' }],
    });
    const exempt = await anrok(s.key, 'transactions/createEphemeral', invoice({ customerId: 'cus_123' }));
    expect(exempt.body).toMatchObject({ taxAmountToCollect: 0, lineItems: [{ jurises: [{ notTaxedReason: { type: 'exempt', reason: { type: 'customerExempt' } } }] }] });
    expect((await anrok(s.key, 'certificates/list', { filter: { customerId: 'cus_123' } })).body).toMatchObject({ certificates: [{ id }], hasMore: false, nextCursor: null });
    expect(await anrok(s.key, 'certificates/list', { filter: { customerId: 'cus_none' } })).toMatchObject({ status: 409, body: { type: 'customerIdNotFound' } });
    expect(await anrok(s.key, 'certificates/list', { filter: { status: 'bogus' } })).toMatchObject({ status: 400 });
    expect(await anrok(s.key, `certificates/id:${id}/archive`)).toMatchObject({ status: 200, body: {} });
    expect((await anrok(s.key, `certificates/id:${id}/get`)).body.status).toBe('archived');
    expect((await anrok(s.key, 'transactions/createEphemeral', invoice({ customerId: 'cus_123' }))).body.taxAmountToCollect).toBe(660);
    expect((await anrok(s.key, 'certificates/list', { filter: { status: 'archived' } })).body.certificates.map((c: { id: string }) => c.id)).toEqual([id]);
    expect(await anrok(s.key, 'certificates/id:cert_none/get')).toMatchObject({ status: 409, body: { type: 'certificateIdNotFound' } });
    expect(await anrok(s.key, 'certificates/id:cert_none/archive')).toMatchObject({ status: 409, body: { type: 'certificateIdNotFound' } });
  });

  it('pages certificates with a cursor that keeps the filter', async () => {
    const s = await seller();
    const create = (n: number) => ({ customerId: 'cus_p', customerName: 'P', effectiveDateBegin: '2022-01-01', exemptionNumber: `n${n}`, certificateFile: { name: 'c.png', contentsBase64: PNG }, jurises: [{ jurisId: 'us-TX' }] });
    for (const n of [1, 2, 3]) expect((await anrok(s.key, 'certificates/create', create(n))).status).toBe(200);
    const first = await anrok(s.key, 'certificates/list', { filter: { customerId: 'cus_p' }, limit: 2 });
    expect(first.body).toMatchObject({ hasMore: true });
    expect(first.body.certificates).toHaveLength(2);
    const second = await anrok(s.key, 'certificates/list', { cursor: first.body.nextCursor });
    expect(second.body).toMatchObject({ hasMore: false, nextCursor: null });
    expect(second.body.certificates).toHaveLength(1);
    expect(await anrok(s.key, 'certificates/list', { cursor: 'x!' })).toMatchObject({ status: 409, body: { type: 'invalidCursor' } });
  });

  it('refuses certificates Anrok would refuse', async () => {
    const s = await seller();
    const base = { customerId: 'cus_r', customerName: 'R', effectiveDateBegin: '2022-01-01', certificateFile: { name: 'c.png', contentsBase64: PNG }, jurises: [{ jurisId: 'us-TX' }] };
    expect(await anrok(s.key, 'certificates/create', { ...base, jurises: [{ jurisId: 'us-TX' }, { jurisId: 'us-TX' }] })).toMatchObject({ status: 409, body: { type: 'duplicateJurisIds' } });
    expect(await anrok(s.key, 'certificates/create', { ...base, jurises: [{ jurisId: 'us-ZZ' }] })).toMatchObject({ status: 409, body: { type: 'jurisNotFound' } });
    expect(await anrok(s.key, 'certificates/create', { ...base, certificateFile: { name: 'c.txt', contentsBase64: Buffer.from('hello').toString('base64') } })).toMatchObject({ status: 409, body: { type: 'fileTypeNotSupported' } });
    expect(await anrok(s.key, 'certificates/create', { ...base, customerName: undefined, customerId: 'cus_unknown' })).toMatchObject({ status: 409, body: { type: 'customerIdNotFound' } });
    expect(await anrok(s.key, 'certificates/create', { ...base, certificateFile: undefined })).toMatchObject({ status: 400, body: 'Request body: "certificateFile": Required.' });
  });

  it('creates certificate requests through Levy\'s own, emailing the customer', async () => {
    const s = await seller();
    const body = { customerId: 'v1:1292', customerName: 'Acme Inc', emailAddress: 'contact@acme.test' };
    expect(await anrok(s.key, 'certificateRequests/create', body)).toMatchObject({ status: 409, body: { type: 'featureNotEnabled' } });
    await s.call('PUT', '/v1/alert-channels', { email: { to: ['finance@seller.test'], from: `billing+${s.id}@seller.test`, smtp: { host: '127.0.0.1', port: smtp.port, secure: false } } });
    const created = await anrok(s.key, 'certificateRequests/create', body);
    expect(created).toMatchObject({ status: 200, body: { requestId: expect.any(String), requestLink: null } });
    expect(smtp.received.some((m) => m.to.includes('contact@acme.test'))).toBe(true);
    expect((await s.call('GET', `/v1/certificate-requests/${created.body.requestId}`)).body).toMatchObject({ customerId: 'v1:1292', email: 'contact@acme.test' });
    expect(await anrok(s.key, 'certificateRequests/create', { ...body, emailAddress: 'not an email' })).toMatchObject({ status: 409, body: { type: 'invalidEmailAddress' } });
    expect(await anrok(s.key, 'certificateRequests/create', { customerId: 'cus_nobody', emailAddress: 'a@b.test' })).toMatchObject({ status: 409, body: { type: 'customerIdNotFound' } });
    expect((await anrok(s.key, 'certificateRequests/create', { ...body, sendEmail: false })).status).toBe(400);
  });
});
