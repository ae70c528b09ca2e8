/**
 * The seller's email that a customer's submission awaits review, with its
 * outcome recorded on the request (`reviewEmailStatus`), so a failed one is
 * visible in the API and sent again by the hourly pass (redelivery.ts).
 */
import { recordReviewEmail } from '../store/certificate-requests.repository.js';
import type { Db } from '../store/open.js';
import { reviewEmail } from './emails.js';
import { mailSeller, type MailContext, type SendOutcome } from './requests.js';

export interface Submission {
  sellerId: string;
  requestId: string;
  customerId: string;
  customerName: string | null;
  certificate: {
    id: string;
    jurisdictions: readonly string[];
    reason: string;
    number: string | null;
    effectiveDate: string;
    expirationDate: string | null;
  };
}

/** Emails the seller's recipients and records the outcome. Never throws for a failed send: the outcome says why. */
export async function notifyReview(db: Db, ctx: MailContext, s: Submission): Promise<SendOutcome> {
  const message = reviewEmail({
    customerName: s.customerName ?? s.customerId,
    customerId: s.customerId,
    certificateId: s.certificate.id,
    jurisdictions: s.certificate.jurisdictions,
    reason: s.certificate.reason,
    number: s.certificate.number,
    effectiveDate: s.certificate.effectiveDate,
    expirationDate: s.certificate.expirationDate,
    // The review links go to the API, which answers at the same public address.
    apiBase: ctx.publicUrl,
  });
  const outcome = await mailSeller(ctx, message);
  await recordReviewEmail(db, s.sellerId, s.requestId, outcome.sent ? 'sent' : 'failed', outcome.sent ? null : outcome.error);
  return outcome;
}
