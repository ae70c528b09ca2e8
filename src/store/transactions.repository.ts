/**
 * The ledger. A transaction keeps every version it had while uncommitted;
 * once committed it changes only by void or by refund, and a refund is a
 * transaction of its own. Each function is one database transaction; the
 * transaction's row is locked (FOR UPDATE) while it changes, so concurrent
 * writers of one id queue up instead of losing updates.
 */
import { and, asc, desc, eq, gt, gte, ilike, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { TaxError } from '../errors/tax-error.js';
import type { CalculateResponse } from '../engine/schemas.js';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { NexusFacts } from '../nexus/facts.js';
import type { Db } from './open.js';
import { addToSalesByDay, deltaOf } from './sales-by-day.repository.js';
import { containing } from './like.js';
import { filedReturnCovering, refuseFiled, type AnswerOf } from './filed-returns.repository.js';
import { transactions, transactionVersions, type HeldProvenance, type TransactionStatus } from './schema.js';

export type TransactionRow = typeof transactions.$inferSelect;

export interface WriteInput {
  id: string;
  /** The request as received, kept with the version. */
  request: unknown;
  result: CalculateResponse;
  commit: boolean;
  /** What the sale adds to its state's nexus figures once committed. */
  facts: NexusFacts | null;
  /** A marketplace facilitator collected the tax. */
  marketplace?: boolean | undefined;
  /** An imported sale (reposted after it was held): recorded as imported, with the tax actually collected. */
  provenance?: HeldProvenance | null | undefined;
}

function figures(result: CalculateResponse, customerId: string | undefined, facts: NexusFacts | null) {
  return {
    date: result.date,
    currency: result.currency,
    customerId: customerId ?? null,
    subtotal: result.subtotal,
    tax: result.tax,
    total: result.total,
    ...factColumns(facts),
  };
}

export function factColumns(facts: NexusFacts | null) {
  return {
    nexusJurisdictionId: facts?.jurisdictionId ?? null,
    nexusGross: facts?.gross ?? null,
    nexusRetail: facts?.retail ?? null,
    nexusTaxable: facts?.taxable ?? null,
    nexusEstimatedTax: facts?.estimatedTax ?? null,
    nexusCollectedTax: facts?.collectedTax ?? null,
  };
}

function provenanceColumns(provenance: HeldProvenance | null | undefined) {
  return provenance ? { source: provenance.source, taxCollected: provenance.taxCollected } : { source: 'api' as const, taxCollected: null };
}

/** Creates the transaction, or adds a version to it while it is uncommitted. */
export async function createOrUpdate(db: Db, sellerId: string, input: WriteInput, customerId: string | undefined): Promise<TransactionRow> {
  return db.transaction(async (tx) => {
    if (input.commit) await refuseFiled(tx, sellerId, input.facts?.jurisdictionId ?? null, input.result.date, `transaction ${input.id}`, input.result);
    const status: TransactionStatus = input.commit ? 'committed' : 'uncommitted';
    const now = sql`now()`;
    const [created] = await tx
      .insert(transactions)
      .values({
        sellerId,
        id: input.id,
        type: 'sale',
        status,
        version: 1,
        ...figures(input.result, customerId, input.facts),
        ...provenanceColumns(input.provenance),
        marketplace: input.marketplace ?? false,
        committedAt: input.commit ? now : null,
      })
      .onConflictDoNothing()
      .returning();
    if (created) {
      await tx.insert(transactionVersions).values({ sellerId, transactionId: input.id, version: 1, request: input.request, result: input.result });
      if (input.commit) await addToSalesByDay(tx, sellerId, [deltaOf(created, 1)]);
      return created;
    }
    const current = await locked(tx, sellerId, input.id);
    if (current.type !== 'sale') throw new TaxError('transaction_exists', `${input.id} is a refund; a sale needs an id of its own`, 'id');
    refuseUnlessUncommitted(current);
    const version = current.version + 1;
    await tx.insert(transactionVersions).values({ sellerId, transactionId: input.id, version, request: input.request, result: input.result });
    const row = await update(tx, sellerId, input.id, {
      version,
      status,
      ...figures(input.result, customerId, input.facts),
      ...provenanceColumns(input.provenance),
      marketplace: input.marketplace ?? false,
      committedAt: input.commit ? now : null,
    });
    if (input.commit) await addToSalesByDay(tx, sellerId, [deltaOf(row, 1)]);
    return row;
  });
}

export async function commitTransaction(db: Db, sellerId: string, id: string): Promise<TransactionRow> {
  return db.transaction(async (tx) => {
    const current = await locked(tx, sellerId, id);
    if (current.status === 'committed') return current;
    if (current.status === 'voided') throw new TaxError('transaction_voided', `transaction ${id} is voided`);
    await refuseFiled(tx, sellerId, current.nexusJurisdictionId, current.date, `transaction ${id}`, () => latestResult(tx, sellerId, current));
    const row = await update(tx, sellerId, id, { status: 'committed', committedAt: sql`now()` });
    await addToSalesByDay(tx, sellerId, [deltaOf(row, 1)]);
    return row;
  });
}

export async function voidTransaction(db: Db, sellerId: string, id: string): Promise<TransactionRow> {
  return db.transaction(async (tx) => {
    const current = await locked(tx, sellerId, id);
    if (current.status === 'voided') return current;
    const [refund] = await tx
      .select({ id: transactions.id })
      .from(transactions)
      .where(and(eq(transactions.sellerId, sellerId), eq(transactions.originalId, id), ne(transactions.status, 'voided')))
      .limit(1);
    if (refund) throw new TaxError('transaction_refunded', `transaction ${id} has refund ${refund.id}: void the refunds first`);
    if (current.status === 'committed') {
      await refuseFiled(tx, sellerId, current.nexusJurisdictionId, current.date, `transaction ${id}`, () => latestResult(tx, sellerId, current));
      await addToSalesByDay(tx, sellerId, [deltaOf(current, -1)]);
    }
    return update(tx, sellerId, id, { status: 'voided', voidedAt: sql`now()` });
  });
}

/**
 * Records a refund of a committed sale. `compute` gets the sale's answer and
 * those of its standing refunds, with the sale locked, so two refunds at
 * once cannot both take the same remainder.
 */
export async function refundTransaction(
  db: Db,
  sellerId: string,
  originalId: string,
  refund: { id: string; request: unknown },
  compute: (original: CalculateResponse, previous: CalculateResponse[]) => CalculateResponse,
  factsOf: (result: CalculateResponse, original: TransactionRow) => NexusFacts | null,
): Promise<{ row: TransactionRow; result: CalculateResponse }> {
  return db.transaction(async (tx) => {
    const original = await locked(tx, sellerId, originalId);
    if (original.type !== 'sale') throw new TaxError('parameter_invalid', `${originalId} is itself a refund`, 'id');
    if (original.status !== 'committed') {
      throw new TaxError('transaction_not_committed', `transaction ${originalId} is ${original.status}: only a committed transaction can be refunded`);
    }
    const [taken] = await tx.select({ id: transactions.id }).from(transactions).where(and(eq(transactions.sellerId, sellerId), eq(transactions.id, refund.id)));
    if (taken) throw new TaxError('transaction_exists', `a transaction ${refund.id} exists already`, 'id');
    const previous = await tx
      .select({ id: transactions.id, version: transactions.version })
      .from(transactions)
      .where(and(eq(transactions.sellerId, sellerId), eq(transactions.originalId, originalId), ne(transactions.status, 'voided')));
    const result = compute(await latestResult(tx, sellerId, original), await Promise.all(previous.map((p) => versionResult(tx, sellerId, p.id, p.version))));
    await refuseFiled(tx, sellerId, original.nexusJurisdictionId, result.date, `refund ${refund.id}`, result);
    const [row] = await tx
      .insert(transactions)
      .values({
        sellerId,
        id: refund.id,
        type: 'refund',
        originalId,
        status: 'committed',
        version: 1,
        ...figures(result, original.customerId ?? undefined, factsOf(result, original)),
        marketplace: original.marketplace,
        committedAt: sql`now()`,
      })
      .returning();
    await tx.insert(transactionVersions).values({ sellerId, transactionId: refund.id, version: 1, request: refund.request, result });
    await addToSalesByDay(tx, sellerId, [deltaOf(row!, 1)]);
    return { row: row!, result };
  });
}

export async function getTransaction(db: Db, sellerId: string, id: string) {
  const [row] = await db.select().from(transactions).where(and(eq(transactions.sellerId, sellerId), eq(transactions.id, id)));
  if (!row) return undefined;
  const [result, versions, refunds] = await Promise.all([
    latestResult(db, sellerId, row),
    db
      .select({ version: transactionVersions.version, createdAt: transactionVersions.createdAt })
      .from(transactionVersions)
      .where(and(eq(transactionVersions.sellerId, sellerId), eq(transactionVersions.transactionId, id)))
      .orderBy(asc(transactionVersions.version)),
    db
      .select({ id: transactions.id, status: transactions.status, date: transactions.date, total: transactions.total })
      .from(transactions)
      .where(and(eq(transactions.sellerId, sellerId), eq(transactions.originalId, id)))
      .orderBy(asc(transactions.createdAt)),
  ]);
  return { row, result, versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString() })), refunds };
}

