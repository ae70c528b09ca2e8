/** Schemas of the GL export and reconciliation, and of the account mapping in settings. */
import { z } from 'zod';
import { isoDate } from '../engine/schemas.js';

/** An account code as the seller's chart of accounts writes it: printable, no surrounding spaces. */
const accountCode = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^\s\u0000-\u001f\u007f](?:[^\u0000-\u001f\u007f]*[^\s\u0000-\u001f\u007f])?$/, { error: 'must be 1-64 printable characters without surrounding spaces' });

export const glAccounts = z.object({
  taxPayable: z.string(),
  clearing: z.string(),
  byJurisdiction: z.record(z.string(), z.string()),
});

export const glAccountsPatch = z.strictObject({
  /** Credited with tax collected where no jurisdiction has an account of its own (default 2200). */
  taxPayable: accountCode.optional(),
  /** The other side of each entry: accounts receivable or a tax clearing account (default 1200). */
  clearing: accountCode.optional(),
  /** Tax-payable accounts by jurisdiction id; an id also maps the jurisdictions under it (US-TX maps its cities and counties). */
  byJurisdiction: z.record(z.string().min(2).max(40), accountCode).optional(),
});

const currencyCode = z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 currency code such as USD' });

export const journalQuery = z.strictObject({
  from: isoDate,
  to: isoDate,
  format: z.enum(['json', 'csv']).optional(),
});

const amount = z.string().describe('Major units as a decimal string (1234.56), exact from the minor units');

export const journalLine = z.object({
  date: z.string().describe('The last day of the month (or `to`, when the range ends first)'),
  account: z.string(),
  jurisdictionId: z.string().nullable().describe('Null on the balancing lines to the clearing account'),
  jurisdictionName: z.string().nullable(),
  period: z.string().describe('The month, 2026-07'),
  debit: amount,
  credit: amount,
  currency: z.string(),
  memo: z.string(),
});

export const journal = z.object({
  from: z.string(),
  to: z.string(),
  accounts: glAccounts.describe('The accounts used: the seller\'s mapping with the defaults filled in'),
  lines: z.array(journalLine),
  totals: z.array(z.object({ currency: z.string(), debit: amount, credit: amount })),
});

export const reconciliationQuery = z.strictObject({
  from: isoDate,
  to: isoDate,
  /** The currency of rows that give none (no currency column, or an empty cell). */
  currency: currencyCode.optional(),
});

export const reconciliation = z.object({
  from: z.string(),
  to: z.string(),
  matchedOn: z.array(z.enum(['period', 'currency', 'jurisdictionId', 'account'])).describe('The columns rows were matched on: period and currency, and the identifying columns the file has'),
  rows: z.number().int().describe('Rows of the file read'),
  ignoredRows: z.number().int().describe('Rows whose period is outside from..to, not compared'),
  clearingCompared: z.boolean().describe('Whether the balancing lines were compared: only when the file has rows on the clearing account (or, without an account column, rows without a jurisdiction)'),
  differences: z.array(
    z.object({
      period: z.string(),
      jurisdictionId: z.string().nullable(),
      account: z.string().nullable(),
      currency: z.string(),
      kind: z.enum(['missing_in_gl', 'missing_in_ledger', 'amount_differs']),
      ledger: amount.describe('The ledger\'s net amount, credit less debit'),
      gl: amount.describe('The GL\'s net amount, credit less debit'),
      difference: amount.describe('Ledger less GL'),
    }),
  ),
  totals: z.array(z.object({ currency: z.string(), ledgerDebit: amount, ledgerCredit: amount, glDebit: amount, glCredit: amount })),
  balanced: z.boolean(),
});
