/**
 * Reads an uploaded CSV as a stream of header-checked records and precise,
 * row-numbered errors, so a file of any size is validated in constant memory.
 * What the values mean is left to the template parsers (transactions-csv.ts,
 * employees-csv.ts); this layer only knows column names.
 */
import { finished } from 'node:stream/promises';
import { CsvError, parse, type InfoRecord } from 'csv-parse';

export interface RowError {
  /** Spreadsheet row: the header is row 1, the first data record row 2. */
  row: number;
  /** The template's column name, or null when the problem is the whole row or file. */
  column: string | null;
  code: string;
  message: string;
}

export type CsvEvent = { kind: 'record'; row: number; values: Record<string, string> } | { kind: 'error'; error: RowError };

export interface ColumnSpec {
  required: readonly string[];
  optional: readonly string[];
}

/**
 * No template row comes near this; the cap exists because an unclosed quote
 * otherwise makes csv-parse swallow the rest of the file into one field,
 * which for a 1 GB upload means holding all of it in memory.
 */
export const MAX_RECORD_BYTES = 1 << 20;

/**
 * Header cells are matched case-insensitively after trimming. Every column of
 * the spec is a key of `values` (an optional column the file lacks reads as
 * ''), so callers need not tell "absent" from "empty". Blank lines and rows
 * whose every field is empty are skipped (a blank line takes no row number; a
 * row of empty fields keeps its own). Records are yielded
 * only for rows that line up with the header; a row that does not yields one
 * error instead. Errors that are not about the CSV (the input failing) are
 * thrown, not reported.
 *
 * The next input chunk is read only once the consumer has taken every record
 * of the previous one, so memory is bounded by the chunk size, however slowly
 * the consumer works and however large the file is.
 */
export async function* readCsvRecords(
  input: AsyncIterable<Buffer | string> | NodeJS.ReadableStream,
  spec: ColumnSpec,
): AsyncGenerator<CsvEvent> {
  // Records are taken in on_record rather than read from the stream side, because
  // a stream that fails drops the records it buffered before the failure, and
  // those rows' errors belong in the report too.
  const parsed: Array<{ row: number; fields: string[] }> = [];
  let failure: unknown;
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_BYTES,
    on_record: (fields: string[], context: InfoRecord) => {
      parsed.push({ row: context.records, fields });
      return null;
    },
  });
  parser.on('error', (err: unknown) => {
    failure ??= err;
  });

  let header: Header | undefined;
  let lastRow = 0;
  // Yields the events of the records parsed so far; false once a header error means nothing more is to be read.
  function* drain(): Generator<CsvEvent, boolean> {
    for (const { row, fields } of parsed.splice(0)) {
      lastRow = row;
      if (header === undefined) {
        header = readHeader(fields, spec);
        for (const error of header.errors) yield { kind: 'error', error };
        if (header.fatal) return false;
      } else if (fields.some((field) => field !== '')) {
        yield toEvent(row, fields, header, spec);
      }
      // A row of nothing but commas is what spreadsheets save for a row that was
      // once formatted; it is as empty as a blank line, but still takes its row number.
    }
    return true;
  }

  try {
    for await (const chunk of input as AsyncIterable<Buffer | string>) {
      if (chunk.length === 0) continue;
      await new Promise<void>((resolve) => {
        parser.write(chunk, (err) => {
          if (err) failure ??= err;
          resolve();
        });
      });
      if (!(yield* drain())) return;
      if (failure !== undefined) break;
    }
    if (failure === undefined) {
      parser.end();
      await finished(parser, { readable: false }).catch((err: unknown) => {
        failure ??= err;
      });
      if (!(yield* drain())) return;
    }
    if (failure !== undefined) {
      if (!(failure instanceof CsvError)) throw failure;
      // The row being read when parsing failed is the one after the last complete record.
      const done = typeof failure['records'] === 'number' ? failure['records'] : lastRow;
      yield { kind: 'error', error: malformed(failure, done + 1) };
      return;
    }
    if (header === undefined) {
      // An empty file: report it the way a file without those columns is reported.
      for (const error of readHeader([], spec).errors) yield { kind: 'error', error };
    }
  } finally {
    parser.destroy();
  }
}

interface Header {
  /** For each spec column present in the file, its field index (the first, if repeated). */
  index: Map<string, number>;
  /** Field indexes whose header cell is empty (spreadsheet padding). */
  unnamed: number[];
  width: number;
  errors: RowError[];
  fatal: boolean;
}

