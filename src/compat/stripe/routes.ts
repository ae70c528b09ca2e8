/**
 * The Stripe billing connector: its configuration (Levy API routes, in the
 * OpenAPI document) and the webhook Stripe delivers events to. Stripe sends
 * no API key, so the webhook's URL names the seller and the signature made
 * with the seller's signing secret is the only credential.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../api/deps.js';
import { defineRoute } from '../../api/route.js';
import { deleted } from '../../api/schemas.js';
import { TaxError } from '../../errors/tax-error.js';
import { connectorForDelivery, deleteConnector, getConnector, lastEvent, putConnector } from '../../store/connectors.repository.js';
import { StripeEvents } from './events.js';
import { verifiedEvent } from './signature.js';

const stripeConnectorBody = z.strictObject({
  /** The endpoint's signing secret, from the Stripe dashboard (Developers → Webhooks) or `stripe listen`. */
  webhookSecret: z.string().regex(/^whsec_[A-Za-z0-9+/=_-]{8,200}$/, { error: 'must be the endpoint\'s signing secret, whsec_ followed by its key' }),
});

const stripeConnector = z.object({
  configured: z.boolean(),
  /** The URL to give Stripe as the webhook endpoint. */
  webhookUrl: z.string(),
  /** The event types Levy takes; others are acknowledged and recorded as ignored. */
  events: z.array(z.string()),
  lastEvent: z
    .object({ id: z.string(), type: z.string(), status: z.enum(['processed', 'held', 'ignored']), receivedAt: z.string(), transactionId: z.string().nullable(), attentionId: z.string().nullable() })
    .nullable(),
  updatedAt: z.string().nullable(),
});

export const STRIPE_EVENTS = ['invoice.finalized', 'invoice.paid', 'invoice.voided', 'credit_note.created'];

export function webhookPath(sellerId: string): string {
  return `/v1/connectors/stripe/webhook/${encodeURIComponent(sellerId)}`;
}

export async function registerStripeConnector(deps: Deps, options: { publicUrl: string }): Promise<void> {
  const { app, registry, db } = deps;

  const view = async (sellerId: string) => {
    const [connector, last] = await Promise.all([getConnector(db, sellerId, 'stripe'), lastEvent(db, sellerId, 'stripe')]);
    return {
      configured: connector !== undefined,
      webhookUrl: `${options.publicUrl}${webhookPath(sellerId)}`,
      events: STRIPE_EVENTS,
      lastEvent: last
        ? { id: last.eventId, type: last.type, status: last.status, receivedAt: last.receivedAt.toISOString(), transactionId: last.transactionId, attentionId: last.attentionId }
        : null,
      updatedAt: connector?.updatedAt.toISOString() ?? null,
    };
  };

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/connectors/stripe',
    admin: true,
    tag: 'Connectors',
    summary: 'The Stripe connector: whether it is set up, the webhook URL to give Stripe, the last event received',
    response: stripeConnector,
    handler: async ({ sellerId }) => view(sellerId),
  });

  defineRoute(app, registry, {
    method: 'PUT',
    url: '/v1/connectors/stripe',
    admin: true,
    tag: 'Connectors',
    summary: 'Set up the Stripe connector with the webhook endpoint\'s signing secret',
    description:
      'Create a webhook endpoint in Stripe at the answer\'s `webhookUrl` for the events listed in `events`, and send its signing secret here. ' +
      'The secret is never answered back. Invoices become transactions `stripe:<invoice id>`, credit notes refunds `stripe:<credit note id>`; see docs/compatibility.md.',
    body: stripeConnectorBody,
    response: stripeConnector,
    handler: async ({ body, sellerId }) => {
      await putConnector(db, sellerId, 'stripe', body.webhookSecret);
      return view(sellerId);
    },
  });

  defineRoute(app, registry, {
    method: 'DELETE',
    url: '/v1/connectors/stripe',
    admin: true,
    tag: 'Connectors',
    summary: 'Remove the Stripe connector: its webhook is refused from then on (the ledger and the events received stay)',
    response: deleted,
    handler: async ({ sellerId }) => {
      if (!(await deleteConnector(db, sellerId, 'stripe'))) throw new TaxError('resource_not_found', 'no Stripe connector is set up');
      return { id: 'stripe', deleted: true as const };
    },
  });

  const events = new StripeEvents(deps);
  await app.register(async (scope: FastifyInstance) => {
    // Stripe signs the exact bytes it sends: the body is kept raw, whatever its media type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post('/v1/connectors/stripe/webhook/:sellerId', { config: { auth: false } }, async (request, reply) => {
      reply.header('request-id', request.id);
      const { sellerId } = request.params as { sellerId: string };
      // An unknown seller and a seller without the connector are answered alike.
      const connector = await connectorForDelivery(db, sellerId, 'stripe');
      if (!connector) throw new TaxError('resource_not_found', 'no Stripe connector at this URL');
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const event = verifiedEvent(body, request.headers['stripe-signature'], connector.secret);
      const taken = await events.take(sellerId, connector.configVersion, event);
      return { received: true, ...taken };
    });
  });
}
