/**
 * The per-seller daily sales aggregates behind nexus answers. Every change
 * to what counts (a commit, a void, a refund, an imported batch) adds or
 * takes back its figures here in the same database transaction, so the
 * aggregates always equal the committed ledger summed by state and day.
 */
import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { DayTotals } from '../nexus/evaluate.js';
import type { Db } from './open.js';
import { rowsOf } from './rows.js';
import { salesByDay, transactions } from './schema.js';

/** A day's figures for one state: what a write adds (or, negative, takes back). */
export type DayDelta = Omit<DayTotals, 'day'> & { jurisdictionId: string; day: string };

type LedgerRow = typeof transactions.$inferSelect;

/** What a ledger row adds to the aggregates (`sign` -1 takes it back); null when it counts nowhere. */
export function deltaOf(row: LedgerRow, sign: 1 | -1): DayDelta | null {
  if (!row.nexusJurisdictionId) return null;
  return {
    jurisdictionId: row.nexusJurisdictionId,
    day: row.date,
    marketplace: row.marketplace,
    gross: sign * (row.nexusGross ?? 0),
    retail: sign * (row.nexusRetail ?? 0),
    taxable: sign * (row.nexusTaxable ?? 0),
    transactions: row.type === 'sale' ? sign : 0,
    estimatedTax: sign * (row.nexusEstimatedTax ?? 0),
    collectedTax: sign * (row.nexusCollectedTax ?? 0),
  };
}

/** Adds the deltas, merged first: one statement may not touch a row twice. */
export async function addToSalesByDay(db: Db, sellerId: string, deltas: ReadonlyArray<DayDelta | null>): Promise<void> {
  const merged = new Map<string, DayDelta>();
  for (const d of deltas) {
    if (!d) continue;
    const key = `${d.jurisdictionId}|${d.day}|${d.marketplace}`;
    const m = merged.get(key);
    if (!m) {
      merged.set(key, { ...d });
      continue;
    }
    m.gross += d.gross;
    m.retail += d.retail;
    m.taxable += d.taxable;
    m.transactions += d.transactions;
    m.estimatedTax += d.estimatedTax;
    m.collectedTax += d.collectedTax;
  }
  if (merged.size === 0) return;
  const values = [...merged.values()].map((d) => ({ sellerId, ...d }));
  // Sorted so concurrent writers lock rows in one order and cannot deadlock.
  values.sort((a, b) => (a.jurisdictionId + a.day + a.marketplace < b.jurisdictionId + b.day + b.marketplace ? -1 : 1));
  const add = (column: string) => sql.raw(`"sales_by_day"."${column}" + excluded."${column}"`);
  await db
    .insert(salesByDay)
    .values(values)
    .onConflictDoUpdate({
      target: [salesByDay.sellerId, salesByDay.jurisdictionId, salesByDay.day, salesByDay.marketplace],
      set: {
        gross: add('gross'),
        retail: add('retail'),
        taxable: add('taxable'),
        transactions: add('transactions'),
        estimatedTax: add('estimated_tax'),
        collectedTax: add('collected_tax'),
      },
    });
}

/** Every aggregate row of the seller from `from` to `to`, all states. */
export async function readSalesByDay(db: Db, sellerId: string, from: string, to: string, jurisdictionId?: string): Promise<DayDelta[]> {
  return db
    .select({
      jurisdictionId: salesByDay.jurisdictionId,
      day: salesByDay.day,
      marketplace: salesByDay.marketplace,
      gross: salesByDay.gross,
      retail: salesByDay.retail,
      taxable: salesByDay.taxable,
      transactions: salesByDay.transactions,
      estimatedTax: salesByDay.estimatedTax,
      collectedTax: salesByDay.collectedTax,
    })
    .from(salesByDay)
    .where(
      and(
        eq(salesByDay.sellerId, sellerId),
        gte(salesByDay.day, from),
        lte(salesByDay.day, to),
        jurisdictionId ? eq(salesByDay.jurisdictionId, jurisdictionId) : undefined,
      ),
    );
}

/**
 * The same rows for the nexus answer, one text per state: a seller selling
 * every day into every state has a hundred thousand day rows, and decoding
 * that many rows costs far more than splitting one string per state.
 */
export async function readDailySeries(db: Db, sellerId: string, from: string, to: string, jurisdictionId?: string): Promise<Map<string, DayTotals[]>> {
  const rows = await db.execute(sql`
    select jurisdiction_id,
      string_agg(concat_ws(',', day - date '1970-01-01', case when marketplace then 1 else 0 end, gross, retail, taxable, transactions, estimated_tax, collected_tax), ';') as days
    from sales_by_day
    where seller_id = ${sellerId} and day >= ${from}::date and day <= ${to}::date ${jurisdictionId ? sql`and jurisdiction_id = ${jurisdictionId}` : sql``}
    group by jurisdiction_id`);
  const series = new Map<string, DayTotals[]>();
  for (const r of rowsOf<{ jurisdiction_id: string; days: string }>(rows)) {
    series.set(
      r.jurisdiction_id,
      r.days.split(';').map((entry) => {
        const f = entry.split(',');
        return {
          day: Number(f[0]),
          marketplace: f[1] === '1',
          gross: Number(f[2]),
          retail: Number(f[3]),
          taxable: Number(f[4]),
          transactions: Number(f[5]),
          estimatedTax: Number(f[6]),
          collectedTax: Number(f[7]),
        };
      }),
    );
  }
  return series;
}

