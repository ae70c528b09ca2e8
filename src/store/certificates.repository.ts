/**
 * Exemption certificates. Every change is announced (changes.ts) in its
 * transaction, so no process keeps exempting sales with a certificate as it
 * was. Status is derived from the dates on the day asked (see
 * certificates/status.ts); the list filters by it in SQL.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, ilike, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { addDays, certificateStatus, ENTITY_USE_CODES, EXPIRING_SOON_DAYS, type CertificateStatus, type Reason } from '../certificates/status.js';
import { TaxError } from '../errors/tax-error.js';
import { announceChange } from './changes.js';
import type { Db } from './open.js';
import { containing } from './like.js';
import { certificates, customers } from './schema.js';

export interface CertificateInput {
  customerId: string;
  jurisdictions: string[];
  reason: Reason;
  number?: string | null | undefined;
  effectiveDate: string;
  expirationDate?: string | null | undefined;
  notes?: string | null | undefined;
  /** A certificate a customer submitted waits for review; one the seller records is active at once. */
  status?: 'active' | 'pending_review' | undefined;
  /** The request it was submitted through. */
  requestId?: string | null | undefined;
}

type Row = typeof certificates.$inferSelect;

export async function createCertificate(db: Db, sellerId: string, input: CertificateInput, today: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(certificates)
      .values({
        sellerId,
        id: `cert_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
        customerId: input.customerId,
        jurisdictions: [...new Set(input.jurisdictions)],
        reason: input.reason,
        number: input.number ?? null,
        effectiveDate: input.effectiveDate,
        expirationDate: input.expirationDate ?? null,
        notes: input.notes ?? null,
        status: input.status ?? 'active',
        requestId: input.requestId ?? null,
      })
      .returning();
    await announceChange(tx, sellerId);
    return (await viewsOf(tx, sellerId, [row!], today))[0]!;
  });
}

export async function getCertificate(db: Db, sellerId: string, id: string, today: string) {
  const [row] = await db.select().from(certificates).where(and(eq(certificates.sellerId, sellerId), eq(certificates.id, id)));
  return row ? (await viewsOf(db, sellerId, [row], today))[0] : undefined;
}

export interface CertificateFilter {
  status?: CertificateStatus | undefined;
  q?: string | undefined;
  customerId?: string | undefined;
}

export async function listCertificates(db: Db, sellerId: string, filter: CertificateFilter, today: string, limit: number, after?: string) {
  const soon = addDays(today, EXPIRING_SOON_DAYS);
  const live = and(eq(certificates.archived, false), eq(certificates.status, 'active'));
  const byStatus: Record<CertificateStatus, SQL | undefined> = {
    archived: eq(certificates.archived, true),
    pending_review: and(eq(certificates.archived, false), eq(certificates.status, 'pending_review')),
    rejected: and(eq(certificates.archived, false), eq(certificates.status, 'rejected')),
    expired: and(live, lt(certificates.expirationDate, today)),
    expiring_soon: and(live, sql`${certificates.expirationDate} between ${today} and ${soon}`),
    active: and(live, or(isNull(certificates.expirationDate), gt(certificates.expirationDate, soon))),
  };
  const pattern = filter.q ? containing(filter.q) : undefined;
  const rows = await db
    .select({ certificate: certificates })
    .from(certificates)
    .leftJoin(customers, and(eq(customers.sellerId, certificates.sellerId), eq(customers.id, certificates.customerId)))
    .where(
      and(
        eq(certificates.sellerId, sellerId),
        filter.status ? byStatus[filter.status] : undefined,
        filter.customerId ? eq(certificates.customerId, filter.customerId) : undefined,
        pattern ? or(ilike(certificates.customerId, pattern), ilike(certificates.number, pattern), ilike(customers.name, pattern)) : undefined,
        after ? gt(certificates.id, after) : undefined,
      ),
    )
    .orderBy(asc(certificates.id))
    .limit(limit);
  return viewsOf(db, sellerId, rows.map((r) => r.certificate), today);
}

export type CertificatePatch = Partial<Omit<CertificateInput, 'customerId'>>;

export async function patchCertificate(db: Db, sellerId: string, id: string, patch: CertificatePatch, today: string) {
  return update(db, sellerId, id, today, {
    ...(patch.jurisdictions !== undefined ? { jurisdictions: [...new Set(patch.jurisdictions)] } : {}),
    ...(patch.reason !== undefined ? { reason: patch.reason } : {}),
    ...(patch.number !== undefined ? { number: patch.number } : {}),
    ...(patch.effectiveDate !== undefined ? { effectiveDate: patch.effectiveDate } : {}),
    ...(patch.expirationDate !== undefined ? { expirationDate: patch.expirationDate } : {}),
    ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
  });
}

export async function archiveCertificate(db: Db, sellerId: string, id: string, today: string) {
  return update(db, sellerId, id, today, { archived: true });
}

export type Review = { decision: 'approve' } | { decision: 'reject'; reason: string };

/**
 * Approves or rejects a certificate awaiting review. Anything else (active,
 * rejected, archived) is a conflict: a review decides once. The row is
 * locked, so two reviewers at once cannot both decide.
 */
export async function reviewCertificate(db: Db, sellerId: string, id: string, review: Review, today: string) {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(certificates)
      .where(and(eq(certificates.sellerId, sellerId), eq(certificates.id, id)))
      .for('update');
    if (!current) return undefined;
    if (current.archived || current.status !== 'pending_review') {
      const now = current.archived ? 'archived' : current.status;
      throw new TaxError('certificate_not_pending', `certificate ${id} is ${now}: only a certificate awaiting review (pending_review) can be approved or rejected`);
    }
    const [row] = await tx
      .update(certificates)
      .set({
        status: review.decision === 'approve' ? 'active' : 'rejected',
        rejectionReason: review.decision === 'reject' ? review.reason : null,
        reviewedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(and(eq(certificates.sellerId, sellerId), eq(certificates.id, id)))
      .returning();
    await announceChange(tx, sellerId);
    return (await viewsOf(tx, sellerId, [row!], today))[0];
  });
}

async function update(db: Db, sellerId: string, id: string, today: string, set: Partial<Row>) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(certificates)
      .set({ ...set, updatedAt: new Date() })
      .where(and(eq(certificates.sellerId, sellerId), eq(certificates.id, id)))
      .returning();
    if (!row) return undefined;
    await announceChange(tx, sellerId);
    return (await viewsOf(tx, sellerId, [row], today))[0];
  });
}

async function viewsOf(db: Db, sellerId: string, rows: readonly Row[], today: string) {
  const ids = [...new Set(rows.map((r) => r.customerId))];
  const names = new Map<string, string | null>();
  if (ids.length > 0) {
    const found = await db.select({ id: customers.id, name: customers.name }).from(customers).where(and(eq(customers.sellerId, sellerId), sql`${customers.id} in ${ids}`));
    for (const c of found) names.set(c.id, c.name);
  }
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    customerName: names.get(r.customerId) ?? null,
    jurisdictions: r.jurisdictions,
    reason: r.reason,
    entityUseCode: ENTITY_USE_CODES[r.reason as Reason] ?? 'L',
    number: r.number,
    effectiveDate: r.effectiveDate,
    expirationDate: r.expirationDate,
    status: certificateStatus({ effectiveDate: r.effectiveDate, expirationDate: r.expirationDate, archived: r.archived, review: r.status }, today),
    notes: r.notes,
    rejectionReason: r.rejectionReason,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    requestId: r.requestId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}
