#!/usr/bin/env node
import { Command } from 'commander';
import { registerCalc } from './calc.js';
import { registerContentCommands } from './content.js';
import { registerDemo } from './demo.js';
import { registerRates } from './rates.js';

const program = new Command()
  .name('levy')
  .description('Levy: exact, explainable sales tax, VAT and GST for every invoice');

registerCalc(program);
registerRates(program);
registerContentCommands(program);
registerDemo(program);

await program.parseAsync(process.argv);
