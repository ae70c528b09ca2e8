import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GL_ACCOUNTS, glAccountsOf, payableAccount } from './accounts.js';
import { buildJournal, journalTotals, type JurisdictionTax } from './journal.js';

const accounts = glAccountsOf({ taxPayable: '2200', clearing: '1200', byJurisdiction: { 'US-TX': '2210', 'US-TX-CITY-AUSTIN': '2211', CA: '2250' } });

const row = (jurisdictionId: string, collected: number, refunded = 0, extra: Partial<JurisdictionTax> = {}): JurisdictionTax => ({
  period: '2026-07',
  currency: 'USD',
  jurisdictionId,
  name: jurisdictionId,
  taxName: 'sales tax',
  collected,
  refunded,
  ...extra,
});

describe('accounts', () => {
  it('a jurisdiction takes its own account, else the nearest enclosing id\'s, else the default', () => {
    expect(payableAccount(accounts, 'US-TX')).toBe('2210');
    expect(payableAccount(accounts, 'US-TX-CITY-AUSTIN')).toBe('2211');
    expect(payableAccount(accounts, 'US-TX-SPECIAL-CAPMETRO')).toBe('2210');
    expect(payableAccount(accounts, 'CA-ON')).toBe('2250');
    expect(payableAccount(accounts, 'US-WA')).toBe('2200');
    expect(payableAccount(accounts, 'constructor')).toBe('2200');
  });

  it('a seller that maps nothing gets 2200 tax payable and 1200 clearing', () => {
    expect(glAccountsOf(undefined)).toEqual({ taxPayable: '2200', clearing: '1200', byJurisdiction: {} });
    expect(glAccountsOf({ byJurisdiction: { 'US-TX': '2210' } })).toEqual({ taxPayable: '2200', clearing: '1200', byJurisdiction: { 'US-TX': '2210' } });
    expect(DEFAULT_GL_ACCOUNTS.byJurisdiction).toEqual({});
  });
});

describe('the journal', () => {
  it('credits tax collected and debits tax refunded per jurisdiction, balanced to the clearing account once per month and currency', () => {
    const lines = buildJournal([row('US-TX-CITY-AUSTIN', 200, -20), row('US-TX', 625, -62), row('US-WA', 650)], accounts, { to: '2026-12-31' });
    expect(lines.map((l) => [l.account, l.jurisdictionId, l.debit, l.credit])).toEqual([
      ['2210', 'US-TX', 0, 625],
      ['2210', 'US-TX', 62, 0],
      ['2211', 'US-TX-CITY-AUSTIN', 0, 200],
      ['2211', 'US-TX-CITY-AUSTIN', 20, 0],
      ['2200', 'US-WA', 0, 650],
      ['1200', null, 1475, 0],
      ['1200', null, 0, 82],
    ]);
    expect(lines.every((l) => l.date === '2026-07-31' && l.period === '2026-07')).toBe(true);
    expect(lines[0]!.memo).toBe('sales tax collected: US-TX (US-TX), 2026-07');
    expect(lines[1]!.memo).toBe('sales tax refunded: US-TX (US-TX), 2026-07');
  });

  it('dates a month\'s entry on its last day, or on the end of the range when that comes first', () => {
    const lines = buildJournal([row('US-WA', 1, 0, { period: '2024-02' }), row('US-WA', 1, 0, { period: '2024-03' })], accounts, { to: '2024-03-15' });
    expect([...new Set(lines.map((l) => l.date))]).toEqual(['2024-02-29', '2024-03-15']);
  });

  it('keeps currencies apart: each balances on its own', () => {
    const lines = buildJournal([row('US-WA', 650), row('CA-ON', 1300, 0, { currency: 'CAD' })], accounts, { to: '2026-07-31' });
    expect(journalTotals(lines)).toEqual([
      { currency: 'CAD', debit: 1300, credit: 1300 },
      { currency: 'USD', debit: 650, credit: 650 },
    ]);
  });

  it('writes nothing for a month without tax', () => {
    expect(buildJournal([], accounts, { to: '2026-07-31' })).toEqual([]);
    expect(buildJournal([row('US-WA', 0, 0)], accounts, { to: '2026-07-31' })).toEqual([]);
  });

  it('debits always equal credits, per currency, and no line is negative or both', () => {
    const rows = fc.array(
      fc.record({
        period: fc.constantFrom('2025-12', '2026-01', '2026-02'),
        currency: fc.constantFrom('USD', 'CAD', 'JPY'),
        jurisdictionId: fc.constantFrom('US-TX', 'US-TX-CITY-AUSTIN', 'US-WA', 'CA', 'CA-ON', 'DE'),
        name: fc.string(),
        taxName: fc.constantFrom('sales tax', 'VAT', 'HST'),
        collected: fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
        refunded: fc.integer({ min: -1_000_000_000, max: 1_000_000 }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(rows, (list) => {
        const lines = buildJournal(list, accounts, { to: '2026-02-28' });
        for (const t of journalTotals(lines)) expect(t.debit).toBe(t.credit);
        for (const l of lines) expect(l.debit >= 0 && l.credit >= 0 && (l.debit === 0) !== (l.credit === 0)).toBe(true);
      }),
    );
  });
});
