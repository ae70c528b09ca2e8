/**
 * The ledger's journal against the seller's general ledger: every
 * (period, jurisdiction, account, currency) whose amounts differ. Amounts
 * are compared net, credit less debit, so a GL that posts one net line
 * where the journal has a collected and a refunded line still matches.
 * Rows are matched on the identifying columns the uploaded file has
 * (account, jurisdiction_id or both); the journal is summed the same way.
 *
 * The balancing (clearing) lines are compared only when the file has some:
 * a clearing account such as accounts receivable carries far more than tax,
 * and a file of the tax accounts alone should reconcile.
 */

import type { JournalLine } from './journal.js';

export interface GlRow {
  /** The file's row, header = 1. */
  row: number;
  period: string;
  currency: string;
  account?: string | undefined;
  jurisdictionId?: string | undefined;
  debit: number;
  credit: number;
}

export type DifferenceKind = 'missing_in_gl' | 'missing_in_ledger' | 'amount_differs';

export interface Difference {
  period: string;
  /** Null when the file has no jurisdiction_id column (rows matched on the account alone). */
  jurisdictionId: string | null;
  /** Null when the file has no account column. */
  account: string | null;
  currency: string;
  kind: DifferenceKind;
  /** Net amounts (credit less debit) in minor units. */
  ledger: number;
  gl: number;
  /** Ledger less GL. */
  difference: number;
}

export interface SideTotals {
  currency: string;
  ledgerDebit: number;
  ledgerCredit: number;
  glDebit: number;
  glCredit: number;
}

export interface Reconciliation {
  matchedOn: Array<'period' | 'currency' | 'jurisdictionId' | 'account'>;
  /** Rows of the file read, and those left out because their period is outside the range. */
  rows: number;
  ignoredRows: number;
  clearingCompared: boolean;
  differences: Difference[];
  totals: SideTotals[];
  balanced: boolean;
}

export interface ReconcileOptions {
  has: { account: boolean; jurisdictionId: boolean };
  clearingAccount: string;
  /** The range asked for: rows of months outside it are not compared. */
  from: string;
  to: string;
}

interface Bucket {
  period: string;
  currency: string;
  jurisdictionId: string | null;
  account: string | null;
  ledger: number;
  gl: number;
  inLedger: boolean;
  inGl: boolean;
}

export function reconcile(journal: readonly JournalLine[], gl: readonly GlRow[], options: ReconcileOptions): Reconciliation {
  const { has } = options;
  const first = options.from.slice(0, 7);
  const last = options.to.slice(0, 7);
  const compared = gl.filter((r) => r.period >= first && r.period <= last);
  const isBalancing = (r: GlRow) => (has.account ? r.account === options.clearingAccount : r.jurisdictionId === '');
  const clearingCompared = compared.some(isBalancing);
  const ledger = clearingCompared ? journal : journal.filter((l) => l.jurisdictionId !== null);

  const buckets = new Map<string, Bucket>();
  const totals = new Map<string, SideTotals>();
  const bucket = (period: string, currency: string, jurisdictionId: string | null, account: string | null) => {
    const j = has.jurisdictionId ? (jurisdictionId ?? '') : null;
    const a = has.account ? account : null;
    const key = JSON.stringify([period, currency, j, a]);
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { period, currency, jurisdictionId: j, account: a, ledger: 0, gl: 0, inLedger: false, inGl: false }));
    return b;
  };
  const total = (currency: string) => {
    let t = totals.get(currency);
    if (!t) totals.set(currency, (t = { currency, ledgerDebit: 0, ledgerCredit: 0, glDebit: 0, glCredit: 0 }));
    return t;
  };
  for (const l of ledger) {
    const b = bucket(l.period, l.currency, l.jurisdictionId, l.account);
    b.ledger += l.credit - l.debit;
    b.inLedger = true;
    const t = total(l.currency);
    t.ledgerDebit += l.debit;
    t.ledgerCredit += l.credit;
  }
  for (const r of compared) {
    const b = bucket(r.period, r.currency, r.jurisdictionId ?? null, r.account ?? null);
    b.gl += r.credit - r.debit;
    b.inGl = true;
    const t = total(r.currency);
    t.glDebit += r.debit;
    t.glCredit += r.credit;
  }

  const differences = [...buckets.values()]
    .filter((b) => b.ledger !== b.gl)
    .map((b): Difference => ({
      period: b.period,
      jurisdictionId: b.jurisdictionId,
      account: b.account,
      currency: b.currency,
      kind: !b.inGl ? 'missing_in_gl' : !b.inLedger ? 'missing_in_ledger' : 'amount_differs',
      ledger: b.ledger,
      gl: b.gl,
      difference: b.ledger - b.gl,
    }))
    .sort(byKey);
  return {
    matchedOn: ['period', 'currency', ...(has.jurisdictionId ? (['jurisdictionId'] as const) : []), ...(has.account ? (['account'] as const) : [])],
    rows: gl.length,
    ignoredRows: gl.length - compared.length,
    clearingCompared,
    differences,
    totals: [...totals.values()].sort((a, b) => compare(a.currency, b.currency)),
    balanced: differences.length === 0,
  };
}

function byKey(a: Difference, b: Difference): number {
  return compare(a.period, b.period) || compare(a.currency, b.currency) || compare(a.jurisdictionId ?? '', b.jurisdictionId ?? '') || compare(a.account ?? '', b.account ?? '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
