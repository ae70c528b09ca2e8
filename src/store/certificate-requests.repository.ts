/**
 * Requests to customers for a certificate, and their redemption. A link is
 * found by the SHA-256 of its token (the token itself is never stored), and
 * redeemed by one conditional UPDATE, so two submissions of one link at
 * once create one certificate: the second finds it used.
 *
 * Emails that did not go out are sent again by a later pass (see
 * certificates/redelivery.ts), each claimed by a conditional UPDATE so two
 * passes never send one at once. The table keeps no attempt count or claim
 * time for them: the link's email is claimed by moving `expires_at` (a new
 * link's 30 days start at its attempt, so `expires_at - 30 days` is when it
 * was last attempted), the seller's review email by its status alone.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, isNotNull, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { requestExpiry } from '../certificates/request-token.js';
import type { Db } from './open.js';
import { certificateRequests, certificates, customers, sellers, type DeliveryStatus } from './schema.js';

export type RequestRow = typeof certificateRequests.$inferSelect;

export interface NewRequest {
  sellerId: string;
  customerId: string;
  /** The certificate the request replaces: one being renewed, or a submission the seller rejected. */
  certificateId: string | null;
  email: string;
  /** The jurisdictions asked for, which the form starts with; null lets the customer name them. */
  jurisdictions: string[] | null;
  tokenHash: string;
  expiresAt: Date;
}

