/** Filed returns, and the question every write into the ledger asks: is this day in a filed period? */
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import { TaxError } from '../errors/tax-error.js';
import type { Db } from './open.js';
import { filedReturns } from './schema.js';

export type FiledReturn = typeof filedReturns.$inferSelect;

export async function fileReturn(db: Db, sellerId: string, values: Omit<typeof filedReturns.$inferInsert, 'sellerId'>): Promise<FiledReturn> {
  const [row] = await db.insert(filedReturns).values({ sellerId, ...values }).onConflictDoNothing().returning();
  if (!row) throw new TaxError('period_filed', `the ${values.jurisdictionId} return for ${values.period} is filed already`);
  return row;
}

export async function getFiledReturn(db: Db, sellerId: string, jurisdictionId: string, period: string): Promise<FiledReturn | undefined> {
  const [row] = await db
    .select()
    .from(filedReturns)
    .where(and(eq(filedReturns.sellerId, sellerId), eq(filedReturns.jurisdictionId, jurisdictionId), eq(filedReturns.period, period)));
  return row;
}

export async function filedPeriods(db: Db, sellerId: string): Promise<Set<string>> {
  const rows = await db.select({ j: filedReturns.jurisdictionId, p: filedReturns.period }).from(filedReturns).where(eq(filedReturns.sellerId, sellerId));
  return new Set(rows.map((r) => `${r.j}|${r.p}`));
}

/** The filed return whose period holds `date` for the state, if any. */
export async function filedReturnCovering(db: Db, sellerId: string, jurisdictionId: string | null, date: string): Promise<FiledReturn | undefined> {
  if (!jurisdictionId) return undefined;
  const [row] = await db
    .select()
    .from(filedReturns)
    .where(and(eq(filedReturns.sellerId, sellerId), eq(filedReturns.jurisdictionId, jurisdictionId), lte(filedReturns.start, date), gte(filedReturns.end, date)))
    .limit(1);
  return row;
}

/** Advisory-lock class of a seller's returns in one state: writers share it, filing takes it alone. */
const RETURNS_LOCK = 7243012;

/**
 * Holds the state's returns for filing until the transaction ends: writers
 * that check a period (refuseFiled) wait, so none slips into a return between
 * its figures being read and its being recorded as filed.
 */
export async function lockReturnsForFiling(db: Db, sellerId: string, jurisdictionId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${RETURNS_LOCK}, hashtext(${`${sellerId}|${jurisdictionId}`}))`);
}

/** Refuses a change dated in a filed period. Call it inside the writing transaction. */
export async function refuseFiled(db: Db, sellerId: string, jurisdictionId: string | null, date: string, what: string): Promise<void> {
  if (!jurisdictionId) return;
  await db.execute(sql`select pg_advisory_xact_lock_shared(${RETURNS_LOCK}, hashtext(${`${sellerId}|${jurisdictionId}`}))`);
  const filed = await filedReturnCovering(db, sellerId, jurisdictionId, date);
  if (filed) {
    throw new TaxError('period_filed', `${what} is dated ${date}, in ${filed.jurisdictionId}'s ${filed.period} period, filed on ${filed.filedAt}: date it in the open period`, 'date');
  }
}

/** The seller's filed periods by state, for checking many dates at once (an import). */
export async function filedSpans(db: Db, sellerId: string): Promise<(jurisdictionId: string | null, date: string) => FiledReturn | undefined> {
  const rows = await db.select().from(filedReturns).where(eq(filedReturns.sellerId, sellerId));
  return (jurisdictionId, date) => rows.find((r) => r.jurisdictionId === jurisdictionId && r.start <= date && date <= r.end);
}
