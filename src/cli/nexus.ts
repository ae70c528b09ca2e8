import type { Command } from 'commander';
import { isIsoDate } from '../content/dates.js';
import { loadEngine } from '../engine/load-engine.js';
import { formatMinorUnits } from '../money/format.js';
import { nexusReport } from '../nexus/report.js';
import { rebuildSalesByDay } from '../store/sales-by-day.repository.js';
import { reportFailure, UsageError } from './io.js';
import { dataDirOption } from './options.js';
import { withStore } from './store.js';

export function registerNexus(program: Command): void {
  const nexus = program.command('nexus').description('where a seller has sales-tax nexus, and its exposure');
  nexus
    .command('show', { isDefault: true })
    .description('one line per US state: status, since when, the measured period and the uncollected tax')
    .requiredOption('--seller <id>', 'the seller')
    .option('--as-of <date>', 'the date to answer for (default: today in the seller\'s time zone)')
    .option('--json', 'print the answer as JSON (as GET /v1/nexus)')
    .option('--all', 'list states with no nexus and no sales too')
    .addOption(dataDirOption())
    .action(async (opts: { seller: string; asOf?: string; json?: boolean; all?: boolean; dataDir: string }) => {
      try {
        if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) throw new UsageError(`--as-of ${opts.asOf} is not a date written YYYY-MM-DD`);
        const engine = await loadEngine({ dataDir: opts.dataDir });
        const report = await withStore(opts.dataDir, (store) => nexusReport(store.db, engine.content, opts.seller, opts.asOf));
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        const usd = (cents: number) => `$${formatMinorUnits(cents, 2)}`;
        process.stdout.write(`nexus of ${opts.seller} on ${report.asOf} (exposure over ${report.lookbackYears} years)\n`);
        for (const e of report.data) {
          if (!opts.all && (e.status === 'none' || e.status === 'no_sales_tax') && !e.current?.sales) continue;
          const since = e.registeredSince ?? e.physicalSince ?? e.economicSince;
          const sales = e.current ? `${usd(e.current.sales)} / ${e.current.transactions} tx in ${e.current.periodStart}..${e.current.periodEnd}` : '';
          const exposure = e.exposure.estimatedTax > 0 ? `  exposure ${usd(e.exposure.estimatedTax)} since ${e.exposure.since}` : '';
          process.stdout.write(`${e.jurisdictionId.padEnd(6)} ${e.status.padEnd(12)} ${since ? `since ${since}` : ''.padEnd(16)}  ${sales}${e.ratio ? ` (${e.ratio} of threshold)` : ''}${exposure}\n`);
        }
      } catch (error) {
        reportFailure(error);
      }
    });
  nexus
    .command('rebuild')
    .description('recompute a seller\'s daily sales aggregates from its ledger (after restoring a backup, say)')
    .requiredOption('--seller <id>', 'the seller')
    .addOption(dataDirOption())
    .action(async (opts: { seller: string; dataDir: string }) => {
      try {
        await withStore(opts.dataDir, (store) => store.db.transaction((tx) => rebuildSalesByDay(tx, opts.seller)));
        process.stdout.write(`rebuilt the nexus aggregates of ${opts.seller}\n`);
      } catch (error) {
        reportFailure(error);
      }
    });
}
