/**
 * Imports in the database: the import's row, its parsed rows, its errors and
 * the new product ids it found. The checks that span rows (one transaction's
 * rows agree, line ids are unique, refunds name a known sale) run here in
 * SQL, so a file of any size is checked without holding it in memory.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { RowError } from '../imports/csv-stream.js';
import { bumpConfig } from './config.repository.js';
import type { Db } from './open.js';
import { rowsOf } from './rows.js';
import { importErrors, importProducts, importRows, imports, type ImportKind, type ImportStatus } from './schema.js';

export type ImportRecord = typeof imports.$inferSelect;

export async function createImportRecord(db: Db, sellerId: string, kind: ImportKind, fileName: string | null): Promise<ImportRecord> {
  const [row] = await db
    .insert(imports)
    .values({ sellerId, id: `imp_${randomUUID().replace(/-/g, '').slice(0, 20)}`, kind, status: 'validating' as ImportStatus, fileHash: '', fileName })
    .returning();
  return row!;
}

export async function getImport(db: Db, sellerId: string, id: string): Promise<ImportRecord | undefined> {
  const [row] = await db.select().from(imports).where(and(eq(imports.sellerId, sellerId), eq(imports.id, id)));
  return row;
}

export async function listImports(db: Db, sellerId: string, limit: number, before?: string): Promise<ImportRecord[]> {
  return db
    .select()
    .from(imports)
    .where(and(eq(imports.sellerId, sellerId), before ? lt(imports.id, before) : undefined))
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(limit);
}

/** The most recent unfinished import of the same file, for the CLI to resume. */
export async function findUnfinishedImport(db: Db, sellerId: string, kind: ImportKind, fileHash: string): Promise<ImportRecord | undefined> {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.sellerId, sellerId), eq(imports.kind, kind), eq(imports.fileHash, fileHash), sql`${imports.status} in ('validated', 'committing')`))
    .orderBy(desc(imports.createdAt))
    .limit(1);
  return row;
}

export async function updateImport(db: Db, sellerId: string, id: string, set: Partial<ImportRecord>): Promise<ImportRecord> {
  const [row] = await db
    .update(imports)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(imports.sellerId, sellerId), eq(imports.id, id)))
    .returning();
  return row!;
}

export interface StagedRow {
  rank: number;
  itemId: string;
  row: number;
  fingerprint: string;
  data: unknown;
}

export async function stageRows(db: Db, sellerId: string, importId: string, rows: readonly StagedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(importRows)
    .values(rows.map((r) => ({ sellerId, importId, ...r })))
    .onConflictDoNothing();
}

export async function recordErrors(db: Db, sellerId: string, importId: string, firstSeq: number, errors: readonly RowError[], phase: 'validation' | 'commit'): Promise<void> {
  if (errors.length === 0) return;
  await db.insert(importErrors).values(errors.map((e, i) => ({ sellerId, importId, seq: firstSeq + i, row: e.row, column: e.column, code: e.code, message: e.message, phase })));
}

