import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RateFileError } from './avalara-zip5.js';
import { importTables, readImportedTables } from './store.js';

const HEADER = 'State,ZipCode,TaxRegionName,EstimatedCombinedRate,StateRate,EstimatedCountyRate,EstimatedCityRate,EstimatedSpecialRate,RiskLevel';
const tx = (rows: string[]) => ({ path: '/tmp/TAXRATES_ZIP5_TX202512.csv', text: [HEADER, ...rows].join('\n') });
const AUSTIN = 'TX,78701,AUSTIN,0.082500,0.062500,0.000000,0.010000,0.010000,1';
const HOUSTON = 'TX,77002,HOUSTON,0.082500,0.062500,0.000000,0.010000,0.010000,1';

async function dataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'levy-rates-'));
}

async function refusal(files: Array<{ path: string; text: string }>, dir?: string): Promise<string[]> {
  try {
    await importTables(dir ?? (await dataDir()), files);
  } catch (error) {
    expect(error).toBeInstanceOf(RateFileError);
    return (error as RateFileError).problems;
  }
  throw new Error('expected the import to be refused');
}

describe('importing Avalara ZIP5 tables', () => {
  it('records a table with the month its file name carries', async () => {
    const dir = await dataDir();
    const result = await importTables(dir, [tx([AUSTIN, HOUSTON])], { now: new Date('2026-11-21T10:00:00Z') });
    expect(result.tables).toEqual([{ file: 'TAXRATES_ZIP5_TX202512.csv', state: 'TX', effective: '2025-12-01', rows: 2, replaced: false }]);
    const [table] = await readImportedTables(dir);
    expect(table).toMatchObject({ state: 'TX', effective: '2025-12-01', importedAt: '2026-11-21T10:00:00.000Z' });
    expect(table!.rows[0]).toEqual({ zip: '78701', region: 'AUSTIN', combined: '0.082500', state: '0.062500', county: '0.000000', city: '0.010000', special: '0.010000' });
  });

  it('reports each bad row with its line number', async () => {
    const problems = await refusal([
      tx([AUSTIN, 'TX,7870,AUSTIN,0.0825,0.0625,0,0.01,0.01,1', 'TX,78702,AUSTIN,8.25%,0.0625,0,0.01,0.01,1', 'CA,90012,LOS ANGELES,0.0975,0.06,0.0025,0.0075,0.0275,1', AUSTIN, 'TX,78703,AUSTIN,0.0825,0.0625,0,0.01']),
    ]);
    expect(problems).toEqual([
      'TAXRATES_ZIP5_TX202512.csv: line 3: ZipCode "7870" is not five digits',
      'TAXRATES_ZIP5_TX202512.csv: line 4: EstimatedCombinedRate "8.25%" is not a rate between 0 and 1',
      'TAXRATES_ZIP5_TX202512.csv: line 5: State CA differs from the file\'s state TX',
      'TAXRATES_ZIP5_TX202512.csv: line 6: ZipCode 78701 already appears on line 2',
      'TAXRATES_ZIP5_TX202512.csv: line 7: expected 9 columns, found 7',
    ]);
  });

  it('keeps nothing when any file of an import is bad', async () => {
    const dir = await dataDir();
    await importTables(dir, [tx([AUSTIN])]);
    const before = await readImportedTables(dir);
    const problems = await refusal(
      [{ path: '/tmp/TAXRATES_ZIP5_CO202512.csv', text: [HEADER, 'CO,80202,DENVER,0.0881,0.029,0,0.0481,0.011,1'].join('\n') }, tx([AUSTIN, 'TX,78702,AUSTIN,x,0.0625,0,0.01,0.01,1'])],
      dir,
    );
    expect(problems).toHaveLength(1);
    expect(await readImportedTables(dir)).toEqual(before);
    expect((await readdir(join(dir, 'rates', 'layers'))).length).toBe(1);
  });

  it('refuses a file that is not an Avalara table, or whose month is unknown', async () => {
    expect(await refusal([{ path: '/tmp/TAXRATES_ZIP5_TX202512.csv', text: 'zip,rate\n78701,0.0825' }])).toEqual([
      'TAXRATES_ZIP5_TX202512.csv: line 1: expected the columns State,ZipCode,TaxRegionName,EstimatedCombinedRate,StateRate,EstimatedCountyRate,EstimatedCityRate,EstimatedSpecialRate,RiskLevel',
    ]);
    expect((await refusal([{ path: '/tmp/rates.csv', text: [HEADER, AUSTIN].join('\n') }]))[0]).toContain('cannot tell when the table applies');
  });

  it('a new table for the same state and month replaces the old one; other months stay', async () => {
    const dir = await dataDir();
    await importTables(dir, [tx([AUSTIN, HOUSTON])]);
    await importTables(dir, [{ path: '/tmp/TAXRATES_ZIP5_TX202601.csv', text: [HEADER, AUSTIN].join('\n') }]);
    const result = await importTables(dir, [tx([AUSTIN])]);
    expect(result.tables[0]!.replaced).toBe(true);
    const tables = await readImportedTables(dir);
    expect(tables.map((t) => [t.effective, t.rows.length])).toEqual([
      ['2025-12-01', 1],
      ['2026-01-01', 1],
    ]);
    expect((await readdir(join(dir, 'rates', 'layers'))).length).toBe(1); // both tables hold the same rows
  });

  it('runs the check before writing, and writes nothing if it fails', async () => {
    const dir = await dataDir();
    await expect(
      importTables(dir, [tx([AUSTIN])], {
        check: () => {
          throw new RateFileError(['no content for TX']);
        },
      }),
    ).rejects.toThrow('no content for TX');
    expect(await readImportedTables(dir)).toEqual([]);
  });
});
