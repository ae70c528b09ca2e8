/**
 * The figures of a return, summed in SQL from the committed ledger: every
 * transaction sourced to the state and dated in the period, with each
 * line's figures for the state and its counties, cities and districts as
 * the engine recorded them.
 */
import { sql } from 'drizzle-orm';
import type { Db } from './open.js';
import { exemptByReason, jurisdictionFigures, returnTransactionRows, salesAndRefunds } from './return-rows.js';


export interface ReturnTotals {
  sales: { gross: number; transactions: number };
  refunds: { gross: number; tax: number; transactions: number };
  jurisdictions: Array<{ id: string; name: string; level: string; taxableAmount: number; exemptAmount: number; tax: number }>;
  exemptByReason: Array<{ reason: string; amount: number }>;
}

export async function returnTotals(db: Db, sellerId: string, state: string, start: string, end: string): Promise<ReturnTotals> {
  const scope = sql`t.seller_id = ${sellerId} and t.status = 'committed' and t.nexus_jurisdiction_id = ${state} and t.date >= ${start}::date and t.date <= ${end}::date and not t.marketplace`;
  const inState = sql`(j->>'id' = ${state} or j->>'id' like ${`${state}-%`})`;
  const [totals, jurisdictions, reasons] = await Promise.all([
    db.execute(sql`
      select t.type, count(*) as n, coalesce(sum(t.nexus_gross), 0) as gross, coalesce(sum(t.tax), 0) as tax
      from transactions t where ${scope} group by t.type`),
    db.execute(sql`
      select j->>'id' as id, j->>'name' as name, j->>'level' as level,
        sum((j->>'taxableAmount')::bigint) as taxable, sum((j->>'exemptAmount')::bigint) as exempt, sum((j->>'tax')::bigint) as tax
      from transactions t
      join transaction_versions v on v.seller_id = t.seller_id and v.transaction_id = t.id and v.version = t.version
      cross join lateral jsonb_array_elements(v.result->'lines') l
      cross join lateral jsonb_array_elements(l->'jurisdictions') j
      where ${scope} and ${inState}
      group by 1, 2, 3 order by 1`),
    db.execute(sql`
      select coalesce(c.reason, ex.e->>'reason', ex.e->>'kind') as reason, sum((j->>'exemptAmount')::bigint) as amount
      from transactions t
      join transaction_versions v on v.seller_id = t.seller_id and v.transaction_id = t.id and v.version = t.version
      cross join lateral jsonb_array_elements(v.result->'lines') l
      cross join lateral jsonb_array_elements(l->'jurisdictions') j
      left join lateral (
        select e from jsonb_array_elements(v.result->'exemptions') e
        where e->>'kind' = j->>'exemption' and (e->'jurisdictions') ? ${state} limit 1
      ) ex on true
      left join certificates c on c.seller_id = t.seller_id and c.id = ex.e->>'certificateId'
      where ${scope} and j->>'id' = ${state} and (j->>'exemptAmount')::bigint <> 0
      group by 1 order by 1`),
  ]);
  return { ...salesAndRefunds(totals), jurisdictions: jurisdictionFigures(jurisdictions), exemptByReason: exemptByReason(reasons) };
}

/** The transactions behind a return, in date order. */
export async function returnTransactions(db: Db, sellerId: string, state: string, start: string, end: string) {
  const rows = await db.execute(sql`
    select t.id, t.type, to_char(t.date, 'YYYY-MM-DD') as date, t.nexus_gross as gross, t.nexus_taxable as taxable, t.tax
    from transactions t
    where t.seller_id = ${sellerId} and t.status = 'committed' and t.nexus_jurisdiction_id = ${state} and t.date >= ${start}::date and t.date <= ${end}::date and not t.marketplace
    order by t.date, t.id`);
  return returnTransactionRows(rows);
}