export interface MonthTotals {
  month: string;
  sales: { gross: number; retail: number; taxable: number };
  marketplaceSales: { gross: number; retail: number; taxable: number };
  transactions: number;
  marketplaceTransactions: number;
  estimatedTax: number;
  collectedTax: number;
}

/** One state's aggregates summed by month, in SQL. */
export async function monthlySales(db: Db, sellerId: string, jurisdictionId: string, from: string, to: string): Promise<MonthTotals[]> {
  const direct = (column: string) => sql<number>`coalesce(sum(${sql.raw(column)}) filter (where not marketplace), 0)::bigint`.mapWith(Number);
  const viaMarketplace = (column: string) => sql<number>`coalesce(sum(${sql.raw(column)}) filter (where marketplace), 0)::bigint`.mapWith(Number);
  const month = sql<string>`to_char(${salesByDay.day}, 'YYYY-MM')`;
  const rows = await db
    .select({
      month,
      gross: direct('gross'),
      retail: direct('retail'),
      taxable: direct('taxable'),
      transactions: direct('transactions'),
      mGross: viaMarketplace('gross'),
      mRetail: viaMarketplace('retail'),
      mTaxable: viaMarketplace('taxable'),
      mTransactions: viaMarketplace('transactions'),
      estimatedTax: direct('estimated_tax'),
      collectedTax: direct('collected_tax'),
    })
    .from(salesByDay)
    .where(and(eq(salesByDay.sellerId, sellerId), eq(salesByDay.jurisdictionId, jurisdictionId), gte(salesByDay.day, from), lte(salesByDay.day, to)))
    .groupBy(month)
    .orderBy(month);
  return rows.map((r) => ({
    month: r.month,
    sales: { gross: r.gross, retail: r.retail, taxable: r.taxable },
    marketplaceSales: { gross: r.mGross, retail: r.mRetail, taxable: r.mTaxable },
    transactions: r.transactions,
    marketplaceTransactions: r.mTransactions,
    estimatedTax: r.estimatedTax,
    collectedTax: r.collectedTax,
  }));
}

/** Replaces a seller's aggregates with the ledger's sums (after a bulk load that bypassed the write path). */
export async function rebuildSalesByDay(db: Db, sellerId: string): Promise<void> {
  await db.delete(salesByDay).where(eq(salesByDay.sellerId, sellerId));
  await db.execute(sql`
    insert into sales_by_day (seller_id, jurisdiction_id, day, marketplace, gross, retail, taxable, transactions, estimated_tax, collected_tax)
    select seller_id, nexus_jurisdiction_id, date, marketplace, sum(nexus_gross), sum(nexus_retail), sum(nexus_taxable),
      count(*) filter (where type = 'sale'), sum(nexus_estimated_tax), sum(nexus_collected_tax)
    from transactions
    where seller_id = ${sellerId} and status = 'committed' and nexus_jurisdiction_id is not null
    group by seller_id, nexus_jurisdiction_id, date, marketplace`);
}

/** The aggregates recomputed from the committed ledger: what they must always equal (used by tests and `levy nexus check`). */
export async function salesByDayFromLedger(db: Db, sellerId: string): Promise<DayDelta[]> {
  type Row = { jurisdiction_id: string; day: string; marketplace: boolean; gross: string; retail: string; taxable: string; transactions: string; estimated_tax: string; collected_tax: string };
  const rows = await db.execute(sql`
    select nexus_jurisdiction_id as jurisdiction_id, to_char(date, 'YYYY-MM-DD') as day, marketplace,
      sum(nexus_gross) as gross, sum(nexus_retail) as retail, sum(nexus_taxable) as taxable,
      count(*) filter (where type = 'sale') as transactions,
      sum(nexus_estimated_tax) as estimated_tax, sum(nexus_collected_tax) as collected_tax
    from transactions
    where seller_id = ${sellerId} and status = 'committed' and nexus_jurisdiction_id is not null
    group by 1, 2, 3 order by 1, 2, 3`);
  return rowsOf<Row>(rows).map((r) => ({
    jurisdictionId: r.jurisdiction_id,
    day: r.day,
    marketplace: r.marketplace,
    gross: Number(r.gross),
    retail: Number(r.retail),
    taxable: Number(r.taxable),
    transactions: Number(r.transactions),
    estimatedTax: Number(r.estimated_tax),
    collectedTax: Number(r.collected_tax),
  }));
}

