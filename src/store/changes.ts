/**
 * Changes to what API processes cache about a seller (its keys, settings,
 * products, registrations, customers, certificates) are announced with
 * NOTIFY in the writing transaction, so they are heard when it commits, by
 * every process. The payload is the seller id.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './open.js';

export const CHANGES_CHANNEL = 'levy_seller_changes';

export async function announceChange(db: Db, sellerId: string): Promise<void> {
  await db.execute(sql`select pg_notify(${CHANGES_CHANNEL}, ${sellerId})`);
}
