/**
 * The reads Anrok's API needs beyond Levy's own: a product by one of its
 * external ids, and transactions in the order they last changed (Anrok's
 * list is filtered by modification time, Levy's by accounting date).
 */
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { Db } from './open.js';
import type { CalculateResponse } from '../engine/schemas.js';
import { productExternalIds, transactions, transactionVersions } from './schema.js';
import { getProduct, type ProductView } from './config.repository.js';
import type { TransactionRow } from './transactions.repository.js';

export async function productByExternalId(db: Db, sellerId: string, externalId: string): Promise<ProductView | undefined> {
  const [row] = await db
    .select({ productId: productExternalIds.productId })
    .from(productExternalIds)
    .where(and(eq(productExternalIds.sellerId, sellerId), eq(productExternalIds.externalId, externalId)));
  return row ? getProduct(db, sellerId, row.productId) : undefined;
}

/** A position in the list: the row's update time as PostgreSQL writes it (microseconds, which a JS Date would lose) and its id. */
export interface ModifiedPosition {
  updatedAt: string;
  id: string;
}

export async function transactionsByModification(
  db: Db,
  sellerId: string,
  options: { modifiedAfter?: Date | undefined; after?: ModifiedPosition | undefined; limit: number },
): Promise<Array<{ row: TransactionRow; position: ModifiedPosition }>> {
  const position = sql<string>`${transactions.updatedAt}::text`;
  const rows = await db
    .select({ row: transactions, updatedAtText: position })
    .from(transactions)
    .where(
      and(
        eq(transactions.sellerId, sellerId),
        options.modifiedAfter ? gt(transactions.updatedAt, options.modifiedAfter) : undefined,
        options.after
          ? or(
              sql`${transactions.updatedAt} > ${options.after.updatedAt}::timestamptz`,
              and(sql`${transactions.updatedAt} = ${options.after.updatedAt}::timestamptz`, gt(transactions.id, options.after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(transactions.updatedAt), asc(transactions.id))
    .limit(options.limit);
  return rows.map((r) => ({ row: r.row, position: { updatedAt: r.updatedAtText, id: r.row.id } }));
}

/** The request and answer of a transaction's current version. */
export async function currentVersion(db: Db, sellerId: string, row: TransactionRow): Promise<{ request: unknown; result: CalculateResponse }> {
  const [v] = await db
    .select({ request: transactionVersions.request, result: transactionVersions.result })
    .from(transactionVersions)
    .where(and(eq(transactionVersions.sellerId, sellerId), eq(transactionVersions.transactionId, row.id), eq(transactionVersions.version, row.version)));
  return { request: v!.request, result: v!.result as CalculateResponse };
}
