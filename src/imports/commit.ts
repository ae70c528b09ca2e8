/**
 * The second half of an import: its staged rows become ledger transactions
 * (or employees) in batches. Each batch is one database transaction that
 * writes the transactions, their nexus aggregates and the import's new
 * position together, so a process killed at any moment leaves the import
 * at a batch boundary, and whoever resumes it carries on from there. The
 * transaction id is the key: one already in the ledger is left as it is, so
 * re-importing a file, or replaying a batch, changes nothing.
 *
 * Sales go first, then refunds (which need their sales). Historical
 * transactions keep the tax the seller actually collected beside Levy's own
 * calculation, so the gap is visible.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Engine } from '../engine/load-engine.js';
import type { CalculateRequest, CalculateResponse } from '../engine/schemas.js';
import type { PreparedSeller } from '../engine/seller.js';
import { TaxError } from '../errors/tax-error.js';
import { refundOf } from '../ledger/refund.js';
import { nexusFactsOf } from '../nexus/facts.js';
import { loadSellerContext } from '../store/config.repository.js';
import {
  advanceImport,
  analyzeImportTables,
  applyProductAssignments,
  claimImport,
  getImport,
  nextErrorSeq,
  nextItems,
  recordErrors,
  unassignedProducts,
  updateImport,
  type ImportRecord,
} from '../store/imports.repository.js';
import type { Db } from '../store/open.js';
import { holdAllForAttention, type Hold } from '../store/attention.repository.js';
import { putEmployees } from '../store/presence.repository.js';
import { filedChecker } from '../store/filed-returns.repository.js';
import { addToSalesByDay, deltaOf } from '../store/sales-by-day.repository.js';
import { transactions, transactionVersions } from '../store/schema.js';
import { factColumns } from '../store/transactions.repository.js';
import type { RowError } from './csv-stream.js';
import type { EmployeeImportRow } from './employees-csv.js';
import { heldRefund, heldSale, importHold } from './held.js';
import type { TransactionImportRow } from './transactions-csv.js';

export interface CommitOptions {
  /** Who claims the import (a process's id); a claim lapses after `leaseSeconds` without renewal. */
  owner?: string;
  leaseSeconds?: number;
  batchSize?: number;
  /** Awaited before the next batch, so a test can act between batches. */
  onProgress?: (progress: { done: number; total: number; written: number; failed: number }) => void | Promise<void>;
  /** Stops between batches; the import stays `committing`, to be resumed. */
  signal?: AbortSignal;
  /** `hold`: commit although new product ids are unassigned; their transactions are held for attention (product_unknown). */
  unassignedProducts?: UnassignedProducts;
}

export type UnassignedProducts = 'refuse' | 'hold';

const PROCESS_OWNER = `proc_${randomUUID().slice(0, 8)}`;

/** Refuses an import that cannot be committed yet; answers nothing when it can. */
export async function checkCommittable(db: Db, record: ImportRecord, newProducts: UnassignedProducts = 'refuse'): Promise<void> {
  if (record.status === 'invalid') throw new TaxError('import_not_valid', `import ${record.id} has ${record.errorCount} problems: fix the file and upload it again`);
  if (record.status !== 'validated' && record.status !== 'committing') throw new TaxError('import_state', `import ${record.id} is ${record.status}`);
  // A commit under way passed this check when it started (assignments are frozen since): resuming it keeps that choice.
  if (newProducts === 'hold' || record.status === 'committing') return;
  const unassigned = await unassignedProducts(db, record.sellerId, record.id);
  if (unassigned > 0) throw new TaxError('import_products_unassigned', `${unassigned} new product ids are not assigned to a product or a tax category yet`);
}

