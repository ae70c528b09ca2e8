/**
 * The Stripe connector as Stripe meets it: events signed with the stripe
 * library's own test helper, posted over real HTTP to the running server,
 * and what the ledger then holds, to the cent, against the API's own
 * answers for the same invoice.
 */
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type Client, type TestApi } from '../helpers/api.js';

const PUBLIC_URL = 'https://levy.example.com/tax';
const SECRET = 'whsec_test_levy_connector_0123456789';

let api: TestApi;
let base: string;
let s: Client;

beforeAll(async () => {
  api = await testApi({ publicUrl: PUBLIC_URL });
  base = await api.listen();
  s = await api.seller();
  expect((await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01' })).status).toBe(200);
  expect((await s.call('PUT', '/v1/products/pro', { name: 'Pro plan', taxCategory: 'saas.b2b', externalIds: ['prod_pro'] })).status).toBe(200);
  expect((await s.call('PUT', '/v1/connectors/stripe', { webhookSecret: SECRET })).status).toBe(200);
});
afterAll(async () => {
  await api.close();
});

let sequence = 0;

/** An invoice as Stripe's current API version writes it (lines priced through `pricing.price_details`). */
function invoice(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    object: 'invoice',
    currency: 'usd',
    customer: 'cus_acme',
    customer_name: 'Acme Inc.',
    customer_email: 'billing@acme.test',
    customer_address: { line1: '1 Main St', line2: null, city: 'Dallas', state: 'TX', postal_code: '75201', country: 'US' },
    customer_shipping: { name: 'Acme Austin', phone: null, address: { line1: '500 Congress Ave', line2: null, city: 'Austin', state: 'TX', postal_code: '78701', country: 'US' } },
    customer_tax_ids: [{ type: 'us_ein', value: '12-3456789' }],
    customer_tax_exempt: 'none',
    status: 'open',
    created: 1773158400, // 2026-03-10T16:00:00Z
    status_transitions: { finalized_at: 1773162000, paid_at: null, voided_at: null, marked_uncollectible_at: null },
    lines: {
      object: 'list',
      has_more: false,
      data: [
        { id: 'il_1', object: 'line_item', amount: 10000, currency: 'usd', quantity: 2, description: 'Pro plan × 2', discount_amounts: [], pricing: { type: 'price_details', price_details: { price: 'price_pro', product: 'prod_pro' } }, taxes: [] },
        { id: 'il_2', object: 'line_item', amount: 5000, currency: 'usd', quantity: 1, description: 'Pro seats', discount_amounts: [{ amount: 1000, discount: 'di_1' }], pricing: { type: 'price_details', price_details: { price: 'price_seat', product: 'prod_pro' } }, taxes: [] },
      ],
    },
    ...overrides,
  };
}

function creditNote(id: string, invoiceId: string, lines: Array<{ invoiceLine: string | null; amount: number }>) {
  return {
    id,
    object: 'credit_note',
    invoice: invoiceId,
    currency: 'usd',
    created: 1773504000, // 2026-03-14T16:00:00Z
    effective_at: 1773504000,
    status: 'issued',
    type: 'post_payment',
    lines: {
      object: 'list',
      has_more: false,
      data: lines.map((l, i) => ({ id: `cnli_${i}`, object: 'credit_note_line_item', type: l.invoiceLine ? 'invoice_line_item' : 'custom_line_item', invoice_line_item: l.invoiceLine, amount: l.amount, discount_amount: 0 })),
    },
  };
}

function event(type: string, object: Record<string, unknown>, id = `evt_${++sequence}`) {
  return { id, object: 'event', api_version: '2026-10-28.endive', created: 1773162000, type, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object } };
}

