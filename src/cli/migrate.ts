import type { Command } from 'commander';
import { reportFailure } from './io.js';
import { dataDirOption } from './options.js';
import { withStore } from './store.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply database migrations (levy serve also does this at start)')
    .addOption(dataDirOption())
    .action(async (opts: { dataDir: string }) => {
      try {
        const where = await withStore(opts.dataDir, async (store) => `${store.kind} at ${store.location}`);
        process.stdout.write(`database is up to date (${where})\n`);
      } catch (error) {
        reportFailure(error);
      }
    });
}