export async function commitImport(db: Db, engine: Engine, sellerId: string, importId: string, options: CommitOptions = {}): Promise<ImportRecord> {
  const owner = options.owner ?? PROCESS_OWNER;
  const lease = options.leaseSeconds ?? 30;
  const batchSize = options.batchSize ?? 250;
  const existing = await getImport(db, sellerId, importId);
  if (!existing) throw new TaxError('resource_not_found', `no import ${importId}`);
  await checkCommittable(db, existing, options.unassignedProducts);
  const claimed = await claimImport(db, sellerId, importId, owner, lease);
  if (!claimed) throw new TaxError('import_busy', `import ${importId} is being committed by another process`);

  let seller: PreparedSeller | undefined;
  if (claimed.kind === 'transactions') {
    await applyProductAssignments(db, sellerId, importId);
    seller = engine.prepare((await loadSellerContext(db, sellerId)).context);
  }
  let rank = claimed.cursorRank ?? 0;
  let after = claimed.cursorId ?? '';
  let progress = { done: claimed.done, total: claimed.items, written: claimed.written, failed: claimed.failed };
  await options.onProgress?.(progress);
  let errorSeq = await nextErrorSeq(db, sellerId, importId);
  await analyzeImportTables(db);
  let batches = 0;

  for (;;) {
    if (options.signal?.aborted) {
      return updateImport(db, sellerId, importId, { leaseOwner: null, leaseUntil: null });
    }
    const items = await nextItems(db, sellerId, importId, rank, after, batchSize);
    if (items.length === 0) {
      if (claimed.kind === 'transactions' && rank === 0) {
        rank = 1;
        after = '';
        continue;
      }
      break;
    }
    const last = items[items.length - 1]!.itemId;
    const outcome = await db.transaction(async (tx) => {
      const result =
        claimed.kind === 'transactions'
          ? await writeTransactions(tx, engine, seller!, sellerId, importId, rank, items)
          : await writeEmployees(tx, sellerId, items);
      await recordErrors(tx, sellerId, importId, errorSeq, result.errors, 'commit');
      // The transactions refused are kept whole for the seller to fix and repost (GET /v1/attention).
      await holdAllForAttention(tx, sellerId, result.held);
      const advanced = await advanceImport(tx, sellerId, importId, owner, lease, { rank, itemId: last, done: items.length, written: result.written, failed: result.failed });
      if (!advanced) throw new TaxError('import_busy', `import ${importId} was claimed by another process`);
      return result;
    });
    errorSeq += outcome.errors.length;
    after = last;
    // Often while the tables are young (their statistics change fastest), then every 40 batches.
    batches++;
    if ((batches & (batches - 1)) === 0 || batches % 40 === 0) await analyzeImportTables(db);
    progress = { ...progress, done: progress.done + items.length, written: progress.written + outcome.written, failed: progress.failed + outcome.failed };
    await options.onProgress?.(progress);
  }
  return updateImport(db, sellerId, importId, { status: 'committed', committedAt: new Date(), leaseOwner: null, leaseUntil: null });
}

type Item = { itemId: string; rows: Array<{ row: number; data: unknown }> };
type BatchResult = { written: number; failed: number; errors: RowError[]; held: Hold[] };

