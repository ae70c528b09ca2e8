/**
 * Billing-system connectors (Stripe) and the events they received. An event
 * id is recorded in the database transaction that takes it, so a redelivery
 * finds it and writes nothing, and a crash never leaves a write without its
 * event or an event without its write.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from './open.js';
import { attentionItems, connectorEvents, connectors, sellers, type ConnectorEventStatus, type ConnectorKind } from './schema.js';

export type ConnectorRow = typeof connectors.$inferSelect;
export type ConnectorEventRow = typeof connectorEvents.$inferSelect;

export async function getConnector(db: Db, sellerId: string, kind: ConnectorKind): Promise<ConnectorRow | undefined> {
  const [row] = await db.select().from(connectors).where(and(eq(connectors.sellerId, sellerId), eq(connectors.kind, kind)));
  return row;
}

/**
 * The connector with the seller's configuration version, for a caller that
 * has no API key to learn it from (a webhook): one query.
 */
export async function connectorForDelivery(db: Db, sellerId: string, kind: ConnectorKind): Promise<{ secret: string; configVersion: number } | undefined> {
  const [row] = await db
    .select({ secret: connectors.secret, configVersion: sellers.configVersion })
    .from(connectors)
    .innerJoin(sellers, eq(sellers.id, connectors.sellerId))
    .where(and(eq(connectors.sellerId, sellerId), eq(connectors.kind, kind)));
  return row;
}

export async function putConnector(db: Db, sellerId: string, kind: ConnectorKind, secret: string): Promise<ConnectorRow> {
  const [row] = await db
    .insert(connectors)
    .values({ sellerId, kind, secret })
    .onConflictDoUpdate({ target: [connectors.sellerId, connectors.kind], set: { secret, updatedAt: new Date() } })
    .returning();
  return row!;
}

/** Removes the connector; its events stay, so a later connector still knows what was taken. */
export async function deleteConnector(db: Db, sellerId: string, kind: ConnectorKind): Promise<boolean> {
  const deleted = await db.delete(connectors).where(and(eq(connectors.sellerId, sellerId), eq(connectors.kind, kind))).returning({ kind: connectors.kind });
  return deleted.length > 0;
}

export async function lastEvent(db: Db, sellerId: string, kind: ConnectorKind): Promise<ConnectorEventRow | undefined> {
  const [row] = await db
    .select()
    .from(connectorEvents)
    .where(and(eq(connectorEvents.sellerId, sellerId), eq(connectorEvents.kind, kind)))
    .orderBy(desc(connectorEvents.receivedAt), desc(connectorEvents.eventId))
    .limit(1);
  return row;
}

export async function findEvent(db: Db, sellerId: string, kind: ConnectorKind, eventId: string): Promise<ConnectorEventRow | undefined> {
  const [row] = await db
    .select()
    .from(connectorEvents)
    .where(and(eq(connectorEvents.sellerId, sellerId), eq(connectorEvents.kind, kind), eq(connectorEvents.eventId, eventId)));
  return row;
}

export interface EventOutcome {
  status: ConnectorEventStatus;
  transactionId?: string | null;
  attentionId?: string | null;
}

/**
 * Claims the event id before its write: false when it was taken already
 * (a concurrent delivery of the same event waits here for the first to end,
 * then finds it).
 */
export async function claimEvent(db: Db, sellerId: string, kind: ConnectorKind, event: { id: string; type: string }): Promise<boolean> {
  const inserted = await db
    .insert(connectorEvents)
    .values({ sellerId, kind, eventId: event.id, type: event.type, status: 'ignored' })
    .onConflictDoNothing()
    .returning({ eventId: connectorEvents.eventId });
  return inserted.length > 0;
}

export async function settleEvent(db: Db, sellerId: string, kind: ConnectorKind, eventId: string, outcome: EventOutcome): Promise<void> {
  await db
    .update(connectorEvents)
    .set({ status: outcome.status, transactionId: outcome.transactionId ?? null, attentionId: outcome.attentionId ?? null })
    .where(and(eq(connectorEvents.sellerId, sellerId), eq(connectorEvents.kind, kind), eq(connectorEvents.eventId, eventId)));
}

/** The open needs-attention item a connector holds for a transaction id, if any. */
export async function openHeldItem(db: Db, sellerId: string, sourceId: string, reference: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: attentionItems.id, status: attentionItems.status })
    .from(attentionItems)
    .where(and(eq(attentionItems.sellerId, sellerId), eq(attentionItems.source, 'connector'), eq(attentionItems.sourceId, sourceId), eq(attentionItems.reference, reference)));
  return row?.status === 'open' ? row.id : undefined;
}

/** The item (whatever its status) a connector holds for a transaction id. */
export async function heldItemId(db: Db, sellerId: string, sourceId: string, reference: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: attentionItems.id })
    .from(attentionItems)
    .where(and(eq(attentionItems.sellerId, sellerId), eq(attentionItems.source, 'connector'), eq(attentionItems.sourceId, sourceId), eq(attentionItems.reference, reference)));
  return row?.id;
}