async function deliver(body: unknown, options: { sellerId?: string; secret?: string; signature?: string | null } = {}) {
  const payload = JSON.stringify(body, null, 2);
  const signature = options.signature === undefined ? Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? SECRET }) : options.signature;
  const response = await fetch(`${base}/v1/connectors/stripe/webhook/${encodeURIComponent(options.sellerId ?? s.id)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...(signature === null ? {} : { 'stripe-signature': signature }) },
    body: payload,
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** The invoice as POST /v1/transactions takes it: what the connector must have recorded. */
function apiBody(id: string) {
  return {
    id,
    timestamp: '2026-03-10T17:00:00Z',
    currency: 'USD',
    customer: {
      id: 'cus_acme',
      name: 'Acme Inc.',
      email: 'billing@acme.test',
      taxIds: [{ type: 'us_ein', value: '12-3456789' }],
      address: { line1: '500 Congress Ave', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
    },
    lines: [
      { id: 'il_1', productId: 'prod_pro', amount: 10000, quantity: 2, description: 'Pro plan × 2' },
      { id: 'il_2', productId: 'prod_pro', amount: 4000, quantity: 1, description: 'Pro seats' },
    ],
  };
}

describe('configuration', () => {
  it('answers the webhook URL on the public URL, takes a signing secret and never shows it again', async () => {
    const other = await api.seller();
    const before = await other.call('GET', '/v1/connectors/stripe');
    expect(before.status).toBe(200);
    expect(before.body).toEqual({
      configured: false,
      webhookUrl: `${PUBLIC_URL}/v1/connectors/stripe/webhook/${encodeURIComponent(other.id)}`,
      events: ['invoice.finalized', 'invoice.paid', 'invoice.voided', 'credit_note.created'],
      lastEvent: null,
      updatedAt: null,
    });

    const bad = await other.call('PUT', '/v1/connectors/stripe', { webhookSecret: 'sk_live_oops' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'parameter_invalid', param: 'webhookSecret' });

    const put = await other.call('PUT', '/v1/connectors/stripe', { webhookSecret: 'whsec_another_secret_value' });
    expect(put.status).toBe(200);
    expect(put.body.configured).toBe(true);
    expect(JSON.stringify(put.body)).not.toContain('whsec_');
    expect(JSON.stringify((await other.call('GET', '/v1/connectors/stripe')).body)).not.toContain('whsec_');

    const removed = await other.call('DELETE', '/v1/connectors/stripe');
    expect(removed).toMatchObject({ status: 200, body: { id: 'stripe', deleted: true } });
    expect((await other.call('GET', '/v1/connectors/stripe')).body.configured).toBe(false);
    expect((await other.call('DELETE', '/v1/connectors/stripe')).status).toBe(404);
    // Removed: its deliveries are refused like an unknown seller's.
    const after = await deliver(event('invoice.finalized', invoice('in_removed')), { sellerId: other.id, secret: 'whsec_another_secret_value' });
    expect(after.status).toBe(404);
  });

  it('lists the configuration routes in the OpenAPI document, and not the webhook', async () => {
    const doc = JSON.parse((await api.app.inject({ method: 'GET', url: '/openapi.json' })).body);
    expect(Object.keys(doc.paths['/v1/connectors/stripe'])).toEqual(expect.arrayContaining(['get', 'put', 'delete']));
    expect(Object.keys(doc.paths).some((p) => p.includes('webhook'))).toBe(false);
  });
});

describe('deliveries refused', () => {
  it('answers 400 to a missing or wrong signature and writes nothing', async () => {
    const body = event('invoice.finalized', invoice('in_forged'));
    const wrong = await deliver(body, { secret: 'whsec_not_the_right_one_000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'webhook_signature_invalid', param: 'Stripe-Signature' });
    expect((await deliver(body, { signature: null })).status).toBe(400);
    const stale = Stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(body, null, 2), secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect((await deliver(body, { signature: stale })).status).toBe(400);
    // Signed over other bytes than those sent (re-serialized JSON): refused.
    const resigned = Stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(body), secret: SECRET });
    expect((await deliver(body, { signature: resigned })).status).toBe(400);

    expect((await s.call('GET', '/v1/transactions/stripe:in_forged')).status).toBe(404);
    // The event was never recorded: the same event, properly signed, is then taken.
    expect((await deliver(body)).body).toMatchObject({ status: 'processed', duplicate: false });
  });

  it('answers an unknown seller and a seller without the connector alike', async () => {
    const unconfigured = await api.seller();
    const a = await deliver(event('invoice.finalized', invoice('in_x')), { sellerId: 'no-such-seller' });
    const b = await deliver(event('invoice.finalized', invoice('in_x')), { sellerId: unconfigured.id });
    expect(a.status).toBe(404);
    expect(b.status).toBe(404);
    expect(a.body.error).toEqual(b.body.error);
  });
});

describe('an invoice through its life', () => {
  it('is recorded uncommitted when finalized, with the tax POST /v1/tax/calculate answers to the cent', async () => {
    const taken = await deliver(event('invoice.finalized', invoice('in_life'), 'evt_life_finalized'));
    expect(taken).toMatchObject({ status: 200, body: { received: true, status: 'processed', duplicate: false, transactionId: 'stripe:in_life' } });

    const recorded = await s.call('GET', '/v1/transactions/stripe:in_life');
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ status: 'uncommitted', date: '2026-03-10', currency: 'USD', subtotal: 14000 });
    const { id: _id, ...quote } = apiBody('quote');
    const calculated = await s.call('POST', '/v1/tax/calculate', quote);
    expect(calculated.status).toBe(200);
    expect(calculated.body.tax).toBeGreaterThan(0);
    expect(recorded.body.tax).toBe(calculated.body.tax);
    expect(recorded.body.total).toBe(calculated.body.total);
    expect(recorded.body.lines.map((l: { id: string; tax: number }) => [l.id, l.tax])).toEqual(calculated.body.lines.map((l: { id: string; tax: number }) => [l.id, l.tax]));

    const config = await s.call('GET', '/v1/connectors/stripe');
    expect(config.body.lastEvent).toMatchObject({ id: 'evt_life_finalized', type: 'invoice.finalized', status: 'processed', transactionId: 'stripe:in_life' });
  });

  it('takes a redelivered event once: answered again, nothing written', async () => {
    const again = await deliver(event('invoice.finalized', invoice('in_life'), 'evt_life_finalized'));
    expect(again).toMatchObject({ status: 200, body: { status: 'processed', duplicate: true, transactionId: 'stripe:in_life' } });
    expect((await s.call('GET', '/v1/transactions/stripe:in_life')).body.versions).toHaveLength(1);
  });

  it('is committed when paid, and a credit note refunds it as the API refunds the same sale', async () => {
    const paid = await deliver(event('invoice.paid', invoice('in_life', { status: 'paid' })));
    expect(paid.body).toMatchObject({ status: 'processed', transactionId: 'stripe:in_life' });
    expect((await s.call('GET', '/v1/transactions/stripe:in_life')).body.status).toBe('committed');

    const note = await deliver(event('credit_note.created', creditNote('cn_life', 'in_life', [{ invoiceLine: 'il_1', amount: 2500 }])));
    expect(note.body).toMatchObject({ status: 'processed', transactionId: 'stripe:cn_life' });
    const refund = (await s.call('GET', '/v1/transactions/stripe:cn_life')).body;
    expect(refund).toMatchObject({ type: 'refund', originalId: 'stripe:in_life', status: 'committed', date: '2026-03-14' });

    // The same sale and refund through the API itself.
    expect((await s.call('POST', '/v1/transactions', { ...apiBody('api-life'), commit: true })).status).toBe(200);
    const apiRefund = await s.call('POST', '/v1/transactions/api-life/refunds', { id: 'api-life-r', date: '2026-03-14', lines: [{ id: 'il_1', amount: 2500 }] });
    expect(apiRefund.status).toBe(200);
    expect(refund.tax).toBe(apiRefund.body.tax);
    expect(refund.subtotal).toBe(apiRefund.body.subtotal);
    expect(refund.tax).toBeLessThan(0);

    // A credit note of the whole invoice (no lines) refunds the remainder.
    const rest = await deliver(event('credit_note.created', { ...creditNote('cn_rest', 'in_life', []) }));
    expect(rest.body.status).toBe('processed');
    const sale = (await s.call('GET', '/v1/transactions/stripe:in_life')).body;
    const restRefund = (await s.call('GET', '/v1/transactions/stripe:cn_rest')).body;
    expect(refund.total + restRefund.total).toBe(-sale.total);
  });

  it('voids a voided invoice', async () => {
    await deliver(event('invoice.finalized', invoice('in_void')));
    const voided = await deliver(event('invoice.voided', invoice('in_void', { status: 'void' })));
    expect(voided.body).toMatchObject({ status: 'processed', transactionId: 'stripe:in_void' });
    expect((await s.call('GET', '/v1/transactions/stripe:in_void')).body.status).toBe('voided');
    // Voided again (another event): nothing to do.
    expect((await deliver(event('invoice.voided', invoice('in_void', { status: 'void' })))).body.status).toBe('ignored');
  });

  it('records and commits a paid invoice whose finalization never arrived', async () => {
    const paid = await deliver(event('invoice.paid', invoice('in_paid_only', { status: 'paid' })));
    expect(paid.body).toMatchObject({ status: 'processed', transactionId: 'stripe:in_paid_only' });
    const row = (await s.call('GET', '/v1/transactions/stripe:in_paid_only')).body;
    expect(row.status).toBe('committed');
    expect(row.versions).toHaveLength(1);
    // A late finalization leaves the committed sale as it is.
    expect((await deliver(event('invoice.finalized', invoice('in_paid_only')))).body.status).toBe('ignored');
  });

  it('reads invoices of API versions before 2025-03-31.basil (line.price.product)', async () => {
    const old = invoice('in_old');
    old.lines.data = old.lines.data.map(({ pricing: _pricing, ...line }) => ({ ...line, price: { id: 'price_pro', product: 'prod_pro', tax_behavior: 'exclusive' } })) as never;
    const taken = await deliver({ ...event('invoice.finalized', old), api_version: '2024-06-20' });
    expect(taken.body.status).toBe('processed');
    expect((await s.call('GET', '/v1/transactions/stripe:in_old')).body.tax).toBe((await s.call('GET', '/v1/transactions/stripe:in_life')).body.tax);
  });

  it('acknowledges events it does not take, recorded as ignored', async () => {
    const other = await deliver(event('customer.created', { id: 'cus_new', object: 'customer' }));
    expect(other).toMatchObject({ status: 200, body: { status: 'ignored', duplicate: false, transactionId: null } });
    expect((await deliver(event('constructor', { id: 'x' }))).body.status).toBe('ignored');
  });
});

describe('an event Levy cannot take', () => {
  it('is held for attention (answered 200), then reposted once the product is mapped', async () => {
    const unknown = invoice('in_new_product');
    unknown.lines.data[1]!.pricing.price_details.product = 'prod_new';
    const held = await deliver(event('invoice.finalized', unknown));
    expect(held).toMatchObject({ status: 200, body: { status: 'held', transactionId: null } });
    expect(held.body.attentionId).toEqual(expect.any(String));
    expect((await s.call('GET', '/v1/transactions/stripe:in_new_product')).status).toBe(404);

    const items = (await s.call('GET', '/v1/attention?source=connector')).body.data;
    const item = items.find((i: { reference: string }) => i.reference === 'stripe:in_new_product');
    expect(item).toMatchObject({ id: held.body.attentionId, sourceId: 'stripe', type: 'sale', code: 'product_unknown', field: 'lines.1.productId', status: 'open' });

    expect((await s.call('PUT', '/v1/products/new', { taxCategory: 'saas.b2b', externalIds: ['prod_new'] })).status).toBe(200);
    const reposted = await s.call('POST', `/v1/attention/${item.id}/repost`);
    expect(reposted.status).toBe(200);
    const row = (await s.call('GET', '/v1/transactions/stripe:in_new_product')).body;
    expect(row).toMatchObject({ status: 'uncommitted', subtotal: 14000 });
    expect(row.tax).toBe((await s.call('GET', '/v1/transactions/stripe:in_life')).body.tax);

    // The invoice's next event finds it in the ledger.
    expect((await deliver(event('invoice.paid', unknown))).body.status).toBe('processed');
    expect((await s.call('GET', '/v1/transactions/stripe:in_new_product')).body.status).toBe('committed');
  });

  it('holds a credit note on an invoice never recorded, and one with a line of its own', async () => {
    const orphan = await deliver(event('credit_note.created', creditNote('cn_orphan', 'in_never', [{ invoiceLine: 'il_1', amount: 100 }])));
    expect(orphan.body.status).toBe('held');
    const custom = await deliver(event('credit_note.created', creditNote('cn_custom', 'in_life', [{ invoiceLine: null, amount: 100 }])));
    expect(custom.body.status).toBe('held');
    const items = (await s.call('GET', '/v1/attention?source=connector')).body.data as Array<Record<string, any>>;
    expect(items.find((i) => i.reference === 'stripe:cn_orphan')).toMatchObject({ type: 'refund', code: 'resource_not_found', request: { originalId: 'stripe:in_never' } });
    expect(items.find((i) => i.reference === 'stripe:cn_custom')).toMatchObject({ type: 'refund', code: 'stripe_object_unreadable', request: { originalId: 'stripe:in_life', id: 'stripe:cn_custom' } });
  });

  it('holds the payment of an invoice dated in a filed period (period_filed)', async () => {
    const filer = await api.seller();
    expect((await filer.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01', filingFrequency: 'monthly' })).status).toBe(200);
    expect((await filer.call('PUT', '/v1/connectors/stripe', { webhookSecret: SECRET })).status).toBe(200);
    expect((await filer.call('PUT', '/v1/products/pro', { taxCategory: 'saas.b2b', externalIds: ['prod_pro'] })).status).toBe(200);
    const january = invoice('in_january', { created: 1768579200, status_transitions: { finalized_at: 1768579200 } }); // 2026-01-16T16:00:00Z
    expect((await deliver(event('invoice.finalized', january), { sellerId: filer.id })).body.status).toBe('processed');
    expect((await filer.call('POST', '/v1/returns/US-TX/2026-01/file', { filedAt: '2026-02-20' })).status).toBe(200);
    const paid = await deliver(event('invoice.paid', { ...january, status: 'paid' }), { sellerId: filer.id });
    expect(paid).toMatchObject({ status: 200, body: { status: 'held' } });
    expect((await filer.call('GET', `/v1/attention/${paid.body.attentionId}`)).body).toMatchObject({ code: 'period_filed', reference: 'stripe:in_january', request: { commit: true } });
    expect((await filer.call('GET', '/v1/transactions/stripe:in_january')).body.status).toBe('uncommitted');
  });

  it('voids a committed invoice of a filed period as the API does: a full refund in the open period', async () => {
    const filer = await api.seller();
    await filer.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01', filingFrequency: 'monthly' });
    await filer.call('PUT', '/v1/connectors/stripe', { webhookSecret: SECRET });
    await filer.call('PUT', '/v1/products/pro', { taxCategory: 'saas.b2b', externalIds: ['prod_pro'] });
    const january = invoice('in_jan_void', { created: 1768579200, status_transitions: { finalized_at: 1768579200 }, status: 'paid' });
    expect((await deliver(event('invoice.paid', january), { sellerId: filer.id })).body.status).toBe('processed');
    expect((await filer.call('POST', '/v1/returns/US-TX/2026-01/file', { filedAt: '2026-02-20' })).status).toBe(200);
    const voided = await deliver(event('invoice.voided', { ...january, status: 'void' }), { sellerId: filer.id });
    expect(voided.body).toMatchObject({ status: 'processed', transactionId: 'void-stripe:in_jan_void' });
    const sale = (await filer.call('GET', '/v1/transactions/stripe:in_jan_void')).body;
    expect(sale.status).toBe('committed');
    const refund = (await filer.call('GET', '/v1/transactions/void-stripe:in_jan_void')).body;
    expect(refund).toMatchObject({ type: 'refund', originalId: 'stripe:in_jan_void', total: -sale.total });
  });

  it('dismisses a held invoice voided before it was recorded', async () => {
    const unknown = invoice('in_held_void');
    unknown.lines.data[0]!.pricing.price_details.product = 'prod_never_mapped';
    const held = await deliver(event('invoice.finalized', unknown));
    expect(held.body.status).toBe('held');
    const voided = await deliver(event('invoice.voided', { ...unknown, status: 'void' }));
    expect(voided.body).toMatchObject({ status: 'processed', attentionId: held.body.attentionId });
    expect((await s.call('GET', `/v1/attention/${held.body.attentionId}`)).body.status).toBe('dismissed');
  });
});
