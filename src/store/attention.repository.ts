/**
 * Transactions Levy could not take, held with their error until the seller
 * fixes the cause and reposts them (or dismisses them). An item is unique per
 * seller, source, source id and reference: a resumed import or a redelivered
 * webhook refreshes the item it held before instead of holding another.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './open.js';
import { attentionItems, type AttentionStatus, type HeldProvenance } from './schema.js';

export type AttentionItem = typeof attentionItems.$inferSelect;
export type AttentionSource = AttentionItem['source'];

/** The error a transaction met: code and message as the API answers them, and the field of the request. */
export interface HeldError {
  code: string;
  message: string;
  field?: string | null | undefined;
}

export interface Hold {
  source: AttentionSource;
  /** The import id, or the connector's name. */
  sourceId: string;
  /** The transaction id it would have had. */
  reference: string;
  /** The transaction as the API would take it (see src/attention/held-request.ts). */
  request: Record<string, unknown>;
  /** What the request cannot carry but the ledger keeps (an import's tax collected). */
  provenance?: HeldProvenance | null;
  error: HeldError;
}

let sequence = 0;

/**
 * Ids that grow in the order this process makes them: items held in one
 * database transaction share its instant, and their ids then list them in
 * the order they were held (a file's rows in order).
 */
function newId(): string {
  sequence = (sequence + 1) % 36 ** 4;
  return `att_${Date.now().toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}${randomUUID().replace(/-/g, '').slice(0, 8)}`;
}

/**
 * Holds a transaction for attention, in the caller's database transaction
 * (an import's batch, a connector's delivery), so the transaction is kept
 * exactly when what refused it is. Holding one already open again counts
 * the attempt and keeps the newer request and error; one already reposted
 * or dismissed is left as the seller settled it.
 *
 * @example
 * await db.transaction((tx) => holdForAttention(tx, sellerId, {
 *   source: 'connector', sourceId: 'stripe', reference: 'in_123',
 *   request: body, error: { code: 'product_unknown', message, field: 'lines.0.productId' },
 * }));
 */
export async function holdForAttention(db: Db, sellerId: string, hold: Hold): Promise<void> {
  await holdAllForAttention(db, sellerId, [hold]);
}

/** Many at once (an import's batch): one statement. */
export async function holdAllForAttention(db: Db, sellerId: string, holds: readonly Hold[]): Promise<void> {
  // One statement may not update a row twice: the last arrival of a reference wins.
  const unique = new Map(holds.map((h) => [`${h.source}\u0000${h.sourceId}\u0000${h.reference}`, h]));
  if (unique.size === 0) return;
  await db
    .insert(attentionItems)
    .values(
      [...unique.values()].map((h) => ({
        sellerId,
        id: newId(),
        source: h.source,
        sourceId: h.sourceId,
        reference: h.reference,
        request: h.request,
        provenance: h.provenance ?? null,
        code: h.error.code,
        message: h.error.message,
        field: h.error.field ?? null,
        status: 'open' as AttentionStatus,
      })),
    )
    .onConflictDoUpdate({
      target: [attentionItems.sellerId, attentionItems.source, attentionItems.sourceId, attentionItems.reference],
      set: {
        request: sql`excluded.request`,
        provenance: sql`excluded.provenance`,
        code: sql`excluded.code`,
        message: sql`excluded.message`,
        field: sql`excluded.field`,
        attempts: sql`${attentionItems.attempts} + 1`,
        updatedAt: sql`now()`,
      },
      setWhere: eq(attentionItems.status, 'open'),
    });
}

export async function getAttentionItem(db: Db, sellerId: string, id: string): Promise<AttentionItem | undefined> {
  const [row] = await db.select().from(attentionItems).where(and(eq(attentionItems.sellerId, sellerId), eq(attentionItems.id, id)));
  return row;
}

/** The item, locked until the end of the caller's transaction: reposts of one item queue up. */
export async function lockAttentionItem(db: Db, sellerId: string, id: string): Promise<AttentionItem | undefined> {
  const [row] = await db.select().from(attentionItems).where(and(eq(attentionItems.sellerId, sellerId), eq(attentionItems.id, id))).for('update');
  return row;
}