/** A request whose email is still to be sent (`pending`). */
export async function insertRequest(db: Db, request: NewRequest): Promise<RequestRow> {
  const [row] = await db
    .insert(certificateRequests)
    .values({
      ...request,
      jurisdictions: request.jurisdictions ? [...new Set(request.jurisdictions)] : null,
      id: `creq_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
      emailStatus: 'pending',
    })
    .returning();
  return row!;
}

/** The outcome of the link's email; `expiresAt` when the link goes live only once sent (a reminder's). */
export async function recordRequestEmail(db: Db, sellerId: string, id: string, status: DeliveryStatus, lastError: string | null, expiresAt?: Date): Promise<void> {
  await db
    .update(certificateRequests)
    .set({ emailStatus: status, lastError, ...(expiresAt ? { expiresAt } : {}) })
    .where(and(eq(certificateRequests.sellerId, sellerId), eq(certificateRequests.id, id)));
}

export async function getRequest(db: Db, sellerId: string, id: string): Promise<RequestRow | undefined> {
  const [row] = await db
    .select()
    .from(certificateRequests)
    .where(and(eq(certificateRequests.sellerId, sellerId), eq(certificateRequests.id, id)));
  return row;
}

/** Newest first; `before` is the last row of the previous page. */
export async function listRequests(db: Db, sellerId: string, filter: { customerId?: string | undefined }, limit: number, before?: { createdAt: string; id: string }): Promise<RequestRow[]> {
  return db
    .select()
    .from(certificateRequests)
    .where(
      and(
        eq(certificateRequests.sellerId, sellerId),
        filter.customerId !== undefined ? eq(certificateRequests.customerId, filter.customerId) : undefined,
        before
          ? or(lt(certificateRequests.createdAt, new Date(before.createdAt)), and(eq(certificateRequests.createdAt, new Date(before.createdAt)), lt(certificateRequests.id, before.id)))
          : undefined,
      ),
    )
    .orderBy(desc(certificateRequests.createdAt), desc(certificateRequests.id))
    .limit(limit);
}

export interface RequestPageFacts {
  request: RequestRow;
  sellerName: string | null;
  customerName: string | null;
  /** The certificate the request replaces (renewed, or rejected), for the form's first values. */
  renewing: { jurisdictions: string[]; reason: string; number: string | null; expirationDate: string | null } | null;
}

/** What the public page shows for a link, whatever state the link is in. */
export async function findRequestByToken(db: Db, tokenHash: string): Promise<RequestPageFacts | undefined> {
  const [row] = await db
    .select({ request: certificateRequests, sellerName: sellers.name, customerName: customers.name })
    .from(certificateRequests)
    .innerJoin(sellers, eq(sellers.id, certificateRequests.sellerId))
    .leftJoin(customers, and(eq(customers.sellerId, certificateRequests.sellerId), eq(customers.id, certificateRequests.customerId)))
    .where(eq(certificateRequests.tokenHash, tokenHash));
  if (!row) return undefined;
  let renewing: RequestPageFacts['renewing'] = null;
  if (row.request.certificateId) {
    const [c] = await db
      .select({ jurisdictions: certificates.jurisdictions, reason: certificates.reason, number: certificates.number, expirationDate: certificates.expirationDate })
      .from(certificates)
      .where(and(eq(certificates.sellerId, row.request.sellerId), eq(certificates.id, row.request.certificateId)));
    renewing = c ?? null;
  }
  return { request: row.request, sellerName: row.sellerName, customerName: row.customerName, renewing };
}

/**
 * Marks the link used if it still works at `now`; answers the request, or
 * nothing when it was used or had expired (by then, or by a submission that
 * won a race). Call inside the transaction that records the submission.
 */
export async function redeemRequest(tx: Db, tokenHash: string, now: Date): Promise<RequestRow | undefined> {
  const [row] = await tx
    .update(certificateRequests)
    .set({ usedAt: now })
    .where(and(eq(certificateRequests.tokenHash, tokenHash), isNull(certificateRequests.usedAt), gt(certificateRequests.expiresAt, now)))
    .returning();
  return row;
}

/** Links the submission to its request, with the seller's review email still to send (`pending`). */
export async function linkSubmittedCertificate(tx: Db, sellerId: string, requestId: string, certificateId: string): Promise<void> {
  await tx
    .update(certificateRequests)
    .set({ submittedCertificateId: certificateId, reviewEmailStatus: 'pending', reviewLastError: null })
    .where(and(eq(certificateRequests.sellerId, sellerId), eq(certificateRequests.id, requestId)));
}

export async function recordReviewEmail(db: Db, sellerId: string, id: string, status: DeliveryStatus, lastError: string | null): Promise<void> {
  await db
    .update(certificateRequests)
    .set({ reviewEmailStatus: status, reviewLastError: lastError })
    .where(and(eq(certificateRequests.sellerId, sellerId), eq(certificateRequests.id, id)));
}

/** When another attempt may be made, as of a pass's clock. */
export interface RedeliveryWindow {
  now: Date;
  /** A claim made before this and never recorded was lost with its process. */
  staleBefore: Date;
  /** A failed email is tried again only for a request made (or, for a review, a submission) after this. */
  retryFrom: Date;
}

/** The certificate a request replaces, as its email describes it. */
export interface ReplacedCertificate {
  id: string;
  jurisdictions: string[];
  number: string | null;
  expirationDate: string | null;
  /** Its review state (`active` for one the seller recorded or approved). */
  review: 'active' | 'pending_review' | 'rejected';
  rejectionReason: string | null;
}

export interface RequestEmailFacts {
  request: RequestRow;
  customerName: string | null;
  replaces: ReplacedCertificate | null;
}

const replacedColumns = {
  id: certificates.id,
  jurisdictions: certificates.jurisdictions,
  number: certificates.number,
  expirationDate: certificates.expirationDate,
  review: certificates.status,
  rejectionReason: certificates.rejectionReason,
};

/**
 * Link emails to send again: the link still works (a reminder's goes live
 * only once sent, so these are the API's requests and rejections' new
 * links), its last attempt was over the claim timeout ago, and it is still
 * `pending` (its process died before recording it) or `failed` on a recent
 * request. A request that a newer one for the same customer and certificate
 * replaced is left alone: the customer has the newer link.
 */
export async function requestEmailsToRedeliver(db: Db, sellerId: string, w: RedeliveryWindow, limit: number): Promise<RequestEmailFacts[]> {
  const newer = alias(certificateRequests, 'newer');
  const rows = await db
    .select({ request: certificateRequests, customerName: customers.name, replaces: replacedColumns })
    .from(certificateRequests)
    .leftJoin(customers, and(eq(customers.sellerId, certificateRequests.sellerId), eq(customers.id, certificateRequests.customerId)))
    .leftJoin(certificates, and(eq(certificates.sellerId, certificateRequests.sellerId), eq(certificates.id, certificateRequests.certificateId)))
    .where(
      and(
        eq(certificateRequests.sellerId, sellerId),
        linkEmailClaimable(w),
        notExists(
          db
            .select({ one: sql`1` })
            .from(newer)
            .where(
              and(
                eq(newer.sellerId, certificateRequests.sellerId),
                eq(newer.customerId, certificateRequests.customerId),
                sql`${newer.certificateId} is not distinct from ${certificateRequests.certificateId}`,
                or(gt(newer.createdAt, certificateRequests.createdAt), and(eq(newer.createdAt, certificateRequests.createdAt), gt(newer.id, certificateRequests.id))),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(certificateRequests.createdAt), asc(certificateRequests.id))
    .limit(limit);
  return rows.map((r) => ({ request: r.request, customerName: r.customerName, replaces: r.replaces?.id ? r.replaces : null }));
}

function linkEmailClaimable(w: RedeliveryWindow) {
  return and(
    isNull(certificateRequests.usedAt),
    gt(certificateRequests.expiresAt, w.now),
    // Last attempted (expires_at - 30 days) before staleBefore.
    lt(certificateRequests.expiresAt, requestExpiry(w.staleBefore)),
    or(eq(certificateRequests.emailStatus, 'pending'), and(eq(certificateRequests.emailStatus, 'failed'), gt(certificateRequests.createdAt, w.retryFrom))),
  );
}

/**
 * Claims a request's link email for another attempt: the link gets a new
 * token (the old one was never stored, so it cannot be sent again) and 30
 * days from now. Answers the claimed row, or nothing when another pass has
 * it (its claim moved `expires_at`) or it no longer needs sending.
 */
export async function claimRequestEmail(db: Db, sellerId: string, id: string, tokenHash: string, w: RedeliveryWindow): Promise<RequestRow | undefined> {
  const [row] = await db
    .update(certificateRequests)
    .set({ tokenHash, expiresAt: requestExpiry(w.now), emailStatus: 'pending' })
    .where(and(eq(certificateRequests.sellerId, sellerId), eq(certificateRequests.id, id), linkEmailClaimable(w)))
    .returning();
  return row;
}

export interface ReviewEmailFacts {
  request: RequestRow;
  customerName: string | null;
  certificate: ReplacedCertificate & { reason: string; effectiveDate: string };
}

/** A review email left `pending` by its submission (no error yet) past the claim timeout, or `failed` for a recent submission. */
function reviewEmailClaimable(w: RedeliveryWindow) {
  return and(
    isNotNull(certificateRequests.submittedCertificateId),
    or(
      and(eq(certificateRequests.reviewEmailStatus, 'failed'), gt(certificateRequests.usedAt, w.retryFrom)),
      and(eq(certificateRequests.reviewEmailStatus, 'pending'), isNull(certificateRequests.reviewLastError), lt(certificateRequests.usedAt, w.staleBefore)),
    ),
  );
}

/** Review emails to send again, with the submitted certificate they describe. */
export async function reviewEmailsToRedeliver(db: Db, sellerId: string, w: RedeliveryWindow, limit: number): Promise<ReviewEmailFacts[]> {
  const rows = await db
    .select({ request: certificateRequests, customerName: customers.name, certificate: { ...replacedColumns, reason: certificates.reason, effectiveDate: certificates.effectiveDate } })
    .from(certificateRequests)
    .innerJoin(certificates, and(eq(certificates.sellerId, certificateRequests.sellerId), eq(certificates.id, certificateRequests.submittedCertificateId)))
    .leftJoin(customers, and(eq(customers.sellerId, certificateRequests.sellerId), eq(customers.id, certificateRequests.customerId)))
    .where(and(eq(certificateRequests.sellerId, sellerId), reviewEmailClaimable(w)))
    .orderBy(asc(certificateRequests.usedAt), asc(certificateRequests.id))
    .limit(limit);
  return rows;
}

/**
 * Claims a review email for another attempt. A claim sets it `pending`
 * while keeping (or, for an interrupted first attempt, writing) an error,
 * which is what tells it from a submission's own first attempt: only that
 * one is taken again after the claim timeout, since nothing records when a
 * retry was claimed.
 */
export async function claimReviewEmail(db: Db, sellerId: string, id: string, w: RedeliveryWindow): Promise<boolean> {
  const claimed = await db
    .update(certificateRequests)
    .set({ reviewEmailStatus: 'pending', reviewLastError: sql`coalesce(${certificateRequests.reviewLastError}, 'interrupted: the server stopped before the email was recorded as sent')` })
    .where(and(eq(certificateRequests.sellerId, sellerId), eq(certificateRequests.id, id), reviewEmailClaimable(w)))
    .returning({ id: certificateRequests.id });
  return claimed.length > 0;
}
