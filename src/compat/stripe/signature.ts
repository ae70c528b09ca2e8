/**
 * Stripe's signature on a webhook delivery, checked by the stripe library
 * itself over the exact bytes received (re-serialized JSON would not match):
 * an HMAC-SHA256 of `<t>.<body>` keyed with the endpoint's whole `whsec_`
 * secret, at most five minutes old.
 */
import Stripe from 'stripe';
import { TaxError } from '../../errors/tax-error.js';

/** The part of a Stripe event the connector reads; `data.object` is the invoice or credit note as the endpoint's API version writes it. */
export interface StripeEvent {
  id: string;
  type: string;
  api_version?: string | null;
  data: { object: Record<string, unknown> };
}

export function verifiedEvent(rawBody: Buffer, header: string | string[] | undefined, secret: string): StripeEvent {
  if (typeof header !== 'string' || header === '') {
    throw new TaxError('webhook_signature_invalid', 'the delivery has no Stripe-Signature header', 'Stripe-Signature');
  }
  let event: unknown;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, header, secret);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    throw new TaxError('webhook_signature_invalid', `the Stripe-Signature does not verify with this connector's signing secret: ${reason}`, 'Stripe-Signature');
  }
  const e = event as Partial<StripeEvent>;
  if (typeof e.id !== 'string' || typeof e.type !== 'string' || typeof e.data?.object !== 'object' || e.data.object === null) {
    throw new TaxError('stripe_object_unreadable', 'the delivery is signed but is not a Stripe event (id, type and data.object)', 'data.object');
  }
  return e as StripeEvent;
}