export interface AttentionFilter {
  status?: AttentionStatus | undefined;
  source?: AttentionSource | undefined;
  sourceId?: string | undefined;
  code?: string | undefined;
  /** Sales or refunds only. */
  kind?: 'sale' | 'refund' | undefined;
}

/**
 * A list position: the item's creation instant as PostgreSQL writes it (to
 * the microsecond; a JavaScript Date would drop the last three digits and
 * skip or repeat items created in the same millisecond) and its id.
 */
export interface AttentionPosition {
  at: string;
  id: string;
}

export type ListedItem = AttentionItem & { position: AttentionPosition };

/** Newest first (`order` desc) or oldest first (asc), after `after`. */
export async function listAttentionItems(db: Db, sellerId: string, filter: AttentionFilter, order: 'asc' | 'desc', limit: number, after?: AttentionPosition): Promise<ListedItem[]> {
  const t = attentionItems;
  const beyond = order === 'desc' ? lt : gt;
  const at = sql`${after?.at ?? null}::timestamptz`;
  const conditions: Array<SQL | undefined> = [
    eq(t.sellerId, sellerId),
    filter.status ? eq(t.status, filter.status) : undefined,
    filter.source ? eq(t.source, filter.source) : undefined,
    filter.sourceId ? eq(t.sourceId, filter.sourceId) : undefined,
    filter.code ? eq(t.code, filter.code) : undefined,
    filter.kind === 'refund' ? isNotNull(sql`${t.request}->>'originalId'`) : filter.kind === 'sale' ? isNull(sql`${t.request}->>'originalId'`) : undefined,
    after ? or(beyond(t.createdAt, at), and(eq(t.createdAt, at), beyond(t.id, after.id))) : undefined,
  ];
  const rows = await db
    .select({ item: t, at: sql<string>`${t.createdAt}::text` })
    .from(t)
    .where(and(...conditions))
    .orderBy(...(order === 'desc' ? [desc(t.createdAt), desc(t.id)] : [asc(t.createdAt), asc(t.id)]))
    .limit(limit);
  return rows.map((r) => ({ ...r.item, position: { at: r.at, id: r.item.id } }));
}

/** The item's transaction is in the ledger: it keeps the request that was posted. */
export async function markReposted(db: Db, sellerId: string, id: string, request: Record<string, unknown>): Promise<AttentionItem> {
  const [row] = await db
    .update(attentionItems)
    .set({ status: 'reposted', request, resolvedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(attentionItems.sellerId, sellerId), eq(attentionItems.id, id)))
    .returning();
  return row!;
}

/**
 * A repost failed: the item stays open with the new error, one attempt more,
 * and the request that was tried (a replacement the seller sent, so the
 * error and the request it belongs to stay together). An item settled
 * meanwhile is left alone.
 */
export async function recordRepostFailure(db: Db, sellerId: string, id: string, error: HeldError, request?: Record<string, unknown>): Promise<void> {
  await db
    .update(attentionItems)
    .set({
      code: error.code,
      message: error.message,
      field: error.field ?? null,
      attempts: sql`${attentionItems.attempts} + 1`,
      updatedAt: sql`now()`,
      ...(request ? { request } : {}),
    })
    .where(and(eq(attentionItems.sellerId, sellerId), eq(attentionItems.id, id), eq(attentionItems.status, 'open')));
}

/**
 * The seller decided not to record it. The table has no column for the
 * reason, so it takes the place of the message; code and field still say
 * what the transaction met.
 */
export async function dismissAttentionItem(db: Db, sellerId: string, id: string, reason: string): Promise<AttentionItem | undefined> {
  const [row] = await db
    .update(attentionItems)
    .set({ status: 'dismissed', message: reason, resolvedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(attentionItems.sellerId, sellerId), eq(attentionItems.id, id), eq(attentionItems.status, 'open')))
    .returning();
  return row;
}