export interface ListFilter {
  from?: string | undefined;
  to?: string | undefined;
  status?: TransactionStatus | undefined;
  customerId?: string | undefined;
  type?: 'sale' | 'refund' | undefined;
  jurisdiction?: string | undefined;
  q?: string | undefined;
  order?: 'asc' | 'desc' | undefined;
}

/** In (date, id) order, or its reverse; `after` is the last (date, id) of the previous page. */
export async function listTransactions(db: Db, sellerId: string, filter: ListFilter, limit: number, after?: { date: string; id: string }): Promise<TransactionRow[]> {
  const newestFirst = filter.order === 'desc';
  const before = (last: { date: string; id: string }) => or(lt(transactions.date, last.date), and(eq(transactions.date, last.date), lt(transactions.id, last.id)));
  const conditions: Array<SQL | undefined> = [
    eq(transactions.sellerId, sellerId),
    filter.from ? gte(transactions.date, filter.from) : undefined,
    filter.to ? lte(transactions.date, filter.to) : undefined,
    filter.status ? eq(transactions.status, filter.status) : undefined,
    filter.customerId ? eq(transactions.customerId, filter.customerId) : undefined,
    filter.type ? eq(transactions.type, filter.type) : undefined,
    filter.q ? or(ilike(transactions.id, containing(filter.q)), ilike(transactions.customerId, containing(filter.q))) : undefined,
    filter.jurisdiction
      ? sql`exists (
          select 1 from ${transactionVersions} v
          cross join lateral jsonb_array_elements(v.result->'lines') l
          cross join lateral jsonb_array_elements(l->'jurisdictions') j
          where v.seller_id = ${transactions.sellerId} and v.transaction_id = ${transactions.id} and v.version = ${transactions.version}
            and (j->>'id' = ${filter.jurisdiction} or j->>'id' like ${`${filter.jurisdiction}-%`}))`
      : undefined,
    after ? (newestFirst ? before(after) : or(gt(transactions.date, after.date), and(eq(transactions.date, after.date), gt(transactions.id, after.id)))) : undefined,
  ];
  return db
    .select()
    .from(transactions)
    .where(and(...conditions))
    .orderBy(...(newestFirst ? [desc(transactions.date), desc(transactions.id)] : [asc(transactions.date), asc(transactions.id)]))
    .limit(limit);
}

