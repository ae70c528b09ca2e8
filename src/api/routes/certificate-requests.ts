/**
 * Asking customers for certificates by email, and reviewing what they send.
 * A request's answer never holds the link's token: the link is in the email
 * only. The email goes out after the request is committed, outside the
 * database transaction (an SMTP server can take seconds); a retry with the
 * same Idempotency-Key answers the request as it now stands and sends nothing.
 */
import { z } from 'zod';
import { linkState } from '../../certificates/request-token.js';
import { requestEmail } from '../../certificates/emails.js';
import { deliverRequest, openRequest, sellerDisplayName, type EmailChannel } from '../../certificates/requests.js';
import { TaxError } from '../../errors/tax-error.js';
import { getChannels } from '../../store/alerts.repository.js';
import { getRequest, listRequests, type RequestRow } from '../../store/certificate-requests.repository.js';
import { getCertificate, reviewCertificate, type Review } from '../../store/certificates.repository.js';
import { getCustomer, sellerToday } from '../../store/config.repository.js';
import { getSeller } from '../../store/sellers.repository.js';
import { certificate } from '../certificate-schemas.js';
import { certificateRequest, certificateRequestQuery, rejectBody, requestFromCertificateBody, requestFromCustomerBody } from '../certificate-request-schemas.js';
import type { Deps } from '../deps.js';
import { answerOnce } from '../idempotency.js';
import { decodeCursor, limitOf, page } from '../pagination.js';
import { defineRoute, type RouteContext } from '../route.js';
import { listOf } from '../schemas.js';

export interface CertificateMailOptions {
  publicUrl: string;
  timeoutMs?: number | undefined;
}

const validEmail = z.email();

export function requestView(row: RequestRow, now: Date): z.input<typeof certificateRequest> {
  return {
    id: row.id,
    customerId: row.customerId,
    certificateId: row.certificateId,
    email: row.email,
    status: linkState(row, now),
    expiresAt: row.expiresAt.toISOString(),
    usedAt: row.usedAt?.toISOString() ?? null,
    submittedCertificateId: row.submittedCertificateId,
    emailStatus: row.emailStatus,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
  };
}

