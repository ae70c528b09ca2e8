#!/usr/bin/env node
import { Command } from 'commander';
import { registerContentCommands } from './content.js';

const program = new Command()
  .name('levy')
  .description('Levy: exact, explainable sales tax, VAT and GST for every invoice');

registerContentCommands(program);

await program.parseAsync(process.argv);
