import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { glAccountsOf } from './accounts.js';
import { journalCsv, parseGlCsv } from './csv.js';
import { buildJournal, type JournalLine, type JurisdictionTax } from './journal.js';
import { reconcile, type GlRow } from './reconcile.js';

const accounts = glAccountsOf({ byJurisdiction: { 'US-TX': '2210' } });
const range = { from: '2026-07-01', to: '2026-08-31' };

function journal(): JournalLine[] {
  const row = (period: string, jurisdictionId: string, collected: number, refunded = 0): JurisdictionTax => ({ period, currency: 'USD', jurisdictionId, name: jurisdictionId, taxName: 'sales tax', collected, refunded });
  return buildJournal([row('2026-07', 'US-TX', 625, -100), row('2026-07', 'US-WA', 650), row('2026-08', 'US-TX', 300)], accounts, range);
}

/** The journal as a GL would hold it: each line a row. */
function asGl(lines: readonly JournalLine[]): GlRow[] {
  return lines.map((l, i) => ({ row: i + 2, period: l.period, currency: l.currency, account: l.account, jurisdictionId: l.jurisdictionId ?? '', debit: l.debit, credit: l.credit }));
}

const both = { has: { account: true, jurisdictionId: true }, clearingAccount: accounts.clearing, ...range };

describe('reconciling a GL with the journal', () => {
  it('is balanced when the GL holds the journal, even posted as one net line per account', () => {
    expect(reconcile(journal(), asGl(journal()), both)).toMatchObject({ balanced: true, differences: [], clearingCompared: true, rows: 7, ignoredRows: 0 });
    const net: GlRow[] = [
      { row: 2, period: '2026-07', currency: 'USD', account: '2210', debit: 0, credit: 525 },
      { row: 3, period: '2026-07', currency: 'USD', account: '2200', debit: 0, credit: 650 },
      { row: 4, period: '2026-08', currency: 'USD', account: '2210', debit: 0, credit: 300 },
    ];
    const byAccount = reconcile(journal(), net, { ...both, has: { account: true, jurisdictionId: false } });
    expect(byAccount).toMatchObject({ balanced: true, clearingCompared: false, matchedOn: ['period', 'currency', 'account'] });
    expect(byAccount.totals).toEqual([{ currency: 'USD', ledgerDebit: 100, ledgerCredit: 1575, glDebit: 0, glCredit: 1475 }]);
  });

  it('finds each kind of difference', () => {
    const gl = asGl(journal()).filter((r) => !(r.period === '2026-07' && r.jurisdictionId === 'US-WA'));
    gl.find((r) => r.period === '2026-08' && r.jurisdictionId === 'US-TX')!.credit = 290;
    gl.push({ row: 99, period: '2026-08', currency: 'USD', account: '2200', jurisdictionId: 'US-NY', debit: 0, credit: 400 });
    const result = reconcile(journal(), gl, both);
    expect(result.balanced).toBe(false);
    expect(result.differences).toEqual([
      { period: '2026-07', currency: 'USD', jurisdictionId: 'US-WA', account: '2200', kind: 'missing_in_gl', ledger: 650, gl: 0, difference: 650 },
      { period: '2026-08', currency: 'USD', jurisdictionId: 'US-NY', account: '2200', kind: 'missing_in_ledger', ledger: 0, gl: 400, difference: -400 },
      { period: '2026-08', currency: 'USD', jurisdictionId: 'US-TX', account: '2210', kind: 'amount_differs', ledger: 300, gl: 290, difference: 10 },
    ]);
  });

  it('leaves out rows of months outside the range, and compares the clearing lines only when the GL has some', () => {
    const gl = asGl(journal());
    gl.push({ row: 50, period: '2026-09', currency: 'USD', account: '2200', jurisdictionId: 'US-WA', debit: 0, credit: 1 });
    expect(reconcile(journal(), gl, both)).toMatchObject({ balanced: true, ignoredRows: 1 });
    const taxOnly = asGl(journal()).filter((r) => r.account !== accounts.clearing);
    expect(reconcile(journal(), taxOnly, both)).toMatchObject({ balanced: true, clearingCompared: false });
  });

  it('the journal sent back as its own CSV export always reconciles', () => {
    const rows = fc.array(
      fc.record({
        period: fc.constantFrom('2026-06', '2026-07', '2026-08'),
        currency: fc.constantFrom('USD', 'JPY', 'KWD', 'EUR'),
        jurisdictionId: fc.constantFrom('US-TX', 'US-TX-CITY-AUSTIN', 'US-WA', 'CA', 'CA-ON', 'DE'),
        name: fc.string({ maxLength: 12 }),
        taxName: fc.constantFrom('sales tax', 'VAT', 'HST'),
        collected: fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
        refunded: fc.integer({ min: -1_000_000_000, max: 1_000_000 }),
      }),
      { maxLength: 25 },
    );
    const mapping = fc.record({
      taxPayable: fc.constantFrom('2200', 'Tax, payable', '"2300"'),
      clearing: fc.constantFrom('1200', 'AR 1100'),
      byJurisdiction: fc.dictionary(fc.constantFrom('US-TX', 'CA', 'DE'), fc.constantFrom('2210', '2250 CA', 'x')),
    });
    fc.assert(
      fc.property(rows, mapping, (list, map) => {
        const lines = buildJournal(list, glAccountsOf(map), { to: '2026-08-31' });
        const parsed = parseGlCsv(journalCsv(lines), 'USD');
        const result = reconcile(lines, parsed.rows, { has: parsed.has, clearingAccount: map.clearing, from: '2026-06-01', to: '2026-08-31' });
        expect(result.differences).toEqual([]);
        expect(result.balanced).toBe(true);
        expect(parsed.rows).toHaveLength(lines.length);
      }),
    );
  });
});
