/**
 * Emails of certificate requests that did not go out, sent again by the
 * hourly pass (reminders.ts runs this first for each seller): a request's
 * link email left `pending` (its process died between the commit and the
 * send) or `failed`, and the seller's review email of a submission, likewise.
 * Each is claimed in the database before it is sent (see
 * certificate-requests.repository.ts), so passes in several processes never
 * send one twice at once.
 *
 * The requests table counts no attempts, so "a few attempts" is a window:
 * a failed email is tried again by the passes during the three hours after
 * the request was made (for a review email, after the submission), that is
 * two or three more attempts from one server's hourly pass. An interrupted
 * one is sent whenever a pass finds it, the link while it still works.
 */
import type { FastifyBaseLogger } from 'fastify';
import {
  claimRequestEmail,
  claimReviewEmail,
  recordRequestEmail,
  recordReviewEmail,
  requestEmailsToRedeliver,
  reviewEmailsToRedeliver,
  type RedeliveryWindow,
  type RequestEmailFacts,
  type ReviewEmailFacts,
} from '../store/certificate-requests.repository.js';
import type { Db } from '../store/open.js';
import { staleBefore } from './claims.js';
import { newRequestToken, requestLink } from './request-token.js';
import { mailCustomer, requestMessage, type MailContext, type SendOutcome } from './requests.js';
import { notifyReview } from './review-notice.js';

/** How long after a request (or a submission) a failed email is still tried again. */
export const RETRY_WINDOW_MS = 3 * 3_600_000;

/** At most this many of each kind per seller and pass; the rest wait for the next pass. */
const BATCH = 50;

export interface RedeliveryTally {
  sent: number;
  failed: number;
}

export function redeliveryWindow(now: Date): RedeliveryWindow {
  return { now, staleBefore: staleBefore(now), retryFrom: new Date(now.getTime() - RETRY_WINDOW_MS) };
}

/** Sends again what the seller's requests still owe: link emails first, then review emails. */
export async function redeliver(db: Db, ctx: MailContext, seller: { id: string; name: string }, now: Date, logger?: FastifyBaseLogger): Promise<RedeliveryTally> {
  const tally: RedeliveryTally = { sent: 0, failed: 0 };
  const count = (outcome: SendOutcome | undefined, what: string, requestId: string) => {
    if (!outcome) return;
    if (outcome.sent) tally.sent++;
    else {
      tally.failed++;
      logger?.warn({ sellerId: seller.id, requestId, error: outcome.error }, `${what} failed again`);
    }
  };
  const window = redeliveryWindow(now);
  for (const facts of await requestEmailsToRedeliver(db, seller.id, window, BATCH)) {
    count(await resendLink(db, ctx, seller.name, facts, window), 'certificate request email', facts.request.id);
  }
  for (const facts of await reviewEmailsToRedeliver(db, seller.id, window, BATCH)) {
    count(await resendReview(db, ctx, facts, window), 'certificate review email', facts.request.id);
  }
  return tally;
}

/** Claims the request's email with a new link (its old token is not kept) and sends it; nothing when another pass has it. */
async function resendLink(db: Db, ctx: MailContext, sellerName: string, facts: RequestEmailFacts, window: RedeliveryWindow): Promise<SendOutcome | undefined> {
  const { token, tokenHash } = newRequestToken();
  const claimed = await claimRequestEmail(db, facts.request.sellerId, facts.request.id, tokenHash, window);
  if (!claimed) return undefined;
  const link = { href: requestLink(ctx.publicUrl, token), validUntil: claimed.expiresAt.toISOString().slice(0, 10) };
  const message = requestMessage({ sellerName, customerName: facts.customerName ?? claimed.customerId, replaces: facts.replaces }, link);
  const outcome = await mailCustomer(ctx, claimed.email, message);
  await recordRequestEmail(db, claimed.sellerId, claimed.id, outcome.sent ? 'sent' : 'failed', outcome.sent ? null : outcome.error);
  return outcome;
}

/** Claims the review email and sends it, unless the seller has reviewed the certificate meanwhile (then there is nothing to tell). */
async function resendReview(db: Db, ctx: MailContext, facts: ReviewEmailFacts, window: RedeliveryWindow): Promise<SendOutcome | undefined> {
  const { request, certificate } = facts;
  if (!(await claimReviewEmail(db, request.sellerId, request.id, window))) return undefined;
  if (certificate.review !== 'pending_review') {
    await recordReviewEmail(db, request.sellerId, request.id, 'skipped', `not sent: certificate ${certificate.id} was reviewed first`);
    return undefined;
  }
  return notifyReview(db, ctx, { sellerId: request.sellerId, requestId: request.id, customerId: request.customerId, customerName: facts.customerName, certificate });
}