export function registerCertificateRequests({ app, registry, db, engine }: Deps, mail: CertificateMailOptions): void {
  /** The address the link goes to: the one sent, else the customer's on record. */
  const recipient = (sent: string | undefined, onRecord: string | null, customerId: string): string => {
    if (sent) return sent;
    const email = onRecord?.trim();
    if (!email) throw new TaxError('parameter_missing', `email is required: customer ${customerId} has no email on record (send email, or set it with PUT /v1/customers/${customerId})`, 'email');
    if (!validEmail.safeParse(email).success) throw new TaxError('parameter_invalid', `customer ${customerId}'s email on record, ${email}, is not an email address: send email`, 'email');
    return email;
  };
  const channelOf = async (sellerId: string): Promise<EmailChannel> => {
    const channel = (await getChannels(db, sellerId)).email;
    if (!channel) throw new TaxError('email_not_configured', 'certificate requests are emailed through your SMTP server, and the link is only in the email: set the email channel first with PUT /v1/alert-channels');
    return channel;
  };

  /** Writes the request (once per Idempotency-Key), emails a new one, answers it as it stands. */
  const createRequest = async (
    ctx: RouteContext<unknown, unknown>,
    request: { customerId: string; customerName: string; certificateId: string | null; email: string; channel: EmailChannel },
    prefill: { jurisdictions?: readonly string[] | undefined; renewing?: { number: string | null; expirationDate: string | null } | undefined },
  ) => {
    const { sellerId } = ctx;
    const now = new Date();
    let opened: Awaited<ReturnType<typeof openRequest>> | undefined;
    const answer = await answerOnce(db, ctx.request, sellerId, ctx.body ?? null, async (tx) => {
      opened = await openRequest(tx, { sellerId, customerId: request.customerId, certificateId: request.certificateId, email: request.email }, now);
      return requestView(opened.row, now);
    });
    if (opened && opened.row.id === answer.id) {
      const sellerName = sellerDisplayName((await getSeller(db, sellerId))?.name ?? null, sellerId);
      const sending = { channel: request.channel, publicUrl: mail.publicUrl, timeoutMs: mail.timeoutMs };
      await deliverRequest(db, sending, opened, (link) => requestEmail({ sellerName, customerName: request.customerName, link: link.href, validUntil: link.validUntil, renewing: prefill.renewing }), prefill);
    }
    const row = await getRequest(db, sellerId, answer.id);
    return row ? requestView(row, new Date()) : answer;
  };

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/certificates/:id/request',
    tag: 'Certificate requests',
    summary: 'Email the customer a link to send a new certificate (a renewal of this one)',
    description:
      'The link opens a page where the customer fills in the certificate and uploads the signed document; it works once, for 30 days. ' +
      'What they send becomes a certificate in `pending_review`, which exempts nothing until approved. ' +
      '`email` defaults to the customer\'s email on record. Needs the email channel (PUT /v1/alert-channels). The answer never holds the link.',
    body: requestFromCertificateBody,
    response: certificateRequest,
    status: 201,
    handler: async (ctx) => {
      const { params, body, sellerId } = ctx;
      const renewed = await getCertificate(db, sellerId, params.id!, await sellerToday(db, sellerId));
      if (!renewed) throw new TaxError('resource_not_found', `no certificate ${params.id}`);
      const customer = await getCustomer(db, sellerId, renewed.customerId);
      const email = recipient(body.email, customer?.email ?? null, renewed.customerId);
      const channel = await channelOf(sellerId);
      return createRequest(
        ctx,
        { customerId: renewed.customerId, customerName: customer?.name ?? renewed.customerId, certificateId: renewed.id, email, channel },
        { jurisdictions: renewed.jurisdictions, renewing: { number: renewed.number, expirationDate: renewed.expirationDate } },
      );
    },
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/customers/:id/certificate-requests',
    tag: 'Certificate requests',
    summary: 'Email a customer a link to send an exemption certificate',
    description:
      'As POST /v1/certificates/{id}/request, for a customer with no certificate yet. `jurisdictions` are filled in on the form for the customer, who can change them.',
    body: requestFromCustomerBody,
    response: certificateRequest,
    status: 201,
    handler: async (ctx) => {
      const { params, body, sellerId } = ctx;
      body.jurisdictions?.forEach((id, i) => {
        if (!engine.content.jurisdictions.has(id)) throw new TaxError('jurisdiction_unknown', `${id} is not a jurisdiction Levy knows (US-TX, CA-ON ...)`, `jurisdictions.${i}`);
      });
      const customer = await getCustomer(db, sellerId, params.id!);
      if (!customer) throw new TaxError('resource_not_found', `no customer ${params.id}: create it first with PUT /v1/customers/${params.id}`);
      const email = recipient(body.email, customer.email, customer.id);
      const channel = await channelOf(sellerId);
      return createRequest(ctx, { customerId: customer.id, customerName: customer.name ?? customer.id, certificateId: null, email, channel }, { jurisdictions: body.jurisdictions });
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/certificate-requests',
    tag: 'Certificate requests',
    summary: 'Certificate requests, newest first, with whether their email went out and whether the customer answered',
    query: certificateRequestQuery,
    response: listOf(certificateRequest),
    handler: async ({ query, sellerId }) => {
      const limit = limitOf(query.limit);
      const before = decodeCursor(query.cursor, (v): v is { createdAt: string; id: string } => typeof v === 'object' && v !== null && 'createdAt' in v && 'id' in v);
      const rows = await listRequests(db, sellerId, { customerId: query.customerId }, limit + 1, before);
      const result = page(rows, limit, (last) => ({ createdAt: last.createdAt.toISOString(), id: last.id }));
      const now = new Date();
      return { data: result.data.map((r) => requestView(r, now)), nextCursor: result.nextCursor };
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/certificate-requests/:id',
    tag: 'Certificate requests',
    summary: 'A certificate request',
    response: certificateRequest,
    handler: async ({ params, sellerId }) => {
      const row = await getRequest(db, sellerId, params.id!);
      if (!row) throw new TaxError('resource_not_found', `no certificate request ${params.id}`);
      return requestView(row, new Date());
    },
  });

  const review = async (ctx: RouteContext<unknown, unknown>, decision: Review) => {
    const { params, sellerId } = ctx;
    const today = await sellerToday(db, sellerId);
    return answerOnce(db, ctx.request, sellerId, ctx.body ?? null, async (tx) => {
      const reviewed = await reviewCertificate(tx, sellerId, params.id!, decision, today);
      if (!reviewed) throw new TaxError('resource_not_found', `no certificate ${params.id}`);
      return reviewed;
    });
  };

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/certificates/:id/approve',
    tag: 'Certificates',
    summary: 'Approve a certificate a customer submitted: it becomes active and exempts the sales it covers',
    description: 'Only a certificate in `pending_review` can be approved (409 `certificate_not_pending` otherwise).',
    response: certificate,
    handler: async (ctx) => review(ctx, { decision: 'approve' }),
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/certificates/:id/reject',
    tag: 'Certificates',
    summary: 'Reject a certificate a customer submitted, saying why',
    description: 'Only a certificate in `pending_review` can be rejected (409 `certificate_not_pending` otherwise). The reason is kept as `rejectionReason`.',
    body: rejectBody,
    response: certificate,
    handler: async (ctx) => review(ctx, { decision: 'reject', reason: ctx.body.reason }),
  });
}
