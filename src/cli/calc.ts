import type { Command } from 'commander';
import { loadEngine } from '../engine/load-engine.js';
import type { SellerContext } from '../engine/schemas.js';
import { readInput, reportFailure, UsageError } from './io.js';
import { dataDirOption } from './options.js';

export function registerCalc(program: Command): void {
  program
    .command('calc')
    .description('calculate tax for a request (JSON file or stdin) with an optional "seller" section; prints the answer as JSON')
    .argument('[file]', 'request file; stdin when omitted or "-"')
    .addOption(dataDirOption())
    .action(async (file: string | undefined, opts: { dataDir: string }) => {
      try {
        const { request, seller } = splitInput(await readInput(file));
        const engine = await loadEngine({ dataDir: opts.dataDir });
        process.stdout.write(`${JSON.stringify(engine.calculate(request as never, seller), null, 2)}\n`);
      } catch (error) {
        reportFailure(error);
      }
    });
}

/** The request is the input without its "seller" section, which is the seller context. */
export function splitInput(text: string): { request: unknown; seller: SellerContext | undefined } {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the input is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new UsageError('the input must be a JSON object (a calculate request)');
  const { seller, ...request } = input as Record<string, unknown>;
  return { request, seller: seller as SellerContext | undefined };
}
