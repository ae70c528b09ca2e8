/**
 * Asking customers for certificates by email, and reviewing what they send.
 * A request's answer never holds the link's token: the link is in the email
 * only. The email goes out after the request is committed, outside the
 * database transaction (an SMTP server can take seconds); a retry with the
 * same Idempotency-Key answers the request as it now stands and sends nothing.
 * An email that fails, or that a dying process never sent, is sent again by
 * the hourly pass (certificates/redelivery.ts). Rejecting a submission asks
 * the customer again, the same way.
 */
import { z } from 'zod';
import { linkState } from '../../certificates/request-token.js';
import { deliverRequest, openRequest, requestMessage, sellerDisplayName, type EmailChannel, type OpenedRequest, type RequestMessageFacts } from '../../certificates/requests.js';
import { TaxError } from '../../errors/tax-error.js';
import { getChannels } from '../../store/alerts.repository.js';
import type { CertificateStatus } from '../../certificates/status.js';
import { getRequest, listRequests, type ReplacedCertificate, type RequestRow } from '../../store/certificate-requests.repository.js';
import { getCertificate, reviewCertificate, type Review } from '../../store/certificates.repository.js';
import { getCustomer, sellerToday } from '../../store/config.repository.js';
import type { Db } from '../../store/open.js';
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

/** The review state behind a certificate's status (what a request's email says of the certificate it replaces). */
const reviewOf = (status: CertificateStatus): ReplacedCertificate['review'] => (status === 'rejected' || status === 'pending_review' ? status : 'active');

export function requestView(row: RequestRow, now: Date): z.input<typeof certificateRequest> {
  return {
    id: row.id,
    customerId: row.customerId,
    certificateId: row.certificateId,
    email: row.email,
    jurisdictions: row.jurisdictions,
    status: linkState(row, now),
    expiresAt: row.expiresAt.toISOString(),
    usedAt: row.usedAt?.toISOString() ?? null,
    submittedCertificateId: row.submittedCertificateId,
    emailStatus: row.emailStatus,
    lastError: row.lastError,
    reviewEmailStatus: row.reviewEmailStatus,
    reviewLastError: row.reviewLastError,
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

  const sellerName = async (sellerId: string) => sellerDisplayName((await getSeller(db, sellerId))?.name ?? null, sellerId);
  /** Emails a request just committed, in the words its facts call for. */
  const send = async (channel: EmailChannel, opened: OpenedRequest, facts: Omit<RequestMessageFacts, 'sellerName'>) => {
    const names = { ...facts, sellerName: await sellerName(opened.row.sellerId) };
    await deliverRequest(db, { channel, publicUrl: mail.publicUrl, timeoutMs: mail.timeoutMs }, opened, (link) => requestMessage(names, link));
  };

  /** Writes the request (once per Idempotency-Key), emails a new one, answers it as it stands. */
  const createRequest = async (
    ctx: RouteContext<unknown, unknown>,
    request: { customerId: string; customerName: string; certificateId: string | null; email: string; jurisdictions: string[] | null; channel: EmailChannel },
    replaces: RequestMessageFacts['replaces'],
  ) => {
    const { sellerId } = ctx;
    const now = new Date();
    let opened: OpenedRequest | undefined;
    const answer = await answerOnce(db, ctx.request, sellerId, ctx.body ?? null, async (tx) => {
      opened = await openRequest(tx, { sellerId, customerId: request.customerId, certificateId: request.certificateId, email: request.email, jurisdictions: request.jurisdictions }, now);
      return requestView(opened.row, now);
    });
    if (opened && opened.row.id === answer.id) await send(request.channel, opened, { customerName: request.customerName, replaces });
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
        { customerId: renewed.customerId, customerName: customer?.name ?? renewed.customerId, certificateId: renewed.id, email, jurisdictions: renewed.jurisdictions, channel },
        { jurisdictions: renewed.jurisdictions, number: renewed.number, expirationDate: renewed.expirationDate, review: reviewOf(renewed.status), rejectionReason: renewed.rejectionReason },
      );
    },
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/customers/:id/certificate-requests',
    tag: 'Certificate requests',
    summary: 'Email a customer a link to send an exemption certificate',
    description:
      'As POST /v1/certificates/{id}/request, for a customer with no certificate yet. `jurisdictions` are kept on the request and filled in on the form for the customer, who can change them.',
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
      return createRequest(ctx, { customerId: customer.id, customerName: customer.name ?? customer.id, certificateId: null, email, jurisdictions: body.jurisdictions ?? null, channel }, null);
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

  /**
   * Decides a submission. A rejection of one that came through a request
   * opens a new request for the same customer, email and jurisdictions in
   * the same transaction, and emails it with the reason once committed.
   */
  const review = async (ctx: RouteContext<unknown, unknown>, decision: Review) => {
    const { params, sellerId } = ctx;
    const today = await sellerToday(db, sellerId);
    const now = new Date();
    let again: { opened: OpenedRequest; channel: EmailChannel } | undefined;
    const reviewed = await answerOnce(db, ctx.request, sellerId, ctx.body ?? null, async (tx) => {
      again = undefined;
      const reviewed = await reviewCertificate(tx, sellerId, params.id!, decision, today);
      if (!reviewed) throw new TaxError('resource_not_found', `no certificate ${params.id}`);
      if (decision.decision === 'reject') again = await askAgain(tx, sellerId, reviewed, now);
      return reviewed;
    });
    // Only when this call's transaction is the one that committed (not a replay, nor a retry after losing a race).
    if (again && (await getRequest(db, sellerId, again.opened.row.id))) {
      const customer = await getCustomer(db, sellerId, reviewed.customerId);
      await send(again.channel, again.opened, {
        customerName: customer?.name ?? reviewed.customerId,
        replaces: { jurisdictions: reviewed.jurisdictions, number: reviewed.number, expirationDate: reviewed.expirationDate, review: 'rejected', rejectionReason: reviewed.rejectionReason },
      });
    }
    return reviewed;
  };

  /** The new request after a rejection: none for a certificate the seller recorded itself, or without an email channel to send it. */
  const askAgain = async (tx: Db, sellerId: string, rejected: { id: string; requestId: string | null; jurisdictions: string[] }, now: Date) => {
    if (!rejected.requestId) return undefined;
    const original = await getRequest(tx, sellerId, rejected.requestId);
    const channel = (await getChannels(tx, sellerId)).email;
    if (!original || !channel) return undefined;
    const opened = await openRequest(
      tx,
      { sellerId, customerId: original.customerId, certificateId: rejected.id, email: original.email, jurisdictions: original.jurisdictions ?? rejected.jurisdictions },
      now,
    );
    return { opened, channel };
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
    description:
      'Only a certificate in `pending_review` can be rejected (409 `certificate_not_pending` otherwise). The reason is kept as `rejectionReason`. ' +
      'When the certificate came through a request, the customer is emailed the reason with a new link: a new certificate request for the same customer, email and jurisdictions, whose `certificateId` is the rejected certificate.',
    body: rejectBody,
    response: certificate,
    handler: async (ctx) => review(ctx, { decision: 'reject', reason: ctx.body.reason }),
  });
}
