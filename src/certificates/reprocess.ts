/**
 * Reprocessing: a customer's committed sales recalculated with its
 * certificates as they now stand. Planning reads and recalculates without
 * writing (the dry run); applying writes one sale at a time, recalculating
 * it again at that moment so nothing is applied from a stale plan.
 *
 * A sale in an open period gets a new version in place. A sale in a filed
 * period is never touched: a negation (a full refund at its own rates) and
 * a corrected sale are recorded in the open period, so the filed return
 * reads the same and the open one carries the difference.
 */
import type { Engine } from '../engine/load-engine.js';
import type { CalculateResponse } from '../engine/schemas.js';
import { withCustomers, type PreparedSeller } from '../engine/seller.js';
import { TaxError } from '../errors/tax-error.js';
import { refundOf } from '../ledger/refund.js';
import { requestOfVersion, sameFigures, withCustomerAddress, type RecalculatedRequest } from '../ledger/recalculate.js';
import { nexusFactsOf, refundFactsOf, resaleCertificatesOf } from '../nexus/facts.js';
import { getCustomer, loadCustomerContext, loadSellerContext } from '../store/config.repository.js';
import { filedReturnCovering } from '../store/filed-returns.repository.js';
import type { Db } from '../store/open.js';
import { reprocessCandidates as candidates, type ReprocessCandidate as Candidate } from '../store/reprocessings.repository.js';
import { correctInOpenPeriod, reviseCommitted } from '../store/transactions.repository.js';

export interface ReprocessScope {
  sellerId: string;
  certificateId: string;
  customerId: string;
  from: string;
  to: string;
  preferCustomerAddress: boolean;
}

export type PlannedAction = 'revise' | 'correct' | 'unchanged' | 'skip';

export interface PlannedItem {
  id: string;
  /** The invoice date: a correction's is its original's. */
  date: string;
  currency: string;
  taxBefore: number;
  taxAfter: number;
  difference: number;
  action: PlannedAction;
  /** The filed return whose period holds the sale: it is corrected in the open period. */
  filedPeriod: { jurisdictionId: string; period: string } | null;
  /** Why a sale is left as it is: `refunded` (refunds stand against it), `marketplace`, or the recalculation's error code. */
  reason: string | null;
  message: string | null;
}

/** The engine's view of the seller and this customer, with certificates as they stand now. */
export interface Prepared {
  seller: PreparedSeller;
  timeZone: string;
  address: Record<string, string> | null;
}

export async function prepare(db: Db, engine: Engine, scope: ReprocessScope): Promise<Prepared> {
  const [{ context, settings }, customer, customerContext] = await Promise.all([
    loadSellerContext(db, scope.sellerId),
    getCustomer(db, scope.sellerId, scope.customerId),
    loadCustomerContext(db, scope.sellerId, scope.customerId),
  ]);
  if (scope.preferCustomerAddress && !customer?.address) {
    throw new TaxError('parameter_invalid', `customer ${scope.customerId} has no address on record to prefer: set one with PUT /v1/customers/${scope.customerId}`, 'preferCustomerAddress');
  }
  return {
    seller: withCustomers(engine.prepare(context), customerContext.customers, customerContext.certificates),
    timeZone: settings.accountingTimeZone,
    address: customer?.address ?? null,
  };
}

interface Recalculated {
  item: PlannedItem;
  revision?: { request: RecalculatedRequest; result: CalculateResponse };
}

async function recalculate(db: Db, engine: Engine, scope: ReprocessScope, prepared: Prepared, c: Candidate): Promise<Recalculated> {
  const filed = await filedReturnCovering(db, scope.sellerId, c.row.nexusJurisdictionId, c.row.date, c.result);
  const item: PlannedItem = {
    id: c.row.id,
    date: c.invoiceDate,
    currency: c.row.currency,
    taxBefore: c.row.tax,
    taxAfter: c.row.tax,
    difference: 0,
    action: 'unchanged',
    filedPeriod: filed ? { jurisdictionId: filed.jurisdictionId, period: filed.period } : null,
    reason: null,
    message: null,
  };
  if (c.row.marketplace) return { item: { ...item, action: 'skip', reason: 'marketplace', message: 'a marketplace facilitator collected the tax on this sale' } };
  if (c.refunded) return { item: { ...item, action: 'skip', reason: 'refunded', message: 'refunds stand against this sale: void them to reprocess it, or adjust it by refund' } };
  let request = requestOfVersion(c.request, prepared.timeZone);
  if (scope.preferCustomerAddress && prepared.address) request = withCustomerAddress(request, prepared.address);
  let result: CalculateResponse;
  try {
    result = engine.calculate(request, prepared.seller);
  } catch (error) {
    if (!(error instanceof TaxError)) throw error;
    return { item: { ...item, action: 'skip', reason: error.code, message: error.message } };
  }
  if (sameFigures(c.result, result)) return { item };
  // Recalculated to another address, the sale may land in a return filed for that day elsewhere: corrected too, never revised into it.
  const filedThere = filed ?? (await filedReturnCovering(db, scope.sellerId, nexusFactsOf(result)?.jurisdictionId ?? null, c.row.date, result));
  return {
    item: {
      ...item,
      taxAfter: result.tax,
      difference: result.tax - c.row.tax,
      action: filedThere ? 'correct' : 'revise',
      filedPeriod: filedThere ? { jurisdictionId: filedThere.jurisdictionId, period: filedThere.period } : null,
    },
    revision: { request: { source: 'reprocessing', reprocessingId: '', certificateId: scope.certificateId, request }, result },
  };
}

