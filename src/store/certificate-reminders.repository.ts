/**
 * Expiry reminders and the sellers' daily digests. Each is claimed by the
 * insert that creates its row (`on conflict do nothing`: the primary key is
 * once per certificate and expiration date, once per seller and day), or,
 * for a failed one or one whose claim was abandoned (`attempted_at` older
 * than `staleBefore`: its process died mid-send), by the conditional UPDATE
 * that counts the next attempt, so any number of runs at once send each at
 * most once.
 */
import { and, between, eq, gte, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from './open.js';
import { alertChannels, certificateDigests, certificateReminders, certificates, customers } from './schema.js';

export type ReminderRow = typeof certificateReminders.$inferSelect;
export type DigestRow = typeof certificateDigests.$inferSelect;

export interface ReminderKey {
  sellerId: string;
  certificateId: string;
  expirationDate: string;
}

/** Sellers that can send email: reminders and digests go through their SMTP server. */
export async function sellersWithEmail(db: Db, among?: readonly string[]): Promise<string[]> {
  const rows = await db
    .select({ sellerId: alertChannels.sellerId })
    .from(alertChannels)
    .where(and(isNotNull(alertChannels.email), among ? inArray(alertChannels.sellerId, [...among]) : undefined))
    .orderBy(alertChannels.sellerId);
  return rows.map((r) => r.sellerId);
}

export interface ExpiringCertificate {
  id: string;
  customerId: string;
  customerName: string | null;
  customerEmail: string | null;
  jurisdictions: string[];
  number: string | null;
  expirationDate: string;
}

/** Certificates in force (approved, not archived) whose expiration date falls within [from, to]. */
export async function expiringCertificates(db: Db, sellerId: string, from: string, to: string): Promise<ExpiringCertificate[]> {
  const rows = await db
    .select({
      id: certificates.id,
      customerId: certificates.customerId,
      customerName: customers.name,
      customerEmail: customers.email,
      jurisdictions: certificates.jurisdictions,
      number: certificates.number,
      expirationDate: certificates.expirationDate,
    })
    .from(certificates)
    .leftJoin(customers, and(eq(customers.sellerId, certificates.sellerId), eq(customers.id, certificates.customerId)))
    .where(and(eq(certificates.sellerId, sellerId), eq(certificates.archived, false), eq(certificates.status, 'active'), between(certificates.expirationDate, from, to)))
    .orderBy(certificates.expirationDate, certificates.id);
  return rows.map((r) => ({ ...r, customerEmail: r.customerEmail?.trim() || null, expirationDate: r.expirationDate! }));
}

const keyOf = (k: ReminderKey) =>
  and(eq(certificateReminders.sellerId, k.sellerId), eq(certificateReminders.certificateId, k.certificateId), eq(certificateReminders.expirationDate, k.expirationDate));

/** Records that the customer has no email on record (the digest lists it); never overwrites a reminder already made. */
export async function noteNoEmail(db: Db, key: ReminderKey): Promise<void> {
  await db.insert(certificateReminders).values({ ...key, email: null, status: 'skipped', lastError: 'no email on record' }).onConflictDoNothing();
}

/** When a claim is made (`now`), and before when an unrecorded one counts as abandoned. */
export interface ClaimClock {
  now: Date;
  staleBefore: Date;
}

const INTERRUPTED = 'interrupted: the server stopped before the email was recorded as sent';

/**
 * Claims the reminder for sending to `email`: the first time, or again
 * after a failure or an abandoned claim (fewer than `maxAttempts` so far),
 * or once the customer has an email after being skipped for having none.
 * Answers the attempt number, or nothing when another run has it or it
 * needs no sending.
 */
export async function claimReminder(db: Db, key: ReminderKey, email: string, maxAttempts: number, clock: ClaimClock): Promise<number | undefined> {
  const [created] = await db
    .insert(certificateReminders)
    .values({ ...key, email, status: 'pending', attempts: 1, attemptedAt: clock.now })
    .onConflictDoNothing()
    .returning({ attempts: certificateReminders.attempts });
  if (created) return created.attempts;
  const t = certificateReminders;
  const [retried] = await db
    .update(t)
    .set({ email, status: 'pending', attempts: sql`${t.attempts} + 1`, attemptedAt: clock.now, lastError: null })
    .where(and(keyOf(key), or(and(retryable(t, clock), lt(t.attempts, maxAttempts)), eq(t.status, 'skipped'))))
    .returning({ attempts: t.attempts });
  if (!retried) await giveUpAbandoned(db, t, keyOf(key), maxAttempts, clock);
  return retried?.attempts;
}

type Claimed = typeof certificateReminders | typeof certificateDigests;

/** Failed, or pending under a claim older than the timeout. */
function retryable(t: Claimed, clock: ClaimClock) {
  return or(eq(t.status, 'failed'), and(eq(t.status, 'pending'), lt(t.attemptedAt, clock.staleBefore)));
}

/** An abandoned claim with no attempts left is failed, so the digest says so rather than "being sent" for ever. */
async function giveUpAbandoned(db: Db, t: Claimed, key: SQL | undefined, maxAttempts: number, clock: ClaimClock): Promise<void> {
  await db
    .update(t)
    .set({ status: 'failed', lastError: INTERRUPTED })
    .where(and(key, eq(t.status, 'pending'), lt(t.attemptedAt, clock.staleBefore), gte(t.attempts, maxAttempts)));
}

/** `at` is the run's clock, so the digest of that day counts the reminder as sent on it. */
export async function recordReminder(db: Db, key: ReminderKey, outcome: { sent: true } | { sent: false; error: string }, at: Date): Promise<void> {
  await db
    .update(certificateReminders)
    .set(outcome.sent ? { status: 'sent', sentAt: at, lastError: null } : { status: 'failed', lastError: outcome.error })
    .where(keyOf(key));
}

export async function remindersOf(db: Db, sellerId: string, certificateIds: readonly string[]): Promise<ReminderRow[]> {
  if (certificateIds.length === 0) return [];
  return db
    .select()
    .from(certificateReminders)
    .where(and(eq(certificateReminders.sellerId, sellerId), inArray(certificateReminders.certificateId, [...certificateIds])));
}

/** Claims the seller's digest for the day (first time, or again after a failure or an abandoned claim); answers the attempt number. */
export async function claimDigest(db: Db, sellerId: string, day: string, content: Record<string, unknown>, maxAttempts: number, clock: ClaimClock): Promise<number | undefined> {
  const [created] = await db
    .insert(certificateDigests)
    .values({ sellerId, day, content, status: 'pending', attempts: 1, attemptedAt: clock.now })
    .onConflictDoNothing()
    .returning({ attempts: certificateDigests.attempts });
  if (created) return created.attempts;
  const t = certificateDigests;
  const key = and(eq(t.sellerId, sellerId), eq(t.day, day));
  const [retried] = await db
    .update(t)
    .set({ content, status: 'pending', attempts: sql`${t.attempts} + 1`, attemptedAt: clock.now, lastError: null })
    .where(and(key, retryable(t, clock), lt(t.attempts, maxAttempts)))
    .returning({ attempts: t.attempts });
  if (!retried) await giveUpAbandoned(db, t, key, maxAttempts, clock);
  return retried?.attempts;
}

export async function recordDigest(db: Db, sellerId: string, day: string, outcome: { sent: true } | { sent: false; error: string }, at: Date): Promise<void> {
  await db
    .update(certificateDigests)
    .set(outcome.sent ? { status: 'sent', sentAt: at, lastError: null } : { status: 'failed', lastError: outcome.error })
    .where(and(eq(certificateDigests.sellerId, sellerId), eq(certificateDigests.day, day)));
}

export async function getDigest(db: Db, sellerId: string, day: string): Promise<DigestRow | undefined> {
  const [row] = await db.select().from(certificateDigests).where(and(eq(certificateDigests.sellerId, sellerId), eq(certificateDigests.day, day)));
  return row;
}
