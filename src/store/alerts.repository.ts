/**
 * Alerts and the channels they go out on. An alert row is inserted once per
 * key; its delivery is claimed by one worker at a time (FOR UPDATE SKIP
 * LOCKED, the way pg-boss claims jobs) and retried with backoff.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, lt, lte, or, sql } from 'drizzle-orm';
import type { AlertCandidate } from '../alerts/decide.js';
import type { Db } from './open.js';
import { alertChannels, alerts, type DeliveryStatus } from './schema.js';

export type AlertRow = typeof alerts.$inferSelect;
export type Channels = { email: NonNullable<typeof alertChannels.$inferSelect['email']> | null; webhook: NonNullable<typeof alertChannels.$inferSelect['webhook']> | null };

export async function getChannels(db: Db, sellerId: string): Promise<Channels> {
  const [row] = await db.select().from(alertChannels).where(eq(alertChannels.sellerId, sellerId));
  return { email: row?.email ?? null, webhook: row?.webhook ?? null };
}

export async function putChannels(db: Db, sellerId: string, channels: Channels): Promise<void> {
  await db
    .insert(alertChannels)
    .values({ sellerId, ...channels })
    .onConflictDoUpdate({ target: alertChannels.sellerId, set: { ...channels, updatedAt: new Date() } });
}

/** Inserts the alerts not raised before; answers the new ones. */
export async function insertAlerts(db: Db, sellerId: string, candidates: readonly AlertCandidate[], channels: Channels): Promise<AlertRow[]> {
  if (candidates.length === 0) return [];
  const status = (on: boolean): DeliveryStatus => (on ? 'pending' : 'skipped');
  const pending = channels.email !== null || channels.webhook !== null;
  return db
    .insert(alerts)
    .values(
      candidates.map((c) => ({
        sellerId,
        id: `alert_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
        key: c.key,
        kind: c.kind,
        jurisdictionId: c.jurisdictionId,
        message: c.message,
        data: { ...c.data, jurisdictionName: c.jurisdictionName },
        emailStatus: status(channels.email !== null),
        webhookStatus: status(channels.webhook !== null),
        nextAttemptAt: pending ? new Date() : null,
      })),
    )
    .onConflictDoNothing({ target: [alerts.sellerId, alerts.key] })
    .returning();
}

export async function listAlerts(db: Db, sellerId: string, limit: number, before?: { createdAt: string; id: string }): Promise<AlertRow[]> {
  return db
    .select()
    .from(alerts)
    .where(
      and(
        eq(alerts.sellerId, sellerId),
        before ? or(lt(alerts.createdAt, new Date(before.createdAt)), and(eq(alerts.createdAt, new Date(before.createdAt)), lt(alerts.id, before.id))) : undefined,
      ),
    )
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(limit);
}

/**
 * Claims alerts due for delivery: each claimed row's next attempt moves
 * `leaseSeconds` ahead, so a worker that dies mid-delivery leaves it to be
 * retried, and two workers never send one alert at once.
 */
export async function claimDueAlerts(db: Db, limit: number, leaseSeconds: number): Promise<AlertRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(alerts)
      .where(lte(alerts.nextAttemptAt, new Date()))
      .orderBy(alerts.nextAttemptAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    for (const a of due) {
      await tx
        .update(alerts)
        .set({ attempts: sql`${alerts.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${leaseSeconds})` })
        .where(and(eq(alerts.sellerId, a.sellerId), eq(alerts.id, a.id)));
    }
    return due.map((a) => ({ ...a, attempts: a.attempts + 1 }));
  });
}

export async function recordDelivery(
  db: Db,
  alert: AlertRow,
  outcome: { emailStatus: DeliveryStatus; webhookStatus: DeliveryStatus; lastError: string | null; retryInSeconds: number | null },
): Promise<void> {
  await db
    .update(alerts)
    .set({
      emailStatus: outcome.emailStatus,
      webhookStatus: outcome.webhookStatus,
      lastError: outcome.lastError,
      nextAttemptAt: outcome.retryInSeconds === null ? null : sql`now() + make_interval(secs => ${outcome.retryInSeconds})`,
    })
    .where(and(eq(alerts.sellerId, alert.sellerId), eq(alerts.id, alert.id)));
}
