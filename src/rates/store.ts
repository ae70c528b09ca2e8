/**
 * Imported rate tables in the data directory (`<dataDir>/rates/`): each
 * table is a layer file named by its content hash, and `manifest.json` lists
 * the layers in force. An import writes its layers first and then replaces
 * the manifest in one rename, so a failed or interrupted import leaves the
 * previous state untouched: nothing partial is ever read.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseZip5Table, RateFileError, type Zip5Row, type Zip5Table } from './avalara-zip5.js';

const layerEntry = z.object({
  source: z.literal('avalara-zip5'),
  state: z.string(),
  effective: z.string(),
  file: z.string(),
  sha256: z.string(),
  rows: z.number().int(),
  importedAt: z.string(),
});
const manifestSchema = z.object({ version: z.literal(1), layers: z.array(layerEntry) });

export type LayerEntry = z.infer<typeof layerEntry>;
export interface StoredTable extends Zip5Table {
  importedAt: string;
}

const ROW_FIELDS = ['zip', 'region', 'combined', 'state', 'county', 'city', 'special'] as const;

export function ratesDir(dataDir: string): string {
  return join(dataDir, 'rates');
}

/** The tables imported into `dataDir`, or none. */
export async function readImportedTables(dataDir: string): Promise<StoredTable[]> {
  const dir = ratesDir(dataDir);
  const manifest = await readManifest(dir);
  return Promise.all(
    manifest.layers.map(async (layer) => {
      const rows = JSON.parse(await readFile(join(dir, 'layers', `${layer.sha256}.json`), 'utf8')) as string[][];
      return {
        file: layer.file,
        state: layer.state,
        effective: layer.effective,
        importedAt: layer.importedAt,
        rows: rows.map((r) => Object.fromEntries(ROW_FIELDS.map((f, i) => [f, r[i]!])) as unknown as Zip5Row),
      };
    }),
  );
}

export async function readManifest(dir: string): Promise<z.infer<typeof manifestSchema>> {
  let text: string;
  try {
    text = await readFile(join(dir, 'manifest.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, layers: [] };
    throw error;
  }
  return manifestSchema.parse(JSON.parse(text));
}

export interface ImportResult {
  tables: Array<{ file: string; state: string; effective: string; rows: number; replaced: boolean }>;
}

/**
 * Validates every file, then records them all, or none: a bad row anywhere
 * throws {@link RateFileError} before anything is written. A table for a
 * state and month already imported replaces it.
 */
export async function importTables(
  dataDir: string,
  files: Array<{ path: string; text: string }>,
  options: {
    effective?: string;
    now?: Date;
    onParsed?: (file: string) => void;
    /** Last look before anything is written (the engine compiles the tables against its content). */
    check?: (tables: readonly StoredTable[]) => void;
  } = {},
): Promise<ImportResult> {
  const problems: string[] = [];
  const tables: Zip5Table[] = [];
  for (const f of files) {
    try {
      tables.push(parseZip5Table(f.path, f.text, options.effective));
    } catch (error) {
      if (!(error instanceof RateFileError)) throw error;
      problems.push(...error.problems);
    }
    options.onParsed?.(f.path);
  }
  const keys = tables.map((t) => `${t.state} ${t.effective}`);
  keys.forEach((k, i) => {
    if (keys.indexOf(k) !== i) problems.push(`${tables[i]!.file}: a second table for ${k} in one import`);
  });
  if (problems.length > 0) throw new RateFileError(problems);
  const importedAt = (options.now ?? new Date()).toISOString();
  options.check?.(tables.map((t) => ({ ...t, importedAt })));

  const dir = ratesDir(dataDir);
  await mkdir(join(dir, 'layers'), { recursive: true });
  const lock = await takeLock(dir);
  try {
    const manifest = await readManifest(dir);
    const result: ImportResult = { tables: [] };
    let layers = manifest.layers;
    for (const table of tables) {
      const body = JSON.stringify(table.rows.map((r) => ROW_FIELDS.map((f) => r[f])));
      const sha256 = createHash('sha256').update(body).digest('hex');
      await writeAtomically(join(dir, 'layers', `${sha256}.json`), body);
      const replaced = layers.some((l) => l.state === table.state && l.effective === table.effective);
      layers = layers.filter((l) => !(l.state === table.state && l.effective === table.effective));
      layers.push({ source: 'avalara-zip5', state: table.state, effective: table.effective, file: table.file, sha256, rows: table.rows.length, importedAt });
      result.tables.push({ file: table.file, state: table.state, effective: table.effective, rows: table.rows.length, replaced });
    }
    layers.sort((a, b) => (a.state + a.effective < b.state + b.effective ? -1 : 1));
    await writeAtomically(join(dir, 'manifest.json'), `${JSON.stringify({ version: 1, layers }, null, 2)}\n`);
    await removeUnlisted(dir, new Set(layers.map((l) => `${l.sha256}.json`)));
    return result;
  } finally {
    await lock.release();
  }
}

async function writeAtomically(path: string, body: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, body);
  await rename(temporary, path);
}

async function removeUnlisted(dir: string, keep: Set<string>): Promise<void> {
  for (const name of await readdir(join(dir, 'layers'))) {
    if (!keep.has(name)) await rm(join(dir, 'layers', name), { force: true });
  }
}

/** One import at a time per data directory. */
async function takeLock(dir: string): Promise<{ release(): Promise<void> }> {
  const path = join(dir, 'import.lock');
  try {
    const handle = await open(path, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new RateFileError([`another rate import is running in ${dir} (if none is, delete ${path})`]);
  }
  return { release: () => rm(path, { force: true }) };
}
