/** The rows the returns' queries answer, as numbers: shared by US-state and registration returns. */
import { rowsOf } from './rows.js';

type Numeric = string | number | null | undefined;

/** Sales and refunds from the rows of a `group by t.type` count. */
export function salesAndRefunds(totals: unknown) {
  const byType = new Map(rowsOf<{ type: string; n: Numeric; gross: Numeric; tax: Numeric }>(totals).map((r) => [r.type, r]));
  const sale = byType.get('sale');
  const refund = byType.get('refund');
  return {
    sales: { gross: Number(sale?.gross ?? 0), transactions: Number(sale?.n ?? 0) },
    refunds: { gross: Number(refund?.gross ?? 0), tax: Number(refund?.tax ?? 0), transactions: Number(refund?.n ?? 0) },
  };
}

export function jurisdictionFigures(result: unknown) {
  return rowsOf<{ id: string; name: string; level: string; taxable: Numeric; exempt: Numeric; tax: Numeric }>(result).map((r) => ({
    id: r.id,
    name: r.name,
    level: r.level,
    taxableAmount: Number(r.taxable),
    exemptAmount: Number(r.exempt),
    tax: Number(r.tax),
  }));
}

export function exemptByReason(result: unknown) {
  return rowsOf<{ reason: string; amount: Numeric }>(result).map((r) => ({ reason: r.reason, amount: Number(r.amount) }));
}

/** The transactions behind a return: id, type, date and the figures it adds. */
export function returnTransactionRows(result: unknown) {
  return rowsOf<{ id: string; type: string; date: string; gross: Numeric; taxable: Numeric; tax: Numeric }>(result).map((r) => ({
    id: r.id,
    type: r.type as 'sale' | 'refund',
    date: r.date,
    gross: Number(r.gross),
    taxable: Number(r.taxable),
    tax: Number(r.tax),
  }));
}