async function writeTransactions(
  db: Db,
  engine: Engine,
  seller: PreparedSeller,
  sellerId: string,
  importId: string,
  rank: number,
  items: readonly Item[],
): Promise<BatchResult> {
  const ids = items.map((i) => i.itemId);
  const present = new Set(
    (await db.select({ id: transactions.id }).from(transactions).where(and(eq(transactions.sellerId, sellerId), inArray(transactions.id, ids)))).map((r) => r.id),
  );
  const errors: RowError[] = [];
  const held: Hold[] = [];
  const fail = (item: Item, error: unknown) => {
    if (!(error instanceof TaxError)) throw error;
    errors.push({ row: item.rows[0]!.row, column: columnOf(error.param), code: error.code, message: error.message });
    const rows = item.rows.map((r) => r.data as TransactionImportRow);
    // A sale's tax collected goes with it into the ledger when reposted; a refund's is Levy's figure, as for API refunds.
    held.push(importHold(importId, item.itemId, heldRequestOf(item), rows[0]!.type === 'sale' ? rows.reduce((sum, r) => sum + r.taxCollected, 0) : null, error));
  };
  const values: Array<typeof transactions.$inferInsert> = [];
  const versions: Array<typeof transactionVersions.$inferInsert> = [];
  const filed = filedChecker(db, sellerId);
  const originals = rank === 1 ? await originalsOf(db, sellerId, items) : new Map<string, { row: typeof transactions.$inferSelect; result: CalculateResponse; previous: CalculateResponse[] }>();

  for (const item of items) {
    if (present.has(item.itemId)) continue;
    const rows = item.rows.map((r) => r.data as TransactionImportRow);
    const first = rows[0]!;
    const collected = rows.reduce((sum, r) => sum + r.taxCollected, 0);
    const request = { source: 'import', importId, rows: rows };
    let result: CalculateResponse;
    let originalId: string | null = null;
    let previousRefunds: CalculateResponse[] | undefined;
    try {
      if (first.type === 'sale') {
        result = engine.calculate(saleRequest(rows), seller);
      } else {
        const original = originals.get(first.originalTransactionId!);
        if (!original) throw new TaxError('resource_not_found', `refund ${item.itemId}: the sale ${first.originalTransactionId} is not in the ledger (it may have failed to import)`, 'originalTransactionId');
        if (original.row.status !== 'committed') throw new TaxError('transaction_not_committed', `refund ${item.itemId}: the sale ${first.originalTransactionId} is ${original.row.status}`, 'originalTransactionId');
        result = refundOf(original.result, original.previous, { date: first.date, lines: rows.map((r) => ({ id: r.lineId, amount: r.amount })) });
        previousRefunds = original.previous;
        originalId = original.row.id;
      }
    } catch (error) {
      fail(item, error);
      continue;
    }
    const taxCollected = first.type === 'sale' ? collected : -collected;
    const facts = nexusFactsOf(result, { collectedTax: taxCollected });
    const closed = await filed(facts?.jurisdictionId ?? null, result.date, result);
    if (closed) {
      fail(item, new TaxError('period_filed', `${item.itemId} is dated ${result.date}, in ${closed.jurisdictionId}'s filed ${closed.period} period: date it in the open period`, 'date'));
      continue;
    }
    // Only a refund that is written counts against what later refunds of its sale may take.
    previousRefunds?.push(result);
    values.push({
      sellerId,
      id: item.itemId,
      type: first.type,
      originalId,
      status: 'committed',
      version: 1,
      date: result.date,
      currency: result.currency,
      customerId: first.customer.id,
      subtotal: result.subtotal,
      tax: result.tax,
      total: result.total,
      committedAt: new Date(),
      source: 'import',
      marketplace: first.marketplace,
      taxCollected,
      ...factColumns(facts),
    });
    versions.push({ sellerId, transactionId: item.itemId, version: 1, request, result });
  }
  if (values.length === 0) return { written: 0, failed: errors.length, errors, held };
  const inserted = await db.insert(transactions).values(values).onConflictDoNothing().returning();
  const written = new Set(inserted.map((r) => r.id));
  // One JSON document for the batch, unpacked by the database: a parameter per value costs far more per row.
  const batch = JSON.stringify(versions.filter((v) => written.has(v.transactionId)).map((v) => ({ id: v.transactionId, request: v.request, result: v.result })));
  await db.execute(sql`
    insert into transaction_versions (seller_id, transaction_id, version, request, result)
    select ${sellerId}, x.id, 1, x.request, x.result from jsonb_to_recordset(${batch}::jsonb) as x(id text, request jsonb, result jsonb)`);
  await addToSalesByDay(db, sellerId, inserted.map((r) => deltaOf(r, 1)));
  return { written: inserted.length, failed: errors.length, errors, held };
}

