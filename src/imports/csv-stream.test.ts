import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { readCsvRecords, type CsvEvent, type RowError } from './csv-stream.js';
import { TRANSACTION_COLUMNS, TRANSACTION_SPEC, parseTransactionRecord } from './transactions-csv.js';

const spec = { required: ['id', 'amount'], optional: ['note', 'city'] } as const;

async function* chunks(...parts: Array<string | Buffer>): AsyncGenerator<string | Buffer> {
  for (const part of parts) yield part;
}

async function collect(input: AsyncIterable<string | Buffer> | NodeJS.ReadableStream, s: { required: readonly string[]; optional: readonly string[] } = spec): Promise<CsvEvent[]> {
  const out: CsvEvent[] = [];
  for await (const event of readCsvRecords(input, s)) out.push(event);
  return out;
}

const errorsOf = (events: CsvEvent[]): RowError[] => events.flatMap((e) => (e.kind === 'error' ? [e.error] : []));
const recordsOf = (events: CsvEvent[]) => events.flatMap((e) => (e.kind === 'record' ? [{ row: e.row, values: e.values }] : []));

describe('readCsvRecords: records', () => {
  it('numbers rows as a spreadsheet does and keys values by the template names', async () => {
    const events = await collect(chunks('id,amount,note\n', 'A1,12.50,first\nA2,3,\n'));
    expect(events).toEqual([
      { kind: 'record', row: 2, values: { id: 'A1', amount: '12.50', note: 'first', city: '' } },
      { kind: 'record', row: 3, values: { id: 'A2', amount: '3', note: '', city: '' } },
    ]);
  });

  it('matches header cells case-insensitively after trimming, in any order', async () => {
    const events = await collect(chunks(' AMOUNT , Id \n5,X\n'));
    expect(recordsOf(events)).toEqual([{ row: 2, values: { id: 'X', amount: '5', note: '', city: '' } }]);
  });

  it('trims unquoted values and skips empty lines', async () => {
    const events = await collect(chunks('id,amount\n  A1 , 7 \n\n\nA2,8\n'));
    expect(recordsOf(events)).toEqual([
      { row: 2, values: { id: 'A1', amount: '7', note: '', city: '' } },
      { row: 3, values: { id: 'A2', amount: '8', note: '', city: '' } },
    ]);
  });

  it('skips rows of empty fields that spreadsheets save after the data', async () => {
    const events = await collect(chunks('id,amount,note\nA1,1,x\n,,\n, ,""\nA2,2,y\n,,\n,,\n'));
    expect(events).toEqual([
      { kind: 'record', row: 2, values: { id: 'A1', amount: '1', note: 'x', city: '' } },
      { kind: 'record', row: 5, values: { id: 'A2', amount: '2', note: 'y', city: '' } },
    ]);
  });

  it('counts a quoted multi-line field as one row', async () => {
    const csv = 'id,amount,note\nA1,1,"line one\nline two\nline three"\nA2,2,plain\nA3,x,"a ""quoted"", value"\n';
    const records = recordsOf(await collect(chunks(csv)));
    expect(records.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(records[0]!.values.note).toBe('line one\nline two\nline three');
    expect(records[2]!.values.note).toBe('a "quoted", value');
  });

  it('drops a UTF-8 byte order mark, also when it is split across chunks', async () => {
    for (const input of [
      chunks('\uFEFFid,amount\nA1,1\n'),
      chunks(Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id,amount\nA1,1\n')),
      chunks(Buffer.from([0xef]), Buffer.from([0xbb, 0xbf, 0x69]), 'd,amount\nA1,1\n'),
    ]) {
      const events = await collect(input);
      expect(events).toEqual([{ kind: 'record', row: 2, values: { id: 'A1', amount: '1', note: '', city: '' } }]);
    }
  });

  it('reads CRLF line endings, also inside quoted values and split between chunks', async () => {
    const events = await collect(chunks('id,amount,note\r', '\nA1,1,"two\r\nlines"\r\nA2,2,x\r', '\n'));
    expect(recordsOf(events)).toEqual([
      { row: 2, values: { id: 'A1', amount: '1', note: 'two\r\nlines', city: '' } },
      { row: 3, values: { id: 'A2', amount: '2', note: 'x', city: '' } },
    ]);
  });

  it('decodes multi-byte characters split between Buffer chunks', async () => {
    const bytes = Buffer.from('id,amount,city\nA1,1,Zürich\n');
    const cut = bytes.indexOf(0xc3) + 1;
    const events = await collect(chunks(bytes.subarray(0, cut), bytes.subarray(cut)));
    expect(recordsOf(events)[0]!.values.city).toBe('Zürich');
  });

  it('accepts a Node readable stream', async () => {
    const events = await collect(Readable.from(['id,amount\n', 'A1,1\n']));
    expect(recordsOf(events)).toHaveLength(1);
  });
});

describe('readCsvRecords: header errors', () => {
  it('reports every missing required column, then stops', async () => {
    const events = await collect(chunks('note,city\nx,y\n'));
    expect(events).toEqual([
      { kind: 'error', error: { row: 1, column: 'id', code: 'column_missing', message: 'the header has no id column, which is required' } },
      { kind: 'error', error: { row: 1, column: 'amount', code: 'column_missing', message: 'the header has no amount column, which is required' } },
    ]);
  });

  it('treats an empty file as one without the required columns', async () => {
    const errors = errorsOf(await collect(chunks('')));
    expect(errors.map((e) => [e.code, e.column])).toEqual([
      ['column_missing', 'id'],
      ['column_missing', 'amount'],
    ]);
  });

  it('reports an unknown column, suggests the template column it misspells, and still reads the rows', async () => {
    const events = await collect(chunks('id,amount,nots,Postal Code\nA1,1,x,y\n'));
    const errors = errorsOf(events);
    expect(errors).toEqual([
      { row: 1, column: 'nots', code: 'column_unknown', message: 'column "nots" (column C) is not a column of this template; did you mean note?' },
      { row: 1, column: 'Postal Code', code: 'column_unknown', message: 'column "Postal Code" (column D) is not a column of this template' },
    ]);
    expect(recordsOf(events)).toEqual([{ row: 2, values: { id: 'A1', amount: '1', note: '', city: '' } }]);
  });

  it('suggests template names written with spaces or other case', async () => {
    const errors = errorsOf(await collect(chunks('Transaction ID,type\n'), TRANSACTION_SPEC));
    expect(errors[0]).toMatchObject({ row: 1, column: 'Transaction ID', code: 'column_unknown' });
    expect(errors[0]!.message).toContain('did you mean transaction_id?');
    expect(errors.filter((e) => e.code === 'column_missing').map((e) => e.column)).toContain('transaction_id');
  });

  it('reports a duplicate column and reads the first of them', async () => {
    const events = await collect(chunks('id,amount,ID\nA1,1,B1\n'));
    expect(errorsOf(events)).toEqual([
      { row: 1, column: 'id', code: 'column_duplicate', message: 'column "ID" appears more than once in the header (again in column C); keep one' },
    ]);
    expect(recordsOf(events)[0]!.values.id).toBe('A1');
  });

  it('lists header errors in header order and still stops when a required column is missing', async () => {
    const events = await collect(chunks('amount,amunt,amount,bogus\n1,2,3,4\n'));
    expect(errorsOf(events).map((e) => [e.code, e.column])).toEqual([
      ['column_unknown', 'amunt'],
      ['column_duplicate', 'amount'],
      ['column_unknown', 'bogus'],
      ['column_missing', 'id'],
    ]);
    expect(recordsOf(events)).toEqual([]);
  });

  it('tolerates unnamed padding columns while they are empty', async () => {
    const events = await collect(chunks('id,amount,,\nA1,1,,\nA2,2,,oops\nA3,3,,\n'));
    expect(recordsOf(events).map((r) => r.row)).toEqual([2, 4]);
    expect(errorsOf(events)).toEqual([{ row: 3, column: null, code: 'column_unknown', message: 'row 3 has a value in column D, which has no header' }]);
  });
});

describe('readCsvRecords: row and file errors', () => {
  it('reports a row with too few or too many fields and skips only that row', async () => {
    const events = await collect(chunks('id,amount,note\nA1,1\nA2,2,x\nA3,3,x,extra\n'));
    expect(events).toEqual([
      { kind: 'error', error: { row: 2, column: null, code: 'column_count', message: 'row 2 has 2 fields, but the header has 3; check for an unquoted comma or a missing value' } },
      { kind: 'record', row: 3, values: { id: 'A2', amount: '2', note: 'x', city: '' } },
      { kind: 'error', error: { row: 4, column: null, code: 'column_count', message: 'row 4 has 4 fields, but the header has 3; check for an unquoted comma or a missing value' } },
    ]);
  });

  it('reports an unclosed quote once, at the row it opens in, and stops', async () => {
    const events = await collect(chunks('id,amount,note\nA1,1,ok\nA2,2,"never closed\nA3,3,x\nA4,4,y\n'));
    expect(recordsOf(events).map((r) => r.row)).toEqual([2]);
    const errors = errorsOf(events);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 3, column: null, code: 'csv_malformed' });
    expect(errors[0]!.message).toContain('never closed');
    expect(errors[0]!.message).toContain('line 5');
  });

  it('reports characters after a closing quote as malformed and stops', async () => {
    const events = await collect(chunks('id,amount\nA1,"1"x\nA2,2\n'));
    expect(events).toHaveLength(1);
    expect(errorsOf(events)[0]).toMatchObject({ row: 2, code: 'csv_malformed' });
  });

  it('reports a malformed header as row 1', async () => {
    const errors = errorsOf(await collect(chunks('"id,amount\n')));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 1, code: 'csv_malformed' });
  });

  it('gives up on a runaway quoted field instead of buffering the rest of the file', async () => {
    async function* runaway() {
      yield 'id,amount\nA1,"';
      for (let i = 0; i < 64; i++) yield 'x'.repeat(64 * 1024);
      throw new Error('read past the record size limit');
    }
    const errors = errorsOf(await collect(runaway()));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 2, code: 'csv_malformed' });
  });

  it('rethrows a failing input instead of calling it a CSV problem', async () => {
    async function* failing() {
      yield 'id,amount\nA1,1\n';
      throw new Error('disk on fire');
    }
    await expect(collect(failing())).rejects.toThrow('disk on fire');
  });
});

