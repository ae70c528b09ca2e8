/** Filed returns, and the question every write into the ledger asks: is this day in a filed period? */
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { CalculateResponse } from '../engine/schemas.js';
import { TaxError } from '../errors/tax-error.js';
import type { Db } from './open.js';
import { filedReturns } from './schema.js';

export type FiledReturn = typeof filedReturns.$inferSelect;

/**
 * A transaction's answer, or a way to read it when it is needed: the
 * returns of registrations outside the US (CA, GB, EU-OSS ...) are found by
 * the jurisdictions on its lines, since `nexus_jurisdiction_id` names US
 * states only. US writes never read it.
 */
export type AnswerOf = Pick<CalculateResponse, 'lines'> | (() => Promise<Pick<CalculateResponse, 'lines'>>);

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

/** The filed return whose period holds `date` for the state (or, outside the US, for a jurisdiction of `answer`), if any. */
export async function filedReturnCovering(db: Db, sellerId: string, jurisdictionId: string | null, date: string, answer?: AnswerOf): Promise<FiledReturn | undefined> {
  if (!jurisdictionId) return answer ? filedRegistrationCovering(db, sellerId, date, answer) : undefined;
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
 * The lock key of all of a seller's returns outside the US. A writer knows
 * the jurisdictions of its lines (DE), not every return they land on (DE or
 * EU-OSS), so these returns share one key: filings are rare, and a filing
 * only waits for the writes in flight.
 */
export const REGISTRATION_RETURNS = '*registrations*';

/**
 * Holds the state's returns for filing until the transaction ends: writers
 * that check a period (refuseFiled) wait, so none slips into a return between
 * its figures being read and its being recorded as filed.
 */
export async function lockReturnsForFiling(db: Db, sellerId: string, jurisdictionId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${RETURNS_LOCK}, hashtext(${`${sellerId}|${jurisdictionId}`}))`);
}

/**
 * Refuses a change dated in a filed period. Call it inside the writing
 * transaction. A sale outside the US has no `jurisdictionId`: give its
 * `answer` and the returns of the registrations its lines collect for are
 * checked.
 */
export async function refuseFiled(db: Db, sellerId: string, jurisdictionId: string | null, date: string, what: string, answer?: AnswerOf): Promise<void> {
  if (!jurisdictionId) {
    if (answer) await refuseFiledRegistration(db, sellerId, date, what, answer);
    return;
  }
  await db.execute(sql`select pg_advisory_xact_lock_shared(${RETURNS_LOCK}, hashtext(${`${sellerId}|${jurisdictionId}`}))`);
  const filed = await filedReturnCovering(db, sellerId, jurisdictionId, date);
  if (filed) {
    throw new TaxError('period_filed', `${what} is dated ${date}, in ${filed.jurisdictionId}'s ${filed.period} period, filed on ${filed.filedAt}: date it in the open period`, 'date');
  }
}

/** The seller's filed periods by state (or, outside the US, by the jurisdictions of an answer), for checking many dates at once (an import). */
export async function filedSpans(db: Db, sellerId: string): Promise<(jurisdictionId: string | null, date: string, answer?: Pick<CalculateResponse, 'lines'>) => FiledReturn | undefined> {
  const rows = await db.select().from(filedReturns).where(eq(filedReturns.sellerId, sellerId));
  const registrationRows = rows.filter((r) => coversOf(r) !== undefined);
  return (jurisdictionId, date, answer) => {
    if (jurisdictionId || !answer) return rows.find((r) => r.jurisdictionId === jurisdictionId && r.start <= date && date <= r.end);
    if (registrationRows.length === 0) return undefined;
    return coveringOf(registrationRows.filter((r) => r.start <= date && date <= r.end), answer);
  };
}

/** A filed non-US return's jurisdictions (`covers` in its report); undefined for a US state's. */
function coversOf(row: FiledReturn): readonly string[] | undefined {
  const covers = (row.report as { covers?: unknown } | null)?.covers;
  return Array.isArray(covers) ? (covers as string[]) : undefined;
}

/** The first of `rows` covering a jurisdiction that collects on a line of `answer`. */
function coveringOf(rows: readonly FiledReturn[], answer: Pick<CalculateResponse, 'lines'>): FiledReturn | undefined {
  const collected = new Set(answer.lines.flatMap((l) => l.jurisdictions.filter((j) => j.collect).map((j) => j.id)));
  if (collected.size === 0) return undefined;
  return rows.find((r) => coversOf(r)?.some((id) => collected.has(id)));
}

/** The filed non-US return whose period holds `date` and covers a jurisdiction the answer collects for. */
async function filedRegistrationCovering(db: Db, sellerId: string, date: string, answer: AnswerOf): Promise<FiledReturn | undefined> {
  const rows = await db
    .select()
    .from(filedReturns)
    .where(and(eq(filedReturns.sellerId, sellerId), lte(filedReturns.start, date), gte(filedReturns.end, date), sql`${filedReturns.report} ? 'covers'`));
  if (rows.length === 0) return undefined;
  return coveringOf(rows, typeof answer === 'function' ? await answer() : answer);
}

async function refuseFiledRegistration(db: Db, sellerId: string, date: string, what: string, answer: AnswerOf): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock_shared(${RETURNS_LOCK}, hashtext(${`${sellerId}|${REGISTRATION_RETURNS}`}))`);
  const filed = await filedRegistrationCovering(db, sellerId, date, answer);
  if (filed) {
    throw new TaxError('period_filed', `${what} is dated ${date}, in ${filed.jurisdictionId}'s ${filed.period} period, filed on ${filed.filedAt}: date it in the open period`, 'date');
  }
}

/**
 * Checks many writes of one database transaction (an import's batch): the
 * returns of each state (or, outside the US, all registrations' returns) are
 * locked shared the first time a write meets them, and the filed periods
 * read after that, so a return filed while an import runs is seen by the
 * next batch that writes into it, and no batch slips into one being filed.
 */
export function filedChecker(db: Db, sellerId: string): (jurisdictionId: string | null, date: string, answer: Pick<CalculateResponse, 'lines'>) => Promise<FiledReturn | undefined> {
  const locked = new Set<string>();
  let spans: Awaited<ReturnType<typeof filedSpans>> | undefined;
  return async (jurisdictionId, date, answer) => {
    const key = jurisdictionId ?? REGISTRATION_RETURNS;
    if (!locked.has(key)) {
      await db.execute(sql`select pg_advisory_xact_lock_shared(${RETURNS_LOCK}, hashtext(${`${sellerId}|${key}`}))`);
      locked.add(key);
      spans = undefined;
    }
    spans ??= await filedSpans(db, sellerId);
    return spans(jurisdictionId, date, answer);
  };
}
