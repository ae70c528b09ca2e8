import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { zipIndex } from '../address/zip-index.js';
import { checkContent } from '../content/check.js';
import { compileContent } from '../content/compile.js';
import { isIsoDate } from '../content/dates.js';
import { compileImported, ImportedRatesError } from '../rates/imported.js';
import { importTables, readImportedTables } from '../rates/store.js';
import { RateFileError } from '../rates/avalara-zip5.js';
import { reportFailure, UsageError } from './io.js';
import { dataDirOption } from './options.js';

export function registerRates(program: Command): void {
  const rates = program.command('rates').description('local rate tables imported into the data directory');
  rates
    .command('import')
    .description('import rate tables; all files are checked first, and nothing is kept if any row is bad')
    .argument('<files...>', 'rate table files (Avalara: TAXRATES_ZIP5_<ST><YYYYMM>.csv)')
    .requiredOption('--format <format>', 'table format: avalara-zip5')
    .option('--effective <date>', 'first day the tables apply (default: the month in the file name)')
    .addOption(dataDirOption())
    .action(async (files: string[], opts: { format: string; effective?: string; dataDir: string }) => {
      try {
        if (opts.format !== 'avalara-zip5') throw new UsageError(`unknown --format ${opts.format}: the supported format is avalara-zip5`);
        if (opts.effective !== undefined && !isIsoDate(opts.effective)) throw new UsageError(`--effective ${opts.effective} is not a date written YYYY-MM-DD`);
        const { raw } = await checkContent();
        const zips = zipIndex();
        const content = compileContent(raw, zips);
        const inputs = await Promise.all(files.map(async (path) => ({ path, text: await readFile(path, 'utf8') })));
        const bar = new cliProgress.SingleBar(
          { format: 'checking {bar} {value}/{total} files | {file}', hideCursor: true, noTTYOutput: false },
          cliProgress.Presets.shades_classic,
        );
        if (process.stderr.isTTY) bar.start(inputs.length, 0, { file: '' });
        let unbalanced = new Map<string, number>();
        const result = await importTables(opts.dataDir, inputs, {
          ...(opts.effective ? { effective: opts.effective } : {}),
          onParsed: (file) => process.stderr.isTTY && bar.increment({ file }),
          check: (tables) => {
            try {
              const imported = compileImported(tables, content, zips);
              unbalanced = new Map(imported.layers.map((l) => [l.file, l.unbalanced]));
            } catch (error) {
              if (error instanceof ImportedRatesError) throw new RateFileError([error.message]);
              throw error;
            }
          },
        }).finally(() => process.stderr.isTTY && bar.stop());
        for (const t of result.tables) {
          const odd = unbalanced.get(t.file) ?? 0;
          process.stdout.write(
            `${t.file}: ${t.rows} ZIP codes in ${t.state}, in force from ${t.effective}${t.replaced ? ' (replaces the earlier import of that month)' : ''}` +
              `${odd > 0 ? `; ${odd} rows whose parts do not add up to their combined rate keep the parts as given` : ''}\n`,
          );
        }
        process.stdout.write(`imported ${result.tables.length} table${result.tables.length === 1 ? '' : 's'} into ${opts.dataDir}\n`);
      } catch (error) {
        if (error instanceof RateFileError) {
          process.stderr.write(`nothing was imported:\n  ${error.problems.join('\n  ')}\n`);
          process.exitCode = 1;
          return;
        }
        reportFailure(error);
      }
    });
  rates
    .command('list')
    .description('list the imported rate tables')
    .addOption(dataDirOption())
    .action(async (opts: { dataDir: string }) => {
      const tables = await readImportedTables(opts.dataDir);
      if (tables.length === 0) process.stdout.write(`no rate tables imported in ${opts.dataDir}\n`);
      for (const t of tables) process.stdout.write(`${t.state}  from ${t.effective}  ${t.rows.length} ZIP codes  ${t.file}  (imported ${t.importedAt})\n`);
    });
}
