/**
 * Reprocessing runs, and the sales a run goes through. A run is claimed for
 * a while (a lease) by the process running it, and records each sale it
 * dealt with in the same transaction as the sale's change: a run resumed
 * after a crash skips what is already recorded.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { CalculateResponse } from '../engine/schemas.js';
import type { Db } from './open.js';
import { rowsOf } from './rows.js';
import { reprocessings, transactions, type ReprocessingStatus } from './schema.js';
import type { TransactionRow } from './transactions.repository.js';

export interface ReprocessCandidate {
  row: TransactionRow;
  /** The invoice date: a correction's is its original's. */
  invoiceDate: string;
  request: unknown;
  result: CalculateResponse;
  /** Refunds that are not voided stand against it. */
  refunded: boolean;
}

/** The customer's committed sales invoiced in the range (corrections by their original's date), in date order. */
export async function reprocessCandidates(
  db: Db,
  scope: { sellerId: string; customerId: string; from: string; to: string },
  onlyId?: string,
): Promise<ReprocessCandidate[]> {
  const found = rowsOf<{ id: string; invoice_date: string; request: unknown; result: CalculateResponse; refunded: boolean }>(
    await db.execute(sql`
      select t.id, to_char(coalesce(o.date, t.date), 'YYYY-MM-DD') as invoice_date, v.request, v.result,
        exists (select 1 from transactions r where r.seller_id = t.seller_id and r.original_id = t.id and r.status <> 'voided') as refunded
      from transactions t
      join transaction_versions v on v.seller_id = t.seller_id and v.transaction_id = t.id and v.version = t.version
      left join transactions o on o.seller_id = t.seller_id and o.id = t.correction_of
      where t.seller_id = ${scope.sellerId} and t.customer_id = ${scope.customerId} and t.type = 'sale' and t.status = 'committed'
        and coalesce(o.date, t.date) between ${scope.from}::date and ${scope.to}::date
        ${onlyId === undefined ? sql`` : sql`and t.id = ${onlyId}`}
      order by coalesce(o.date, t.date), t.id`),
  );
  if (found.length === 0) return [];
  const full = await db
    .select()
    .from(transactions)
    .where(and(eq(transactions.sellerId, scope.sellerId), inArray(transactions.id, found.map((f) => f.id))));
  const byId = new Map(full.map((r) => [r.id, r]));
  return found.map((f) => ({ row: byId.get(f.id)!, invoiceDate: f.invoice_date, request: f.request, result: f.result, refunded: f.refunded }));
}

export type ReprocessingRow = typeof reprocessings.$inferSelect;

export async function createReprocessing(
  db: Db,
  values: Pick<ReprocessingRow, 'sellerId' | 'certificateId' | 'customerId' | 'fromDate' | 'toDate' | 'preferCustomerAddress' | 'impact' | 'total'>,
): Promise<ReprocessingRow> {
  const [row] = await db
    .insert(reprocessings)
    .values({ ...values, id: `rep_${randomUUID().replace(/-/g, '').slice(0, 20)}`, status: 'queued', outcome: { items: [] } })
    .returning();
  return row!;
}

export async function getReprocessing(db: Db, sellerId: string, id: string): Promise<ReprocessingRow | undefined> {
  const [row] = await db.select().from(reprocessings).where(and(eq(reprocessings.sellerId, sellerId), eq(reprocessings.id, id)));
  return row;
}

/** Newest first; `after` is the (created, id) of the previous page's last run. */
export async function listReprocessings(db: Db, sellerId: string, certificateId: string | undefined, limit: number, after?: [string, string]): Promise<ReprocessingRow[]> {
  return db
    .select()
    .from(reprocessings)
    .where(
      and(
        eq(reprocessings.sellerId, sellerId),
        certificateId ? eq(reprocessings.certificateId, certificateId) : undefined,
        after ? sql`(${reprocessings.createdAt}, ${reprocessings.id}) < (${after[0]}::timestamptz, ${after[1]})` : undefined,
      ),
    )
    .orderBy(desc(reprocessings.createdAt), desc(reprocessings.id))
    .limit(limit);
}

/** Claims an unfinished run for `owner`; undefined when another process holds it or it is finished. */
export async function claimReprocessing(db: Db, sellerId: string, id: string, owner: string, leaseSeconds: number): Promise<ReprocessingRow | undefined> {
  const [row] = await db
    .update(reprocessings)
    .set({ status: 'running', leaseOwner: owner, leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})`, startedAt: sql`coalesce(${reprocessings.startedAt}, now())` })
    .where(
      and(
        eq(reprocessings.sellerId, sellerId),
        eq(reprocessings.id, id),
        inArray(reprocessings.status, ['queued', 'running']),
        or(isNull(reprocessings.leaseUntil), lt(reprocessings.leaseUntil, sql`now()`), eq(reprocessings.leaseOwner, owner)),
      ),
    )
    .returning();
  return row;
}

/** Adds one sale's outcome and renews the claim; false when the claim was lost (the caller's transaction then rolls back). */
export async function recordReprocessed(db: Db, sellerId: string, id: string, owner: string, leaseSeconds: number, item: Record<string, unknown>): Promise<boolean> {
  const rows = await db
    .update(reprocessings)
    .set({
      done: sql`${reprocessings.done} + 1`,
      outcome: sql`jsonb_set(coalesce(${reprocessings.outcome}, '{"items":[]}'::jsonb), '{items}', coalesce(${reprocessings.outcome}->'items', '[]'::jsonb) || ${JSON.stringify([item])}::jsonb)`,
      leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
    })
    .where(and(eq(reprocessings.sellerId, sellerId), eq(reprocessings.id, id), eq(reprocessings.leaseOwner, owner)))
    .returning({ id: reprocessings.id });
  return rows.length === 1;
}

export async function finishReprocessing(db: Db, sellerId: string, id: string, status: Extract<ReprocessingStatus, 'completed' | 'failed'>, error: string | null, total?: number): Promise<void> {
  await db
    .update(reprocessings)
    .set({ status, error, completedAt: sql`now()`, leaseOwner: null, leaseUntil: null, ...(total === undefined ? {} : { total }) })
    .where(and(eq(reprocessings.sellerId, sellerId), eq(reprocessings.id, id)));
}

/** Runs to resume: queued, or running under a claim that lapsed (its process died). */
export async function unfinishedReprocessings(db: Db): Promise<Array<{ sellerId: string; id: string }>> {
  return db
    .select({ sellerId: reprocessings.sellerId, id: reprocessings.id })
    .from(reprocessings)
    .where(and(inArray(reprocessings.status, ['queued', 'running']), or(isNull(reprocessings.leaseUntil), lt(reprocessings.leaseUntil, sql`now()`))));
}

/** With an embedded store only this process can hold claims: earlier ones died with their process. */
export async function releaseReprocessingClaims(db: Db): Promise<void> {
  await db.update(reprocessings).set({ leaseUntil: null, leaseOwner: null }).where(eq(reprocessings.status, 'running'));
}
