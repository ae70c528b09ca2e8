/**
 * The figures of a VAT/GST return outside the United States, summed in SQL
 * from the committed ledger: every transaction dated in the period with a
 * line on which a covered jurisdiction collects (the seller was registered
 * for it), in one currency. A transaction's sales figure is its whole
 * invoice, as for a US state; its taxable, exempt and tax figures are the
 * covered jurisdictions'. A line carries at most one jurisdiction of a
 * registration (a harmonized province's HST replaces the GST), so summing
 * them over a line counts nothing twice.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './open.js';
import type { ReturnTotals } from './returns.repository.js';
import { exemptByReason, jurisdictionFigures, returnTransactionRows, salesAndRefunds } from './return-rows.js';
import { rowsOf } from './rows.js';

export interface RegistrationReturnTotals extends ReturnTotals {
  /** What the customers account for themselves (part of the exempt figures). */
  reverseCharge: number;
  /** Sales, taxable and tax figures are the covered jurisdictions'. */
  taxableAmount: number;
  exemptAmount: number;
  /** Transactions in scope but in other currencies, left out of these figures. */
  otherCurrencies: Array<{ currency: string; transactions: number }>;
}

export interface RegistrationQuery {
  covers: readonly string[];
  currency: string;
  start: string;
  end: string;
}

/** Entries of a line that the return covers. */
const covered = (covers: readonly string[]) => sql`j->>'id' in ${covers} and (j->>'collect')::boolean`;

/** Committed, dated in the period, not sold through a marketplace (the facilitator reports those), touching a covered jurisdiction. */
function scope(sellerId: string, q: RegistrationQuery): SQL {
  return sql`t.seller_id = ${sellerId} and t.status = 'committed' and t.date >= ${q.start}::date and t.date <= ${q.end}::date and not t.marketplace
    and exists (
      select 1 from jsonb_array_elements(v.result->'lines') l cross join lateral jsonb_array_elements(l->'jurisdictions') j
      where ${covered(q.covers)})`;
}

const LEDGER = sql`transactions t join transaction_versions v on v.seller_id = t.seller_id and v.transaction_id = t.id and v.version = t.version`;

/** Per transaction: its whole invoice, and the covered jurisdictions' taxable, exempt and tax figures. */
function perTransaction(sellerId: string, q: RegistrationQuery): SQL {
  return sql`
    select t.id, t.type, t.date,
      (select coalesce(sum((l->>'amount')::bigint), 0) from jsonb_array_elements(v.result->'lines') l) as gross,
      coalesce(c.taxable, 0) as taxable, coalesce(c.exempt, 0) as exempt, coalesce(c.tax, 0) as tax, coalesce(c.reverse, 0) as reverse
    from ${LEDGER}
    left join lateral (
      select sum((j->>'taxableAmount')::bigint) as taxable, sum((j->>'exemptAmount')::bigint) as exempt, sum((j->>'tax')::bigint) as tax,
        sum(case when j->>'exemption' = 'reverse_charge' then (j->>'exemptAmount')::bigint else 0 end) as reverse
      from jsonb_array_elements(v.result->'lines') l cross join lateral jsonb_array_elements(l->'jurisdictions') j
      where ${covered(q.covers)}
    ) c on true
    where ${scope(sellerId, q)} and t.currency = ${q.currency}`;
}

export async function registrationReturnTotals(db: Db, sellerId: string, q: RegistrationQuery): Promise<RegistrationReturnTotals> {
  const [totals, jurisdictions, reasons, others] = await Promise.all([
    db.execute(sql`
      select x.type, count(*) as n, sum(x.gross) as gross, sum(x.taxable) as taxable, sum(x.exempt) as exempt, sum(x.tax) as tax, sum(x.reverse) as reverse
      from (${perTransaction(sellerId, q)}) x group by x.type`),
    db.execute(sql`
      select j->>'id' as id, min(j->>'name') as name, min(j->>'level') as level,
        sum((j->>'taxableAmount')::bigint) as taxable, sum((j->>'exemptAmount')::bigint) as exempt, sum((j->>'tax')::bigint) as tax
      from ${LEDGER}
      cross join lateral jsonb_array_elements(v.result->'lines') l
      cross join lateral jsonb_array_elements(l->'jurisdictions') j
      where ${scope(sellerId, q)} and t.currency = ${q.currency} and ${covered(q.covers)}
      group by 1 order by 1`),
    db.execute(sql`
      select coalesce(c.reason, ex.e->>'reason', j->>'exemption') as reason, sum((j->>'exemptAmount')::bigint) as amount
      from ${LEDGER}
      cross join lateral jsonb_array_elements(v.result->'lines') l
      cross join lateral jsonb_array_elements(l->'jurisdictions') j
      left join lateral (
        select e from jsonb_array_elements(v.result->'exemptions') e
        where e->>'kind' = j->>'exemption' and (e->'jurisdictions') ? (j->>'id') limit 1
      ) ex on true
      left join certificates c on c.seller_id = t.seller_id and c.id = ex.e->>'certificateId'
      where ${scope(sellerId, q)} and t.currency = ${q.currency} and ${covered(q.covers)} and (j->>'exemptAmount')::bigint <> 0
      group by 1 order by 1`),
    db.execute(sql`
      select t.currency, count(*) as n from ${LEDGER}
      where ${scope(sellerId, q)} and t.currency <> ${q.currency}
      group by 1 order by 1`),
  ]);
  type Row = { type: string; n: string; gross: string; taxable: string; exempt: string; tax: string; reverse: string };
  const byType = new Map(rowsOf<Row>(totals).map((r) => [r.type, r]));
  const sale = byType.get('sale');
  const refund = byType.get('refund');
  const sum = (key: keyof Row) => Number(sale?.[key] ?? 0) + Number(refund?.[key] ?? 0);
  return {
    ...salesAndRefunds(totals),
    taxableAmount: sum('taxable'),
    exemptAmount: sum('exempt'),
    reverseCharge: sum('reverse'),
    jurisdictions: jurisdictionFigures(jurisdictions),
    exemptByReason: exemptByReason(reasons),
    otherCurrencies: rowsOf<{ currency: string; n: string }>(others).map((r) => ({ currency: r.currency, transactions: Number(r.n) })),
  };
}

/** The transactions behind the return, in date order, with the covered jurisdictions' figures. */
export async function registrationReturnTransactions(db: Db, sellerId: string, q: RegistrationQuery) {
  const rows = await db.execute(sql`
    select x.id, x.type, to_char(x.date, 'YYYY-MM-DD') as date, x.gross, x.taxable, x.tax
    from (${perTransaction(sellerId, q)}) x order by x.date, x.id`);
  return returnTransactionRows(rows);
}