async function update(db: Db, sellerId: string, id: string, set: PgUpdateSetSource<typeof transactions>): Promise<TransactionRow> {
  const [row] = await db
    .update(transactions)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(transactions.sellerId, sellerId), eq(transactions.id, id)))
    .returning();
  return row!;
}

async function locked(db: Db, sellerId: string, id: string): Promise<TransactionRow> {
  const [row] = await db.select().from(transactions).where(and(eq(transactions.sellerId, sellerId), eq(transactions.id, id))).for('update');
  if (!row) throw new TaxError('resource_not_found', `no transaction ${id}`);
  return row;
}

function refuseUnlessUncommitted(row: TransactionRow): void {
  if (row.status === 'committed') throw new TaxError('transaction_committed', `transaction ${row.id} is committed: void it or refund it instead`, 'id');
  if (row.status === 'voided') throw new TaxError('transaction_voided', `transaction ${row.id} is voided`, 'id');
}

/** The answer of the transaction's current version. */
export async function latestResult(db: Db, sellerId: string, row: TransactionRow): Promise<CalculateResponse> {
  return versionResult(db, sellerId, row.id, row.version);
}

async function versionResult(db: Db, sellerId: string, id: string, version: number): Promise<CalculateResponse> {
  const [v] = await db
    .select({ result: transactionVersions.result })
    .from(transactionVersions)
    .where(and(eq(transactionVersions.sellerId, sellerId), eq(transactionVersions.transactionId, id), eq(transactionVersions.version, version)));
  return v!.result as CalculateResponse;
}


