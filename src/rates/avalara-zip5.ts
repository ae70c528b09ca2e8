/**
 * Parses Avalara's free ZIP5 rate tables (TAXRATES_ZIP5_<ST><YYYYMM>.csv):
 * one row per ZIP with an estimated combined rate and its state, county,
 * city and special parts. Every row is checked; a file with any bad row is
 * refused as a whole, its problems reported with their line numbers.
 */
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { US_STATES } from '../address/zip-index.js';

export const AVALARA_COLUMNS = [
  'State',
  'ZipCode',
  'TaxRegionName',
  'EstimatedCombinedRate',
  'StateRate',
  'EstimatedCountyRate',
  'EstimatedCityRate',
  'EstimatedSpecialRate',
  'RiskLevel',
] as const;

/** One ZIP's row, rates kept as the decimal strings the table gives. */
export interface Zip5Row {
  zip: string;
  region: string;
  combined: string;
  state: string;
  county: string;
  city: string;
  special: string;
}

export interface Zip5Table {
  file: string;
  state: string;
  /** First day the table applies: from the file name's YYYYMM, or given. */
  effective: string;
  rows: Zip5Row[];
}

export class RateFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'RateFileError';
  }
}

const RATE = /^(0(\.\d{1,8})?|\.\d{1,8})$/;
const FILE_NAME = /TAXRATES_ZIP5_([A-Z]{2})(\d{4})(\d{2})/i;

/** The state and month a file name such as TAXRATES_ZIP5_CA202512.csv carries. */
export function describeFileName(path: string): { state?: string; effective?: string } {
  const m = FILE_NAME.exec(basename(path));
  if (!m) return {};
  const month = Number(m[3]);
  if (month < 1 || month > 12) return { state: m[1]!.toUpperCase() };
  return { state: m[1]!.toUpperCase(), effective: `${m[2]}-${m[3]}-01` };
}

/**
 * @param effective overrides the date from the file name (`YYYY-MM-DD`)
 * @throws RateFileError with every problem found, each naming file and line
 */
export function parseZip5Table(path: string, text: string, effective?: string): Zip5Table {
  const file = basename(path);
  const problems: string[] = [];
  const named = describeFileName(path);
  const start = effective ?? named.effective;
  if (!start) problems.push(`${file}: cannot tell when the table applies: name it TAXRATES_ZIP5_<ST><YYYYMM>.csv or pass --effective YYYY-MM-DD`);

  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new RateFileError([`${file}: not readable as CSV: ${(error as Error).message}`]);
  }
  const header = records[0] ?? [];
  if (AVALARA_COLUMNS.some((c, i) => header[i] !== c)) {
    throw new RateFileError([`${file}: line 1: expected the columns ${AVALARA_COLUMNS.join(',')}`]);
  }

  const rows: Zip5Row[] = [];
  const seen = new Map<string, number>();
  let state = named.state;
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const at = `${file}: line ${line}`;
    if (record.length < AVALARA_COLUMNS.length) {
      problems.push(`${at}: expected ${AVALARA_COLUMNS.length} columns, found ${record.length}`);
      return;
    }
    const [st, zip, region, combined, stateRate, county, city, special] = record as [string, string, string, string, string, string, string, string];
    if (!US_STATES.has(st)) problems.push(`${at}: State ${JSON.stringify(st)} is not a US state or DC`);
    else if (state && st !== state) problems.push(`${at}: State ${st} differs from the file's state ${state}`);
    else state ??= st;
    if (!/^\d{5}$/.test(zip)) problems.push(`${at}: ZipCode ${JSON.stringify(zip)} is not five digits`);
    else if (seen.has(zip)) problems.push(`${at}: ZipCode ${zip} already appears on line ${seen.get(zip)}`);
    else seen.set(zip, line);
    const rates = { EstimatedCombinedRate: combined, StateRate: stateRate, EstimatedCountyRate: county, EstimatedCityRate: city, EstimatedSpecialRate: special };
    for (const [column, value] of Object.entries(rates)) {
      if (!RATE.test(value)) problems.push(`${at}: ${column} ${JSON.stringify(value)} is not a rate between 0 and 1`);
    }
    rows.push({ zip, region, combined: norm(combined), state: norm(stateRate), county: norm(county), city: norm(city), special: norm(special) });
  });
  if (rows.length === 0) problems.push(`${file}: has no rows`);
  if (problems.length > 0) throw new RateFileError(problems);
  return { file, state: state!, effective: start!, rows };
}

/** ".0625" → "0.0625" so every rate parses as a plain decimal. */
function norm(rate: string): string {
  return rate.startsWith('.') ? `0${rate}` : rate;
}