/** An imported transaction as the request the API would take for it. */
function heldRequestOf(item: Item) {
  const rows = item.rows.map((r) => r.data as TransactionImportRow);
  const first = rows[0]!;
  return first.type === 'sale' ? heldSale(item.itemId, saleRequest(rows), first.marketplace) : heldRefund(item.itemId, rows);
}

/** The engine request of an imported sale, from its rows. */
export function saleRequest(rows: readonly TransactionImportRow[]): CalculateRequest {
  const first = rows[0]!;
  const a = first.address;
  const address = {
    country: a.country,
    ...(a.line1 ? { line1: a.line1 } : {}),
    ...(a.city ? { city: a.city } : {}),
    ...(a.region ? { region: a.region } : {}),
    ...(a.postalCode ? { postalCode: a.postalCode } : {}),
  };
  return {
    date: first.date,
    currency: first.currency,
    customer: { ...(first.customer.id ? { id: first.customer.id } : {}), ...(first.customer.name ? { name: first.customer.name } : {}), type: first.customer.type, address },
    lines: rows.map((r) => ({ id: r.lineId, productId: r.productId, amount: r.amount, ...(r.quantity ? { quantity: r.quantity } : {}) })),
  };
}

/** The sales the batch's refunds refund, with their answers and the answers of their standing refunds, rows locked. */
async function originalsOf(db: Db, sellerId: string, items: readonly Item[]) {
  const ids = [...new Set(items.map((i) => (i.rows[0]!.data as TransactionImportRow).originalTransactionId!))];
  const rows = await db.select().from(transactions).where(and(eq(transactions.sellerId, sellerId), inArray(transactions.id, ids), eq(transactions.type, 'sale'))).for('update');
  const refunds = await db
    .select({ id: transactions.id, originalId: transactions.originalId, version: transactions.version })
    .from(transactions)
    .where(and(eq(transactions.sellerId, sellerId), inArray(transactions.originalId, ids), ne(transactions.status, 'voided')));
  const wanted = [...rows.map((r) => ({ id: r.id, version: r.version })), ...refunds.map((r) => ({ id: r.id, version: r.version }))];
  const results = new Map<string, CalculateResponse>();
  if (wanted.length > 0) {
    const found = await db
      .select({ id: transactionVersions.transactionId, version: transactionVersions.version, result: transactionVersions.result })
      .from(transactionVersions)
      .where(and(eq(transactionVersions.sellerId, sellerId), inArray(transactionVersions.transactionId, wanted.map((w) => w.id))));
    const versionOf = new Map(wanted.map((w) => [w.id, w.version]));
    for (const f of found) if (versionOf.get(f.id) === f.version) results.set(f.id, f.result as CalculateResponse);
  }
  return new Map(
    rows.map((row) => [
      row.id,
      { row, result: results.get(row.id)!, previous: refunds.filter((r) => r.originalId === row.id).map((r) => results.get(r.id)!) },
    ]),
  );
}

async function writeEmployees(db: Db, sellerId: string, items: readonly Item[]): Promise<BatchResult> {
  const list = items.map((i) => {
    const e = i.rows[0]!.data as EmployeeImportRow;
    return { id: e.id, name: e.name, region: e.region ?? '', country: e.country, startDate: e.startDate, endDate: e.endDate };
  });
  await putEmployees(db, sellerId, list);
  return { written: list.length, failed: 0, errors: [], held: [] };
}

const COLUMNS: Record<string, string> = {
  originalTransactionId: 'original_transaction_id',
  region: 'region',
  postalCode: 'postal_code',
  country: 'country',
  productId: 'product_id',
  amount: 'amount',
  id: 'line_id',
  date: 'date',
  currency: 'currency',
};

function columnOf(param: string | undefined): string | null {
  if (!param) return null;
  const parts = param.split('.');
  if (parts[0] === 'lines' && parts.length === 2) return 'line_id';
  return COLUMNS[parts[parts.length - 1]!] ?? null;
}
