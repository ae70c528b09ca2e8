import { describe, expect, it } from 'vitest';
import { TaxError } from '../errors/tax-error.js';
import { formatAmount, journalCsv, parseGlCsv } from './csv.js';

function errorOf(text: string): { code: string; param: string | undefined; message: string } {
  try {
    parseGlCsv(text, 'USD');
  } catch (error) {
    if (error instanceof TaxError) return { code: error.code, param: error.param, message: error.message };
    throw error;
  }
  throw new Error('parsed');
}

describe('the journal CSV', () => {
  it('has a header row, amounts like 1234.56 in the currency\'s decimals, and quotes what needs it', () => {
    const csv = journalCsv([
      { date: '2026-07-31', account: '2200', jurisdictionId: 'US-TX', jurisdictionName: 'Texas', period: '2026-07', debit: 0, credit: 123456, currency: 'USD', memo: 'sales tax collected: Texas (US-TX), 2026-07' },
      { date: '2026-07-31', account: '1200', jurisdictionId: null, jurisdictionName: null, period: '2026-07', debit: 500, credit: 0, currency: 'JPY', memo: 'Tax charged on sales, 2026-07' },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'date,account,jurisdiction_id,jurisdiction_name,period,debit,credit,currency,memo',
      '2026-07-31,2200,US-TX,Texas,2026-07,0.00,1234.56,USD,"sales tax collected: Texas (US-TX), 2026-07"',
      '2026-07-31,1200,,,2026-07,500,0,JPY,"Tax charged on sales, 2026-07"',
      '',
    ]);
    expect(formatAmount(1005, 'KWD')).toBe('1.005');
  });
});

describe('reading a GL extract', () => {
  it('takes columns in any order and any spelling, ignores the ones it does not use, and reads amounts exactly', () => {
    const parsed = parseGlCsv(['Entry,Debit,Period,Account Code,Credit,Currency,Memo', '7,,2026-07,2210,0.29,,x', '8,125,2026-08,2200,,jpy,y'].join('\n'), 'USD');
    expect(parsed.has).toEqual({ account: true, jurisdictionId: false });
    expect(parsed.rows).toEqual([
      { row: 2, period: '2026-07', currency: 'USD', account: '2210', debit: 0, credit: 29 },
      { row: 3, period: '2026-08', currency: 'JPY', account: '2200', debit: 125, credit: 0 },
    ]);
    expect(errorOf(['Entry,Debit,Period,Account Code,Credit,Currency', '8,12.5,2026-08,2200,,JPY'].join('\n'))).toMatchObject({ code: 'csv_invalid', param: 'rows.2.debit' });
    expect(parseGlCsv('jurisdictionId,period,debit,credit\n,2026-07,1.00,\nUS-TX,2026-07,,1.00\n\n', 'EUR')).toEqual({
      has: { account: false, jurisdictionId: true },
      rows: [
        { row: 2, period: '2026-07', currency: 'EUR', jurisdictionId: '', debit: 100, credit: 0 },
        { row: 3, period: '2026-07', currency: 'EUR', jurisdictionId: 'US-TX', debit: 0, credit: 100 },
      ],
    });
  });

  it('names the row and column of every value it cannot take', () => {
    const header = 'period,account,debit,credit';
    expect(errorOf(`${header}\n2026-07,2200,0,1,234.00`)).toMatchObject({ code: 'csv_invalid', param: 'rows.2' });
    expect(errorOf(`${header}\n2026-07,2200,0,"1,234.00"`)).toMatchObject({ param: 'rows.2.credit', message: expect.stringContaining('thousands separators') });
    expect(errorOf(`${header}\n2026-07,2200,0,1.00\n2026/08,2200,0,1.00`)).toMatchObject({ param: 'rows.3.period', message: 'row 3, column period: "2026/08" is not a month; write it as 2026-07' });
    expect(errorOf(`${header}\n2026-07,2200,-5.00,0`)).toMatchObject({ param: 'rows.2.debit', message: expect.stringContaining('credit column') });
    expect(errorOf(`${header}\n2026-07,2200,1.005,0`)).toMatchObject({ param: 'rows.2.debit', message: expect.stringContaining('more decimals') });
    expect(errorOf(`${header}\n2026-07,,1.00,0`)).toMatchObject({ param: 'rows.2.account' });
    expect(errorOf(`${header},currency\n2026-07,2200,1.00,0,dollars`)).toMatchObject({ param: 'rows.2.currency' });
    expect(errorOf('period,account,credit\n2026-07,2200,1.00')).toMatchObject({ param: 'rows.1.debit', message: 'row 1, column debit: the header has no debit column, which is required' });
    expect(errorOf('period,debit,credit\n2026-07,1.00,0')).toMatchObject({ param: 'rows.1.account', message: expect.stringContaining('jurisdiction_id') });
    expect(errorOf('period,Period,account,debit,credit')).toMatchObject({ param: 'rows.1.period' });
    expect(errorOf('')).toMatchObject({ param: 'rows.1' });
    expect(errorOf(`${header}\n2026-07,2200,"1.00,0`)).toMatchObject({ code: 'csv_invalid', param: 'rows.2' });
  });
});
