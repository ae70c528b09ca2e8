/**
 * Sellers and their API keys. Functions take the database or a transaction
 * handle first.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { formatKey, hashSecret, newKeyParts, verifySecret, type ParsedKey } from '../auth/keys.js';
import { announceChange } from './changes.js';
import type { Db } from './open.js';
import { apiKeys, sellers, type SellerSettings } from './schema.js';

export const DEFAULT_SETTINGS: SellerSettings = {
  accountingTimeZone: 'America/Los_Angeles',
  defaultProductId: null,
  unknownProduct: 'error',
  addressValidation: 'strict',
  nexusLookbackYears: 3,
  backfillCompletedAt: null,
};

export async function ensureSeller(db: Db, id: string, name?: string): Promise<void> {
  await db.insert(sellers).values({ id, name: name ?? null, settings: DEFAULT_SETTINGS }).onConflictDoNothing();
}

export async function getSeller(db: Db, id: string) {
  const [row] = await db.select().from(sellers).where(eq(sellers.id, id));
  return row;
}

/** Creates a key (and the seller, if new); the whole key is returned once and never again. */
export async function createApiKey(db: Db, sellerId: string, name?: string): Promise<{ key: string; keyId: string }> {
  const parts = newKeyParts(sellerId);
  const hash = await hashSecret(parts.secret);
  await db.transaction(async (tx) => {
    await ensureSeller(tx, sellerId);
    await tx.insert(apiKeys).values({ sellerId, keyId: parts.keyId, name: name ?? null, hash });
  });
  return { key: formatKey(parts), keyId: parts.keyId };
}

export async function listApiKeys(db: Db, sellerId?: string) {
  const rows = await db
    .select({ sellerId: apiKeys.sellerId, keyId: apiKeys.keyId, name: apiKeys.name, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(sellerId ? eq(apiKeys.sellerId, sellerId) : undefined)
    .orderBy(apiKeys.sellerId, apiKeys.createdAt);
  return rows;
}

/** True when a live key was revoked; false when there is no such key or it was revoked already. */
export async function revokeApiKey(db: Db, sellerId: string, keyId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.sellerId, sellerId), eq(apiKeys.keyId, keyId), isNull(apiKeys.revokedAt)))
      .returning({ keyId: apiKeys.keyId });
    // Every API process forgets what it knew of this seller's keys when this commits.
    if (rows.length > 0) await announceChange(tx, sellerId);
    return rows.length > 0;
  });
}

export interface KeyStanding {
  hash: string;
  revoked: boolean;
  configVersion: number;
}

/** The key's hash and whether it still works, with the seller's configuration version, in one query. */
export async function keyStanding(db: Db, key: Pick<ParsedKey, 'sellerId' | 'keyId'>): Promise<KeyStanding | undefined> {
  const [row] = await db
    .select({ hash: apiKeys.hash, revokedAt: apiKeys.revokedAt, configVersion: sellers.configVersion })
    .from(apiKeys)
    .innerJoin(sellers, eq(sellers.id, apiKeys.sellerId))
    .where(and(eq(apiKeys.sellerId, key.sellerId), eq(apiKeys.keyId, key.keyId)));
  return row ? { hash: row.hash, revoked: row.revokedAt !== null, configVersion: row.configVersion } : undefined;
}

export { verifySecret };

/** How stale a key's last use may be before it is recorded again. */
export const KEY_USE_GRANULARITY_MS = 60 * 60 * 1000;

/** Records that the key was used now, unless a use within the last hour is recorded already (so a busy key costs one write an hour). */
export async function recordKeyUse(db: Db, key: Pick<ParsedKey, 'sellerId' | 'keyId'>): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiKeys.sellerId, key.sellerId),
        eq(apiKeys.keyId, key.keyId),
        sql`(${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - make_interval(secs => ${KEY_USE_GRANULARITY_MS / 1000}))`,
      ),
    );
}

export async function sellerName(db: Db, sellerId: string): Promise<string | null> {
  const [row] = await db.select({ name: sellers.name }).from(sellers).where(eq(sellers.id, sellerId));
  return row?.name ?? null;
}

export async function setSellerName(db: Db, sellerId: string, name: string): Promise<string> {
  await db.update(sellers).set({ name }).where(eq(sellers.id, sellerId));
  return name;
}