/** The dry run: what reprocessing would do to each sale in the range. */
export async function planReprocessing(db: Db, engine: Engine, scope: ReprocessScope, prepared?: Prepared): Promise<PlannedItem[]> {
  const ready = prepared ?? (await prepare(db, engine, scope));
  const items: PlannedItem[] = [];
  for (const c of await candidates(db, scope)) items.push((await recalculate(db, engine, scope, ready, c)).item);
  return items;
}

export function impactOf(items: readonly PlannedItem[]) {
  const totals = new Map<string, { currency: string; taxBefore: number; taxAfter: number; difference: number }>();
  const filed = new Map<string, { jurisdictionId: string; period: string; transactions: number }>();
  for (const i of items) {
    if (i.action === 'revise' || i.action === 'correct') {
      const t = totals.get(i.currency) ?? { currency: i.currency, taxBefore: 0, taxAfter: 0, difference: 0 };
      t.taxBefore += i.taxBefore;
      t.taxAfter += i.taxAfter;
      t.difference += i.difference;
      totals.set(i.currency, t);
    }
    if (i.filedPeriod && i.action === 'correct') {
      const key = `${i.filedPeriod.jurisdictionId}|${i.filedPeriod.period}`;
      const f = filed.get(key) ?? { ...i.filedPeriod, transactions: 0 };
      f.transactions += 1;
      filed.set(key, f);
    }
  }
  const count = (action: PlannedAction) => items.filter((i) => i.action === action).length;
  return {
    transactions: items.length,
    revised: count('revise'),
    corrected: count('correct'),
    unchanged: count('unchanged'),
    skipped: count('skip'),
    totals: [...totals.values()],
    filedPeriods: [...filed.values()],
  };
}

export interface AppliedItem extends PlannedItem {
  /** The sale's new version (revised), or the negation and correction recorded (corrected). */
  version?: number;
  negationId?: string;
  correctionId?: string;
}

/**
 * Recalculates one sale now and applies the change. `record` runs in the same
 * database transaction as the write, so the run's account of what it did
 * never disagrees with the ledger.
 */
export async function applyToSale(
  db: Db,
  engine: Engine,
  scope: ReprocessScope & { reprocessingId: string },
  prepared: Prepared,
  id: string,
  today: string,
  record: (tx: Db, item: AppliedItem) => Promise<void>,
): Promise<AppliedItem> {
  return db.transaction(async (tx) => {
    const [c] = await candidates(tx, scope, id);
    if (!c) {
      const item: AppliedItem = { id, date: '', currency: '', taxBefore: 0, taxAfter: 0, difference: 0, action: 'skip', filedPeriod: null, reason: 'not_committed', message: 'no longer a committed sale of this customer in the range' };
      await record(tx, item);
      return item;
    }
    const { item, revision } = await recalculate(tx, engine, scope, prepared, c);
    let applied: AppliedItem = item;
    if (revision) {
      const request = { ...revision.request, reprocessingId: scope.reprocessingId };
      const resale = resaleCertificatesOf(prepared.seller, scope.customerId);
      const facts = nexusFactsOf(revision.result, { resaleCertificateIds: resale, collectedTax: c.row.taxCollected ?? undefined });
      if (item.action === 'revise') {
        const row = await reviseCommitted(tx, scope.sellerId, id, c.row.version, { request, result: revision.result, facts });
        applied = row ? { ...item, version: row.version } : { ...item, action: 'skip', reason: 'changed', message: 'the sale changed while it was being reprocessed' };
      } else {
        const suffix = scope.reprocessingId.slice(-8);
        const ids = { negation: `${id}.negation-${suffix}`, correction: `${id}.correction-${suffix}` };
        const done = await correctInOpenPeriod(
          tx,
          scope.sellerId,
          id,
          c.row.version,
          ids,
          today,
          (original) => refundOf(original, [], { date: today }),
          refundFactsOf,
          { request, result: revision.result, facts: nexusFactsOf(revision.result, { resaleCertificateIds: resale }) },
        );
        applied = done ? { ...item, negationId: done.negation.id, correctionId: done.correction.id } : { ...item, action: 'skip', reason: 'changed', message: 'the sale changed while it was being reprocessed' };
      }
    }
    await record(tx, applied);
    return applied;
  });
}

/** The ids of the sales a run goes through, in order. */
export async function saleIds(db: Db, scope: ReprocessScope): Promise<string[]> {
  return (await candidates(db, scope)).map((c) => c.row.id);
}
