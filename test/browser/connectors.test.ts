/**
 * The Stripe connector on Data sources, in Chromium against a real server:
 * an admin connects it with the endpoint's signing secret (never shown
 * back), Stripe's signed event lands in the ledger and the screen says
 * where; a bad secret is refused beside its field; disconnecting asks first;
 * a member is told an admin does this.
 */
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SELLER, goTo, SHOTS, signIn, startDashboard, type Dashboard } from './harness.js';

const SECRET = 'whsec_browser_test_0123456789abcdef';
let dashboard: Dashboard;

beforeAll(async () => {
  dashboard = await startDashboard();
});
afterAll(async () => dashboard?.close());

/** A finalized invoice as Stripe sends it, signed with the endpoint's secret. */
async function deliverFinalized(invoiceId: string, product: string) {
  const invoice = {
    id: invoiceId,
    object: 'invoice',
    currency: 'usd',
    customer: 'cus_stripe_browser',
    customer_address: { line1: '500 Congress Ave', line2: null, city: 'Austin', state: 'TX', postal_code: '78701', country: 'US' },
    customer_shipping: null,
    customer_tax_ids: [],
    customer_tax_exempt: 'none',
    status: 'open',
    created: Math.floor(Date.now() / 1000) - 60,
    status_transitions: { finalized_at: Math.floor(Date.now() / 1000) - 30, paid_at: null, voided_at: null, marked_uncollectible_at: null },
    lines: {
      object: 'list',
      has_more: false,
      data: [{ id: 'il_1', object: 'line_item', amount: 4900, currency: 'usd', quantity: 1, description: 'Pro plan', discount_amounts: [], pricing: { type: 'price_details', price_details: { price: `price_${invoiceId}`, product } }, taxes: [] }],
    },
  };
  const payload = JSON.stringify({ id: `evt_${invoiceId}`, object: 'event', api_version: '2026-10-28.endive', created: Math.floor(Date.now() / 1000), type: 'invoice.finalized', livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, data: { object: invoice } });
  const response = await fetch(`${dashboard.base}/v1/connectors/stripe/webhook/${DEMO_SELLER}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }) },
    body: payload,
  });
  return response.status;
}

describe('the Stripe connector', () => {
  it('is connected with its signing secret, shows the last event and where it went, and is disconnected after a confirmation', async () => {
    const { page, errors, close } = await dashboard.signedIn(1440);
    await goTo(page, 'Data sources');
    const card = page.getByRole('region', { name: 'Stripe' });
    await card.getByText('Not set up').waitFor();
    const webhookUrl = (await dashboard.get<{ webhookUrl: string }>('/v1/connectors/stripe')).webhookUrl;
    expect(await card.getByLabel('Webhook endpoint URL').inputValue()).toBe(webhookUrl);
    expect(webhookUrl).toContain(`/v1/connectors/stripe/webhook/${DEMO_SELLER}`);

    // A value that is not a signing secret is refused beside the field.
    await card.getByLabel('Signing secret').fill('sk_live_not_a_webhook_secret');
    await card.getByRole('button', { name: 'Connect Stripe' }).click();
    await expect.poll(() => card.getByLabel('Signing secret').getAttribute('aria-invalid')).toBe('true');
    expect((await dashboard.get<{ configured: boolean }>('/v1/connectors/stripe')).configured).toBe(false);

    await card.getByLabel('Signing secret').fill(SECRET);
    await card.getByRole('button', { name: 'Connect Stripe' }).click();
    await card.getByText('Connected').waitFor();
    expect((await dashboard.get<{ configured: boolean }>('/v1/connectors/stripe')).configured).toBe(true);
    expect(await card.getByLabel('Replace the signing secret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(SECRET);

    // Stripe's event for a Stripe product Levy does not know is held, and the screen says where.
    expect(await deliverFinalized('in_browser_0', 'prod_unmapped')).toBe(200);
    await page.reload();
    await card.getByRole('link', { name: 'Needs attention' }).waitFor();
    expect(await card.getByRole('link', { name: 'Needs attention' }).getAttribute('href')).toBe('/attention?source=connector&sourceId=stripe');
    expect((await dashboard.get<{ data: Array<{ reference: string }> }>('/v1/attention?source=connector&sourceId=stripe')).data.map((a) => a.reference)).toEqual(['stripe:in_browser_0']);

    // One for a product Levy has is recorded; the screen links to the transaction.
    expect(await deliverFinalized('in_browser_1', 'pro-plan')).toBe(200);
    expect((await dashboard.get<{ status: string }>('/v1/transactions/stripe:in_browser_1')).status).toBe('uncommitted');
    await page.reload();
    await card.getByRole('link', { name: 'stripe:in_browser_1' }).waitFor();
    expect(await card.locator('[data-last-event]').textContent()).toContain('invoice.finalized');
    await page.screenshot({ path: `${SHOTS}/stripe-connected-1440.png`, fullPage: true });

    await card.getByRole('button', { name: 'Disconnect' }).click();
    const confirm = page.getByRole('dialog', { name: 'Disconnect Stripe?' });
    await confirm.getByRole('button', { name: 'Disconnect' }).click();
    await card.getByText('Not set up').waitFor();
    expect((await dashboard.get<{ configured: boolean }>('/v1/connectors/stripe')).configured).toBe(false);
    expect(await deliverFinalized('in_browser_2', 'pro-plan')).not.toBe(200);
    expect(errors).toEqual([]);
    await close();
  });

  it('tells a member that an admin sets connectors up', async () => {
    const email = `member.${Date.now()}@example.com`;
    const created = await dashboard.send<{ setPasswordUrl: string }>('POST', '/v1/users', { email, role: 'member' });
    const token = new URL(created.body.setPasswordUrl).searchParams.get('token');
    const password = 'a member password of length';
    expect((await fetch(`${dashboard.base}/v1/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password }) })).status).toBe(200);
    const { page, errors, close } = await dashboard.open(390);
    await page.goto(`${dashboard.base}/data-sources`);
    await signIn(page, email, password);
    const card = page.getByRole('region', { name: 'Stripe' });
    await card.getByText('An admin sets up billing connectors.').waitFor();
    expect(await card.getByLabel('Signing secret').count()).toBe(0);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/data-sources-member-390.png`, fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });
});
