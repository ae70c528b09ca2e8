import type { Command } from 'commander';
import { checkContent, ContentError } from '../content/check.js';

export function registerContentCommands(program: Command): void {
  const content = program.command('content').description('tax content shipped with Levy');
  content
    .command('check')
    .description('validate content/ and print a summary')
    .option('--dir <dir>', 'content directory to check (default: the one shipped with Levy)')
    .action(async (opts: { dir?: string }) => {
      try {
        const { summary } = await checkContent(opts.dir);
        const s = summary;
        process.stdout.write(
          [
            `content ok: ${s.files} files, ${s.datedEntries} dated entries`,
            `  ${s.categories} tax categories`,
            `  ${s.usStates} US states and DC (no sales tax: ${s.usStatesWithoutSalesTax.join(', ') || 'none'})`,
            `  ${s.usLocals} US local jurisdictions`,
            `  ${s.countries} countries, ${s.provinces} provinces, ${s.unions} union${s.unions === 1 ? '' : 's'}`,
          ].join('\n') + '\n',
        );
      } catch (error) {
        if (!(error instanceof ContentError)) throw error;
        process.stderr.write(`${error.message}\n`);
        process.exitCode = 1;
      }
    });
}
