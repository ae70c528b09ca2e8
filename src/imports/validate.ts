/**
 * The first half of an import: the upload is read as a stream, each row is
 * parsed and checked as it arrives and staged in the database (valid rows)
 * or reported (bad ones), then the checks that need all rows run in SQL. The
 * file is hashed on the way through so an unfinished import of the same
 * file can be found and resumed. Nothing reaches the ledger here.
 */
import { createHash } from 'node:crypto';
import type { Engine } from '../engine/load-engine.js';
import { TaxError } from '../errors/tax-error.js';
import { getSettings } from '../store/config.repository.js';
import type { Db } from '../store/open.js';
import {
  analyzeImportTables,
  countItems,
  createImportRecord,
  crossRowProblems,
  duplicateItems,
  findNewProducts,
  recordErrors,
  stageRows,
  updateImport,
  type ImportRecord,
  type StagedRow,
} from '../store/imports.repository.js';
import type { ImportKind } from '../store/schema.js';
import { readCsvRecords, type RowError } from './csv-stream.js';
import { EMPLOYEE_SPEC, parseEmployeeRecord } from './employees-csv.js';
import { parseTransactionRecord, TRANSACTION_SPEC, transactionFingerprint, type TransactionImportRow } from './transactions-csv.js';

export interface ValidateOptions {
  fileName?: string | null;
  /** Refuse uploads larger than this many bytes. */
  maxBytes?: number;
  /** Called every batch with the rows read so far. */
  onProgress?: (rows: number) => void;
}

const BATCH = 1000;
export const DEFAULT_MAX_BYTES = 8 * 1024 ** 3;

export async function validateImport(
  db: Db,
  engine: Engine,
  sellerId: string,
  kind: ImportKind,
  input: AsyncIterable<Buffer | string>,
  options: ValidateOptions = {},
): Promise<ImportRecord> {
  const record = await createImportRecord(db, sellerId, kind, options.fileName ?? null);
  const hash = createHash('sha256');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes = 0;
  async function* hashed() {
    for await (const chunk of input) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (bytes > maxBytes) throw new TaxError('import_too_large', `the file is larger than ${maxBytes} bytes`, 'body');
      hash.update(chunk);
      yield chunk;
    }
  }

  const checkAddress = kind === 'transactions' ? addressChecker(engine, (await getSettings(db, sellerId)).addressValidation) : undefined;
  let staged: StagedRow[] = [];
  let errors: RowError[] = [];
  let errorSeq = 0;
  let rows = 0;
  let invalidRows = 0;
  const flush = async () => {
    await stageRows(db, sellerId, record.id, staged);
    await recordErrors(db, sellerId, record.id, errorSeq, errors, 'validation');
    errorSeq += errors.length;
    staged = [];
    errors = [];
    options.onProgress?.(rows);
  };

  try {
    for await (const event of readCsvRecords(hashed(), kind === 'transactions' ? TRANSACTION_SPEC : EMPLOYEE_SPEC)) {
      if (event.kind === 'error') {
        errors.push(event.error);
        if (event.error.row > 1) invalidRows++;
      } else {
        rows++;
        const problems = kind === 'transactions' ? stageTransaction(event.row, event.values, staged, checkAddress!) : stageEmployee(event.row, event.values, staged);
        if (problems.length) {
          errors.push(...problems);
          invalidRows++;
        }
      }
      if (staged.length + errors.length >= BATCH) await flush();
    }
    await flush();
  } catch (error) {
    await updateImport(db, sellerId, record.id, { status: 'failed' });
    throw error;
  }

  await analyzeImportTables(db);
  const crossRow = kind === 'transactions' ? await crossRowProblems(db, sellerId, record.id) : await duplicateItems(db, sellerId, record.id, 'employee_id', 'employee');
  await recordErrors(db, sellerId, record.id, errorSeq, crossRow, 'validation');
  errorSeq += crossRow.length;
  invalidRows += new Set(crossRow.map((e) => e.row)).size;
  if (kind === 'transactions') await findNewProducts(db, sellerId, record.id, [...engine.content.categories.keys()]);
  const { items, existing } = await countItems(db, sellerId, record.id, kind);
  const noRows = rows === 0 && errorSeq === 0;
  if (noRows) await recordErrors(db, sellerId, record.id, 0, [{ row: 1, column: null, code: 'file_empty', message: 'the file has a header but no rows' }], 'validation');
  return updateImport(db, sellerId, record.id, {
    status: errorSeq > 0 || noRows ? 'invalid' : 'validated',
    fileHash: hash.digest('hex'),
    rows,
    invalidRows,
    errorCount: noRows ? 1 : errorSeq,
    items,
    existing,
  });
}

type AddressCheck = (r: TransactionImportRow) => RowError | undefined;

function stageTransaction(row: number, values: Record<string, string>, staged: StagedRow[], checkAddress: AddressCheck): RowError[] {
  const parsed = parseTransactionRecord(row, values);
  if (!parsed.ok) return parsed.errors;
  const problem = checkAddress(parsed.row);
  if (problem) return [problem];
  staged.push({ rank: parsed.row.type === 'sale' ? 0 : 1, itemId: parsed.row.transactionId, row, fingerprint: transactionFingerprint(parsed.row), data: parsed.row });
  return [];
}

function stageEmployee(row: number, values: Record<string, string>, staged: StagedRow[]): RowError[] {
  const parsed = parseEmployeeRecord(row, values);
  if (!parsed.ok) return parsed.errors;
  staged.push({ rank: 0, itemId: parsed.row.id, row, fingerprint: '', data: parsed.row });
  return [];
}

const ADDRESS_COLUMNS: Record<string, string> = { region: 'region', postalCode: 'postal_code', country: 'country', city: 'city', line1: 'address_line1' };

/**
 * Whether the engine can place each row's address, asked once per distinct
 * address: a probe calculation of a zero line, so the rules are exactly the
 * ones the commit will meet.
 */
function addressChecker(engine: Engine, addressValidation: 'strict' | 'lenient'): AddressCheck {
  const category = [...engine.content.categories.keys()][0]!;
  const probe = engine.prepare({ products: [{ id: 'probe', taxCategory: category }], settings: { addressValidation } });
  const known = new Map<string, { param: string | undefined; message: string } | null>();
  return (r) => {
    const a = r.address;
    const key = `${a.country}|${a.region ?? ''}|${a.postalCode ?? ''}|${a.city ?? ''}`;
    let problem = known.get(key);
    if (problem === undefined) {
      problem = null;
      try {
        engine.calculate(
          {
            date: r.date,
            currency: r.currency,
            customer: { address: { country: a.country, ...(a.region ? { region: a.region } : {}), ...(a.postalCode ? { postalCode: a.postalCode } : {}), ...(a.city ? { city: a.city } : {}) } },
            lines: [{ productId: 'probe', amount: 0 }],
          },
          probe,
        );
      } catch (error) {
        if (!(error instanceof TaxError)) throw error;
        problem = { param: error.param, message: error.message };
      }
      if (known.size < 100_000) known.set(key, problem);
    }
    if (!problem) return undefined;
    const field = problem.param?.split('.').pop() ?? '';
    return { row: r.row, column: ADDRESS_COLUMNS[field] ?? 'country', code: 'address_unresolvable', message: problem.message };
  };
}