/** Whether a committed transaction's date falls in a filed period (it then changes only by a refund in the open period). */
export async function inFiledPeriod(db: Db, sellerId: string, id: string): Promise<boolean> {
  const [row] = await db.select().from(transactions).where(and(eq(transactions.sellerId, sellerId), eq(transactions.id, id)));
  return row !== undefined && (await filedReturnHolding(db, sellerId, row)) !== undefined;
}

/** The filed return a committed transaction is frozen in, if any. */
export async function filedReturnHolding(db: Db, sellerId: string, row: TransactionRow, answer: AnswerOf = () => latestResult(db, sellerId, row)) {
  if (row.status !== 'committed') return undefined;
  return filedReturnCovering(db, sellerId, row.nexusJurisdictionId, row.date, answer);
}

export interface Revision {
  /** The request the engine was given (kept with the version). */
  request: unknown;
  result: CalculateResponse;
  facts: NexusFacts | null;
}

/**
 * A committed sale of an open period recalculated in place: a new version,
 * its figures replaced, and its nexus figures moved from the old answer to
 * the new. `version` is the version the recalculation started from: a sale
 * changed since is left alone (undefined).
 */
export async function reviseCommitted(db: Db, sellerId: string, id: string, version: number, revision: Revision): Promise<TransactionRow | undefined> {
  return db.transaction(async (tx) => {
    const current = await locked(tx, sellerId, id);
    if (current.status !== 'committed' || current.version !== version) return undefined;
    await refuseFiled(tx, sellerId, current.nexusJurisdictionId, current.date, `transaction ${id}`, () => latestResult(tx, sellerId, current));
    await refuseFiled(tx, sellerId, revision.facts?.jurisdictionId ?? null, current.date, `transaction ${id}`, revision.result);
    const result = { ...revision.result, date: current.date };
    await tx.insert(transactionVersions).values({ sellerId, transactionId: id, version: version + 1, request: revision.request, result });
    const row = await update(tx, sellerId, id, { version: version + 1, subtotal: result.subtotal, tax: result.tax, total: result.total, ...factColumns(revision.facts) });
    await addToSalesByDay(tx, sellerId, [deltaOf(current, -1), deltaOf(row, 1)]);
    return row;
  });
}

/**
 * A committed sale of a filed period corrected without touching it: a
 * negation (a full refund, at its own rates) and the corrected sale, both
 * dated `date` in the open period. The corrected sale keeps the original's
 * invoice date in its request, so it is taxed at that date's rates.
 */
export async function correctInOpenPeriod(
  db: Db,
  sellerId: string,
  id: string,
  version: number,
  ids: { negation: string; correction: string },
  date: string,
  negate: (original: CalculateResponse) => CalculateResponse,
  negationFacts: (result: CalculateResponse, original: TransactionRow) => NexusFacts | null,
  revision: Revision,
): Promise<{ negation: TransactionRow; correction: TransactionRow } | undefined> {
  return db.transaction(async (tx) => {
    const current = await locked(tx, sellerId, id);
    if (current.status !== 'committed' || current.version !== version) return undefined;
    const { row: negation } = await refundTransaction(tx, sellerId, id, { id: ids.negation, request: { negationOf: id, correction: ids.correction, date } }, (original) => negate(original), negationFacts);
    await refuseFiled(tx, sellerId, revision.facts?.jurisdictionId ?? null, date, `correction ${ids.correction}`, revision.result);
    const result = { ...revision.result, date };
    const [correction] = await tx
      .insert(transactions)
      .values({
        sellerId,
        id: ids.correction,
        type: 'sale',
        status: 'committed',
        version: 1,
        ...figures(result, current.customerId ?? undefined, revision.facts),
        correctionOf: id,
        committedAt: sql`now()`,
      })
      .returning();
    await tx.insert(transactionVersions).values({ sellerId, transactionId: ids.correction, version: 1, request: revision.request, result });
    await addToSalesByDay(tx, sellerId, [deltaOf(correction!, 1)]);
    return { negation, correction: correction! };
  });
}
