/**
 * Requests to customers for a certificate, and their redemption. A link is
 * found by the SHA-256 of its token (the token itself is never stored), and
 * redeemed by one conditional UPDATE, so two submissions of one link at
 * once create one certificate: the second finds it used.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Db } from './open.js';
import { certificateRequests, certificates, customers, sellers, type DeliveryStatus } from './schema.js';

export type RequestRow = typeof certificateRequests.$inferSelect;

export interface NewRequest {
  sellerId: string;
  customerId: string;
  certificateId: string | null;
  email: string;
  tokenHash: string;
  expiresAt: Date;
}

/** A request whose email is still to be sent (`pending`). */
export async function insertRequest(db: Db, request: NewRequest): Promise<RequestRow> {
  const [row] = await db
    .insert(certificateRequests)
    .values({ ...request, id: `creq_${randomUUID().replace(/-/g, '').slice(0, 20)}`, emailStatus: 'pending' })
    .returning();
  return row!;
}

export async function recordRequestEmail(db: Db, sellerId: string, id: string, status: DeliveryStatus, lastError: string | null): Promise<void> {
  await db
    .update(certificateRequests)
    .set({ emailStatus: status, lastError })
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
  /** The certificate being renewed, for the form's first values. */
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

export async function linkSubmittedCertificate(tx: Db, sellerId: string, requestId: string, certificateId: string): Promise<void> {
  await tx
    .update(certificateRequests)
    .set({ submittedCertificateId: certificateId })
    .where(and(eq(certificateRequests.sellerId, sellerId), eq(certificateRequests.id, requestId)));
}