export async function nextErrorSeq(db: Db, sellerId: string, importId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${importErrors.seq}) + 1, 0)`.mapWith(Number) })
    .from(importErrors)
    .where(and(eq(importErrors.sellerId, sellerId), eq(importErrors.importId, importId)));
  return row?.n ?? 0;
}

export async function listErrors(db: Db, sellerId: string, importId: string, limit: number, afterSeq = -1) {
  return db
    .select()
    .from(importErrors)
    .where(and(eq(importErrors.sellerId, sellerId), eq(importErrors.importId, importId), gt(importErrors.seq, afterSeq)))
    .orderBy(asc(importErrors.seq))
    .limit(limit);
}


/**
 * The checks across rows of a transactions import, as errors: rows of one
 * transaction that disagree on its date, customer, address or currency;
 * a line id used twice in a transaction; an id used for a sale and a refund;
 * a refund whose original is neither in the file nor in the ledger.
 */
export async function crossRowProblems(db: Db, sellerId: string, importId: string): Promise<RowError[]> {
  // Window functions rather than joins: each check is one pass over the import's rows in key order.
  const rows = await db.execute(sql`
    select r.row, 'transaction_id' as "column", 'transaction_inconsistent' as code,
      'row ' || r.row || ' gives transaction ' || r.item_id || ' another date, currency, customer, address or marketplace flag than its row ' || r.first_row as message
    from (
      select row, item_id, fingerprint,
        first_value(fingerprint) over (partition by rank, item_id order by row) as first_fingerprint,
        first_value(row) over (partition by rank, item_id order by row) as first_row
      from import_rows where seller_id = ${sellerId} and import_id = ${importId}
    ) r
    where r.fingerprint <> r.first_fingerprint
    union all
    select r.row, 'line_id', 'line_duplicate', 'line ' || (r.data->>'lineId') || ' appears twice in transaction ' || r.item_id
    from (
      select row, item_id, data, row_number() over (partition by rank, item_id, data->>'lineId' order by row) as n
      from import_rows where seller_id = ${sellerId} and import_id = ${importId}
    ) r where r.n > 1
    union all
    select r.row, 'transaction_id', 'transaction_inconsistent', 'transaction ' || r.item_id || ' is both a sale and a refund in this file'
    from import_rows r
    where r.seller_id = ${sellerId} and r.import_id = ${importId} and r.rank = 1
      and exists (select 1 from import_rows s where s.seller_id = r.seller_id and s.import_id = r.import_id and s.rank = 0 and s.item_id = r.item_id)
    union all
    select r.row, 'original_transaction_id', 'original_unknown',
      'refund ' || r.item_id || ' refunds ' || (r.data->>'originalTransactionId') || ', which is neither a sale in this file nor one in the ledger'
    from import_rows r
    where r.seller_id = ${sellerId} and r.import_id = ${importId} and r.rank = 1
      and not exists (select 1 from import_rows s where s.seller_id = r.seller_id and s.import_id = r.import_id and s.rank = 0 and s.item_id = r.data->>'originalTransactionId')
      and not exists (select 1 from transactions t where t.seller_id = r.seller_id and t.id = r.data->>'originalTransactionId' and t.type = 'sale')
    order by 1`);
  return rowsOf<{ row: number; column: string; code: string; message: string }>(rows).map((r) => ({ row: Number(r.row), column: r.column, code: r.code, message: r.message }));
}

/** Employees listed twice in one file. */
export async function duplicateItems(db: Db, sellerId: string, importId: string, column: string, what: string): Promise<RowError[]> {
  const rows = await db.execute(sql`
    select row, item_id from (
      select row, item_id, row_number() over (partition by item_id order by row) as n
      from import_rows where seller_id = ${sellerId} and import_id = ${importId}
    ) r where n > 1 order by row`);
  return rowsOf<{ row: number; item_id: string }>(rows).map((r) => ({ row: Number(r.row), column, code: 'value_duplicate', message: `${what} ${r.item_id} appears on an earlier row too` }));
}

/** How many distinct items (transactions, employees) the import holds, and how many of them the ledger has already. */
export async function countItems(db: Db, sellerId: string, importId: string, kind: ImportKind): Promise<{ items: number; existing: number }> {
  const existing = kind === 'transactions' ? sql`(select count(*) from (select distinct item_id from import_rows r where r.seller_id = ${sellerId} and r.import_id = ${importId}) i
      where exists (select 1 from transactions t where t.seller_id = ${sellerId} and t.id = i.item_id))` : sql`0`;
  const rows = await db.execute(sql`
    select (select count(*) from (select distinct rank, item_id from import_rows where seller_id = ${sellerId} and import_id = ${importId}) i) as items,
      ${existing} as existing`);
  const [r] = rowsOf<{ items: string; existing: string }>(rows);
  return { items: Number(r?.items ?? 0), existing: Number(r?.existing ?? 0) };
}

/**
 * Product ids used by the import that the seller's catalog does not know:
 * neither a product id, an external id, nor a tax category id (which the
 * engine takes as a product of that category, as it does for API lines).
 */
export async function findNewProducts(db: Db, sellerId: string, importId: string, categoryIds: readonly string[]): Promise<void> {
  await db.execute(sql`
    insert into import_products (seller_id, import_id, product_id, rows)
    select ${sellerId}, ${importId}, data->>'productId', count(*)
    from import_rows r
    where r.seller_id = ${sellerId} and r.import_id = ${importId}
      and not exists (select 1 from products p where p.seller_id = ${sellerId} and p.id = r.data->>'productId')
      and not exists (select 1 from product_external_ids e where e.seller_id = ${sellerId} and e.external_id = r.data->>'productId')
      and not (r.data->>'productId' = any(${sql.param(categoryIds)}::text[]))
    group by data->>'productId'
    on conflict do nothing`);
}

export async function listNewProducts(db: Db, sellerId: string, importId: string) {
  return db
    .select()
    .from(importProducts)
    .where(and(eq(importProducts.sellerId, sellerId), eq(importProducts.importId, importId)))
    .orderBy(asc(importProducts.productId));
}

export async function assignNewProduct(db: Db, sellerId: string, importId: string, productId: string, to: { productId: string } | { taxCategory: string }): Promise<boolean> {
  const updated = await db
    .update(importProducts)
    .set('productId' in to ? { assignedProductId: to.productId, assignedTaxCategory: null } : { assignedProductId: null, assignedTaxCategory: to.taxCategory })
    .where(and(eq(importProducts.sellerId, sellerId), eq(importProducts.importId, importId), eq(importProducts.productId, productId)))
    .returning({ id: importProducts.productId });
  return updated.length > 0;
}

/** The next `limit` items (a transaction's or employee's rows) after the cursor, within one rank. */
export async function nextItems(db: Db, sellerId: string, importId: string, rank: number, afterId: string, limit: number): Promise<Array<{ itemId: string; rows: Array<{ row: number; data: unknown }> }>> {
  const ids = await db
    .selectDistinct({ itemId: importRows.itemId })
    .from(importRows)
    .where(and(eq(importRows.sellerId, sellerId), eq(importRows.importId, importId), eq(importRows.rank, rank), gt(importRows.itemId, afterId)))
    .orderBy(asc(importRows.itemId))
    .limit(limit);
  if (ids.length === 0) return [];
  const last = ids[ids.length - 1]!.itemId;
  const rows = await db
    .select({ itemId: importRows.itemId, row: importRows.row, data: importRows.data })
    .from(importRows)
    .where(and(eq(importRows.sellerId, sellerId), eq(importRows.importId, importId), eq(importRows.rank, rank), gt(importRows.itemId, afterId), sql`${importRows.itemId} <= ${last}`))
    .orderBy(asc(importRows.itemId), asc(importRows.row));
  const items: Array<{ itemId: string; rows: Array<{ row: number; data: unknown }> }> = [];
  for (const r of rows) {
    const current = items[items.length - 1];
    if (current && current.itemId === r.itemId) current.rows.push({ row: r.row, data: r.data });
    else items.push({ itemId: r.itemId, rows: [{ row: r.row, data: r.data }] });
  }
  return items;
}

/**
 * Claims the import for committing: only one process commits an import at a
 * time, and a claim that is not renewed (its process died) lapses.
 */
export async function claimImport(db: Db, sellerId: string, id: string, owner: string, leaseSeconds: number): Promise<ImportRecord | undefined> {
  const [row] = await db
    .update(imports)
    .set({
      status: 'committing',
      leaseOwner: owner,
      leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
      commitStartedAt: sql`coalesce(${imports.commitStartedAt}, now())`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(imports.sellerId, sellerId),
        eq(imports.id, id),
        sql`${imports.status} in ('validated', 'committing')`,
        sql`(${imports.leaseUntil} is null or ${imports.leaseUntil} < now() or ${imports.leaseOwner} = ${owner})`,
      ),
    )
    .returning();
  return row;
}

/** Advances the commit's position; fails (no row) when the claim was lost, so the batch's transaction rolls back. */
export async function advanceImport(
  db: Db,
  sellerId: string,
  id: string,
  owner: string,
  leaseSeconds: number,
  progress: { rank: number; itemId: string; done: number; written: number; failed: number },
): Promise<boolean> {
  const updated = await db
    .update(imports)
    .set({
      cursorRank: progress.rank,
      cursorId: progress.itemId,
      done: sql`${imports.done} + ${progress.done}`,
      written: sql`${imports.written} + ${progress.written}`,
      failed: sql`${imports.failed} + ${progress.failed}`,
      leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
      updatedAt: new Date(),
    })
    .where(and(eq(imports.sellerId, sellerId), eq(imports.id, id), eq(imports.leaseOwner, owner)))
    .returning({ id: imports.id });
  return updated.length > 0;
}

/** Imports a process died while committing; their claims have lapsed or (an embedded store) cannot be held by anyone else. */
export async function unfinishedCommits(db: Db): Promise<Array<{ sellerId: string; id: string }>> {
  return db.select({ sellerId: imports.sellerId, id: imports.id }).from(imports).where(eq(imports.status, 'committing'));
}

/** With an embedded store only this process can hold claims: earlier ones died with their process. */
export async function releaseAllClaims(db: Db): Promise<void> {
  await db.update(imports).set({ leaseUntil: null, leaseOwner: null }).where(eq(imports.status, 'committing'));
}

/** Makes the import's product assignments part of the catalog: a category makes a product, a product takes the id as an external id. */
export async function applyProductAssignments(db: Db, sellerId: string, importId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into products (seller_id, id, tax_category)
      select seller_id, product_id, assigned_tax_category from import_products
      where seller_id = ${sellerId} and import_id = ${importId} and assigned_tax_category is not null
      on conflict do nothing`);
    await tx.execute(sql`
      insert into product_external_ids (seller_id, external_id, product_id)
      select seller_id, product_id, assigned_product_id from import_products
      where seller_id = ${sellerId} and import_id = ${importId} and assigned_product_id is not null
      on conflict do nothing`);
    await bumpConfig(tx, sellerId);
  });
}

export async function unassignedProducts(db: Db, sellerId: string, importId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(importProducts)
    .where(and(eq(importProducts.sellerId, sellerId), eq(importProducts.importId, importId), sql`${importProducts.assignedProductId} is null and ${importProducts.assignedTaxCategory} is null`));
  return row?.n ?? 0;
}

/**
 * Refreshes the planner's statistics on the tables an import grows. A bulk
 * load outruns autovacuum (and PGlite has none): without fresh statistics
 * the planner takes a small table's plan, such as scanning a seller's whole
 * date index for a lookup by id, and every batch gets slower than the last.
 */
export async function analyzeImportTables(db: Db): Promise<void> {
  await db.execute(sql`analyze transactions, import_rows, imports, sales_by_day`);
}
