/**
 * The journal of tax collected: per month, currency and jurisdiction (each
 * level as the returns show it: state, county, city, district; country or
 * province outside the US), tax on sales credits the jurisdiction's
 * tax-payable account and tax given back on refunds debits it; the clearing
 * account takes the other side, once per month and currency. Every entry
 * therefore balances, and the payable lines of a state and month sum to the
 * tax its return reports for that month.
 */
import { periodOf } from '../returns/periods.js';
import { payableAccount, type GlAccounts } from './accounts.js';

/** The ledger's tax for one jurisdiction, month and currency: on sales, and on refunds (negative). */
export interface JurisdictionTax {
  /** `YYYY-MM`. */
  period: string;
  currency: string;
  jurisdictionId: string;
  name: string;
  /** "sales tax", "VAT", "HST" ... for the memo. */
  taxName: string;
  collected: number;
  refunded: number;
}

export interface JournalLine {
  /** The last day of the month, or the end of the range asked for when that comes first. */
  date: string;
  account: string;
  /** Null on the balancing (clearing) lines. */
  jurisdictionId: string | null;
  jurisdictionName: string | null;
  period: string;
  /** Minor units, never negative; a line has a debit or a credit. */
  debit: number;
  credit: number;
  currency: string;
  memo: string;
}

export interface JournalTotal {
  currency: string;
  debit: number;
  credit: number;
}

export function buildJournal(rows: readonly JurisdictionTax[], accounts: GlAccounts, range: { to: string }): JournalLine[] {
  const groups = new Map<string, JurisdictionTax[]>();
  for (const row of [...rows].sort(byEntry)) {
    const key = `${row.period}|${row.currency}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const lines: JournalLine[] = [];
  for (const group of groups.values()) {
    const { period, currency } = group[0]!;
    const end = periodOf(`${period}-01`, 'monthly').end;
    const date = range.to < end ? range.to : end;
    let debits = 0;
    let credits = 0;
    for (const row of group) {
      const payable = payableAccount(accounts, row.jurisdictionId);
      for (const [amount, what] of [[row.collected, 'collected'], [row.refunded, 'refunded']] as const) {
        if (amount === 0) continue;
        const line = { date, account: payable, jurisdictionId: row.jurisdictionId, jurisdictionName: row.name, period, currency, ...sides(amount) };
        debits += line.debit;
        credits += line.credit;
        lines.push({ ...line, memo: `${row.taxName} ${what}: ${row.name} (${row.jurisdictionId}), ${period}` });
      }
    }
    const balancing = { date, account: accounts.clearing, jurisdictionId: null, jurisdictionName: null, period, currency };
    if (credits !== 0) lines.push({ ...balancing, debit: credits, credit: 0, memo: `Tax charged on sales, ${period}` });
    if (debits !== 0) lines.push({ ...balancing, debit: 0, credit: debits, memo: `Tax given back on refunds, ${period}` });
  }
  return lines;
}

/** Debits and credits per currency (equal, for a journal this module built). */
export function journalTotals(lines: readonly JournalLine[]): JournalTotal[] {
  const totals = new Map<string, JournalTotal>();
  for (const line of lines) {
    const t = totals.get(line.currency) ?? { currency: line.currency, debit: 0, credit: 0 };
    t.debit += line.debit;
    t.credit += line.credit;
    totals.set(line.currency, t);
  }
  return [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

/** A signed amount on a liability account: positive is a credit, negative a debit. */
function sides(amount: number): { debit: number; credit: number } {
  return amount >= 0 ? { debit: 0, credit: amount } : { debit: -amount, credit: 0 };
}

function byEntry(a: JurisdictionTax, b: JurisdictionTax): number {
  return compare(a.period, b.period) || compare(a.currency, b.currency) || compare(a.jurisdictionId, b.jurisdictionId);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
