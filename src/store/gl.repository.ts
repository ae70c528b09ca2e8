/**
 * Tax by month, currency and jurisdiction, summed in SQL from the committed
 * ledger for the GL journal: the same transactions and the same figures the
 * returns sum (committed, not sold through a marketplace, each line's tax
 * per jurisdiction as the engine recorded it), so the two always agree.
 */
import { sql } from 'drizzle-orm';
import type { JurisdictionTax } from '../gl/journal.js';
import type { Db } from './open.js';
import { rowsOf } from './rows.js';

export async function taxByJurisdiction(db: Db, sellerId: string, from: string, to: string): Promise<JurisdictionTax[]> {
  const rows = await db.execute(sql`
    select to_char(t.date, 'YYYY-MM') as period, t.currency, j->>'id' as id, min(j->>'name') as name, min(j->>'taxName') as tax_name,
      sum(case when t.type = 'sale' then (j->>'tax')::bigint else 0 end) as collected,
      sum(case when t.type = 'refund' then (j->>'tax')::bigint else 0 end) as refunded
    from transactions t
    join transaction_versions v on v.seller_id = t.seller_id and v.transaction_id = t.id and v.version = t.version
    cross join lateral jsonb_array_elements(v.result->'lines') l
    cross join lateral jsonb_array_elements(l->'jurisdictions') j
    where t.seller_id = ${sellerId} and t.status = 'committed' and t.date >= ${from}::date and t.date <= ${to}::date and not t.marketplace
      and (j->>'tax')::bigint <> 0
    group by 1, 2, 3 order by 1, 2, 3`);
  return rowsOf<{ period: string; currency: string; id: string; name: string; tax_name: string | null; collected: string; refunded: string }>(rows).map((r) => ({
    period: r.period,
    currency: r.currency,
    jurisdictionId: r.id,
    name: r.name,
    taxName: r.tax_name ?? 'sales tax',
    collected: Number(r.collected),
    refunded: Number(r.refunded),
  }));
}
