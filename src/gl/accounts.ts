/**
 * Which general-ledger account each journal line goes to. Tax collected is
 * a liability until it is paid over: it credits a tax-payable account (one
 * for everything, or one per jurisdiction), and the clearing account
 * (accounts receivable, or a sales-tax clearing account) takes the other
 * side. A seller that maps nothing gets the defaults below.
 */
import type { GlAccounts } from '../store/schema.js';

export type { GlAccounts };

/** Common chart-of-accounts numbers: 2200 sales tax payable, 1200 accounts receivable. */
export const DEFAULT_GL_ACCOUNTS: Readonly<GlAccounts> = Object.freeze({ taxPayable: '2200', clearing: '1200', byJurisdiction: Object.freeze({}) });

/** The seller's mapping with the defaults filled in where it says nothing. */
export function glAccountsOf(stored: Partial<GlAccounts> | null | undefined): GlAccounts {
  return {
    taxPayable: stored?.taxPayable ?? DEFAULT_GL_ACCOUNTS.taxPayable,
    clearing: stored?.clearing ?? DEFAULT_GL_ACCOUNTS.clearing,
    byJurisdiction: { ...(stored?.byJurisdiction ?? {}) },
  };
}

/**
 * The tax-payable account of a jurisdiction: its own, else that of the
 * nearest id enclosing it (`US-TX` for `US-TX-CITY-AUSTIN`, `CA` for
 * `CA-ON`), else the default.
 *
 * @example
 * payableAccount({ taxPayable: '2200', clearing: '1200', byJurisdiction: { 'US-TX': '2210' } }, 'US-TX-CITY-AUSTIN'); // '2210'
 */
export function payableAccount(accounts: GlAccounts, jurisdictionId: string): string {
  for (let id = jurisdictionId; ; ) {
    if (Object.hasOwn(accounts.byJurisdiction, id)) return accounts.byJurisdiction[id]!;
    const cut = id.lastIndexOf('-');
    if (cut <= 0) return accounts.taxPayable;
    id = id.slice(0, cut);
  }
}
