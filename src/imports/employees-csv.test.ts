import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsvRecords, type RowError } from './csv-stream.js';
import { EMPLOYEE_COLUMNS, EMPLOYEE_SPEC, US_REGIONS, employeeTemplateCsv, parseEmployeeRecord, type EmployeeImportRow } from './employees-csv.js';

const valid: Record<string, string> = { employee_id: 'E-1', name: 'Ada Lopez', region: 'TX', country: 'US', start_date: '2022-01-10', end_date: '' };

function parsed(patch: Record<string, string> = {}): EmployeeImportRow {
  const result = parseEmployeeRecord(4, { ...valid, ...patch });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.row;
}

function errors(patch: Record<string, string>): RowError[] {
  const result = parseEmployeeRecord(4, { ...valid, ...patch });
  if (result.ok) throw new Error(`accepted ${JSON.stringify(patch)}`);
  return result.errors;
}

describe('employeeTemplateCsv', () => {
  it('has the template columns and example rows that import cleanly', async () => {
    const csv = employeeTemplateCsv();
    expect(csv.split('\r\n')[0]).toBe(EMPLOYEE_COLUMNS.join(','));
    const rows: EmployeeImportRow[] = [];
    for await (const event of readCsvRecords(Readable.from([csv]), EMPLOYEE_SPEC)) {
      if (event.kind === 'error') throw new Error(JSON.stringify(event.error));
      const result = parseEmployeeRecord(event.row, event.values);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      rows.push(result.row);
    }
    expect(rows.map((r) => [r.row, r.id, r.region, r.country, r.endDate])).toEqual([
      [2, 'E-001', 'TX', 'US', null],
      [3, 'E-002', 'CO', 'US', '2024-02-29'],
      [4, 'E-003', 'ON', 'CA', null],
    ]);
  });

  it('requires every column but name and end_date', async () => {
    const found: string[] = [];
    for await (const event of readCsvRecords(Readable.from(['employee_id,name,end_date\n']), EMPLOYEE_SPEC)) {
      if (event.kind === 'error') found.push(`${event.error.code}:${event.error.column}`);
    }
    expect(found).toEqual(['column_missing:region', 'column_missing:country', 'column_missing:start_date']);
  });
});

describe('parseEmployeeRecord', () => {
  it('reads a row, upper-casing codes', () => {
    expect(parsed({ region: 'tx', country: 'us', end_date: '2024-06-30' })).toEqual({
      row: 4,
      id: 'E-1',
      name: 'Ada Lopez',
      region: 'TX',
      country: 'US',
      startDate: '2022-01-10',
      endDate: '2024-06-30',
    });
  });

  it('allows a missing name and end date, and a one-day employment', () => {
    const { name: _name, end_date: _end, ...rest } = valid;
    const result = parseEmployeeRecord(2, rest);
    expect(result.ok && result.row).toMatchObject({ name: null, endDate: null });
    expect(parsed({ end_date: '2022-01-10' }).endDate).toBe('2022-01-10');
  });

  it('knows the 50 states, DC and Puerto Rico', () => {
    expect(US_REGIONS.size).toBe(52);
    for (const region of ['DC', 'PR', 'AK', 'WY']) expect(parsed({ region }).region).toBe(region);
  });

  it('keeps regions outside the US and Canada as written', () => {
    expect(parsed({ country: 'DE', region: 'Berlin' }).region).toBe('Berlin');
    expect(parsed({ country: 'GB', region: '' }).region).toBeNull();
  });

  it('value_missing: employee id, region in the US or Canada, country, start date', () => {
    expect(errors({ employee_id: '' })).toEqual([{ row: 4, column: 'employee_id', code: 'value_missing', message: 'employee_id is empty; every row needs an employee_id' }]);
    expect(errors({ region: '' })[0]).toMatchObject({ column: 'region', code: 'value_missing' });
    expect(errors({ country: 'CA', region: '' })[0]!.message).toContain('province code');
    expect(errors({ country: '' })[0]).toMatchObject({ column: 'country', code: 'value_missing' });
    expect(errors({ start_date: '' })[0]).toMatchObject({ column: 'start_date', code: 'value_missing' });
  });

  it('region_invalid: not a US state, DC or PR', () => {
    for (const region of ['VI', 'GU', 'Texas', 'XX']) expect(errors({ region })).toEqual([expect.objectContaining({ column: 'region', code: 'region_invalid' })]);
    expect(errors({ country: 'CA', region: 'QB' })[0]).toMatchObject({ code: 'region_invalid' });
  });

  it('country_invalid and date_invalid', () => {
    expect(errors({ country: 'USA' })[0]).toMatchObject({ column: 'country', code: 'country_invalid' });
    expect(errors({ start_date: '2022-02-30' })).toEqual([
      { row: 4, column: 'start_date', code: 'date_invalid', message: 'start_date "2022-02-30" is not a real date written YYYY-MM-DD' },
    ]);
    expect(errors({ end_date: '31/12/2024' })[0]).toMatchObject({ column: 'end_date', code: 'date_invalid' });
  });

  it('value_invalid: an end date before the start date, or an over-long id', () => {
    expect(errors({ end_date: '2021-12-31' })).toEqual([
      { row: 4, column: 'end_date', code: 'value_invalid', message: 'end_date "2021-12-31" is before start_date "2022-01-10"; the end date is the last day worked' },
    ]);
    expect(errors({ employee_id: 'x'.repeat(201) })[0]).toMatchObject({ column: 'employee_id', code: 'value_invalid' });
  });

  it('reports every problem at once, in column order', () => {
    expect(errors({ employee_id: '', region: 'Nowhere', start_date: 'soon', end_date: 'later' }).map((e) => [e.column, e.code])).toEqual([
      ['employee_id', 'value_missing'],
      ['region', 'region_invalid'],
      ['start_date', 'date_invalid'],
      ['end_date', 'date_invalid'],
    ]);
  });
});