describe('readCsvRecords: streaming', () => {
  it('stops reading the input when the consumer stops', async () => {
    let produced = 0;
    let closed = false;
    async function* endless() {
      try {
        yield 'id,amount\n';
        for (;;) {
          produced++;
          yield 'A,1\n'.repeat(100);
        }
      } finally {
        closed = true;
      }
    }
    let seen = 0;
    for await (const event of readCsvRecords(endless(), spec)) {
      if (event.kind === 'record' && ++seen === 1000) break;
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
    expect(produced).toBeLessThan(20);
  });

  it('applies backpressure: a slow consumer keeps the parser only a little ahead', async () => {
    const perChunk = 100;
    let producedRows = 0;
    async function* source() {
      yield 'id,amount,note\n';
      for (let c = 0; c < 200; c++) {
        producedRows += perChunk;
        let s = '';
        for (let i = 0; i < perChunk; i++) s += `A${c}-${i},1.00,some note text\n`;
        yield s;
      }
    }
    let consumed = 0;
    let maxLead = 0;
    for await (const event of readCsvRecords(source(), spec)) {
      if (event.kind !== 'record') continue;
      consumed++;
      maxLead = Math.max(maxLead, producedRows - consumed);
      if (consumed % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(consumed).toBe(20_000);
    // One chunk is read ahead at most; without backpressure the lead would reach all 20,000 rows.
    expect(maxLead).toBeLessThanOrEqual(perChunk);
  });

  it('streams 200,000 rows in memory far below the input size', async () => {
    const gc = exposeGc();
    const rows = 200_000;
    let inputBytes = 0;
    async function* generated() {
      let batch = [TRANSACTION_COLUMNS.join(',')];
      const flush = () => {
        const s = `${batch.join('\n')}\n`;
        batch = [];
        inputBytes += Buffer.byteLength(s);
        return s;
      };
      for (let i = 0; i < rows; i++) {
        batch.push(`INV-${i},sale,,2024-03-15,USD,cus_${i % 977},"Customer ${i}, Inc.",business,${i} Congress Ave,Austin,TX,78701,US,1,pro-plan,${i}.${String(i % 100).padStart(2, '0')},1,0.00,false`);
        if (batch.length === 500) yield flush();
      }
      yield flush();
    }

    gc?.();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let records = 0;
    let valid = 0;
    let lastRow = 0;
    for await (const event of readCsvRecords(generated(), TRANSACTION_SPEC)) {
      if (event.kind !== 'record') throw new Error(`unexpected ${JSON.stringify(event)}`);
      records++;
      lastRow = event.row;
      if (parseTransactionRecord(event.row, event.values).ok) valid++;
      if (records % 10_000 === 0) {
        gc?.();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
    }
    expect(records).toBe(rows);
    expect(valid).toBe(rows);
    expect(lastRow).toBe(rows + 1);
    expect(inputBytes).toBeGreaterThan(25_000_000);
    // With a collector to call, this measures what is retained; without one, garbage not yet collected counts too.
    expect(peak).toBeLessThan(gc ? inputBytes / 10 : inputBytes * 2);
  });
});

/** The garbage collector, so the heap measured is what is retained, not what awaits collection. */
function exposeGc(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}