function readHeader(cells: string[], spec: ColumnSpec): Header {
  const known = [...spec.required, ...spec.optional];
  const byName = new Map(known.map((name) => [name.trim().toLowerCase(), name] as const));
  const index = new Map<string, number>();
  const seen = new Set<string>();
  const unnamed: number[] = [];
  const duplicates: Array<{ at: number; error: RowError }> = [];
  const unknown: Array<{ cell: string; at: number }> = [];

  cells.forEach((raw, at) => {
    const cell = raw.trim();
    const key = cell.toLowerCase();
    if (cell === '') {
      unnamed.push(at);
      return;
    }
    if (seen.has(key)) {
      duplicates.push({
        at,
        error: {
          row: 1,
          column: byName.get(key) ?? cell.slice(0, 200),
          code: 'column_duplicate',
          message: `column ${show(cell)} appears more than once in the header (again in column ${columnLetter(at)}); keep one`,
        },
      });
      return;
    }
    seen.add(key);
    const name = byName.get(key);
    if (name === undefined) unknown.push({ cell, at });
    else index.set(name, at);
  });

  // Suggest only columns the file lacks: a typo for a column that is present is not the likely story.
  const absent = known.filter((name) => !index.has(name));
  const unknownErrors = unknown.map(({ cell, at }) => {
    const guess = closest(cell, absent);
    const error: RowError = {
      row: 1,
      column: cell.slice(0, 200),
      code: 'column_unknown',
      message: `column ${show(cell)} (column ${columnLetter(at)}) is not a column of this template${guess ? `; did you mean ${guess}?` : ''}`,
    };
    return { at, error };
  });
  // In header order, the order someone fixing the file reads it.
  const errors = [...duplicates, ...unknownErrors].sort((a, b) => a.at - b.at).map((e) => e.error);

  const missing = spec.required.filter((name) => !index.has(name));
  for (const name of missing) {
    errors.push({ row: 1, column: name, code: 'column_missing', message: `the header has no ${name} column, which is required` });
  }
  return { index, unnamed, width: cells.length, errors, fatal: missing.length > 0 };
}

function toEvent(row: number, fields: string[], header: Header, spec: ColumnSpec): CsvEvent {
  if (fields.length !== header.width) {
    return {
      kind: 'error',
      error: {
        row,
        column: null,
        code: 'column_count',
        message: `row ${row} has ${fields.length} ${fields.length === 1 ? 'field' : 'fields'}, but the header has ${header.width}; check for an unquoted comma or a missing value`,
      },
    };
  }
  // Padding columns are tolerated only while empty, so no data is dropped silently.
  for (const at of header.unnamed) {
    if ((fields[at] ?? '') !== '') {
      return {
        kind: 'error',
        error: { row, column: null, code: 'column_unknown', message: `row ${row} has a value in column ${columnLetter(at)}, which has no header` },
      };
    }
  }
  const values: Record<string, string> = {};
  for (const name of [...spec.required, ...spec.optional]) {
    const at = header.index.get(name);
    values[name] = at === undefined ? '' : (fields[at] ?? '');
  }
  return { kind: 'record', row, values };
}

function malformed(err: CsvError, row: number): RowError {
  const line = typeof err['lines'] === 'number' ? err['lines'] : undefined;
  const reason: Partial<Record<string, string>> = {
    CSV_QUOTE_NOT_CLOSED: 'a quoted value that starts in this row is never closed',
    CSV_MAX_RECORD_SIZE: `the row is longer than ${MAX_RECORD_BYTES} bytes, which usually means a quote that is never closed`,
    CSV_INVALID_CLOSING_QUOTE: 'a quoted value is followed by other characters before the next comma; write a quote inside a quoted value as two quotes ("")',
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quoted value is followed by other characters before the next comma; write a quote inside a quoted value as two quotes ("")',
    INVALID_OPENING_QUOTE: 'a quote appears in the middle of an unquoted value; quote the whole value and double the inner quote ("")',
  };
  return {
    row,
    column: null,
    code: 'csv_malformed',
    // csv-parse's line is where it gave up, which for an unclosed quote is the end of the file.
    message: `the file is not valid CSV at row ${row}: ${reason[err.code] ?? err.message}${line === undefined ? '' : ` (the parser stopped at line ${line})`}`,
  };
}

/** A header cell as messages quote it: a pasted paragraph must not become the message. */
function show(cell: string): string {
  return JSON.stringify(cell.length > 60 ? `${cell.slice(0, 57)}...` : cell);
}

/** Spreadsheet column letters (0 → A, 26 → AA), the way people find a column. */
function columnLetter(at: number): string {
  let n = at + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The candidate a header cell most plausibly misspells, if any is close enough to be worth saying. */
function closest(cell: string, candidates: readonly string[]): string | undefined {
  // "Transaction ID" and "transaction-id" are the template's names written the way people write them.
  const norm = cell.toLowerCase().replace(/[\s\-.]+/g, '_');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of candidates) {
    const d = editDistance(norm, name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(1, Math.floor(best.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Optimal string alignment distance: a transposed pair of letters counts as one typo. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 10) return Infinity;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i]!;
      const prev = d[i - 1]!;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      row[j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
