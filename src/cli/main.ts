#!/usr/bin/env node
import { Command } from 'commander';
import { registerCalc } from './calc.js';
import { registerContentCommands } from './content.js';
import { registerDemo } from './demo.js';
import { registerRates } from './rates.js';
import { registerApiKey } from './api-key.js';
import { registerUser } from './user.js';
import { registerMigrate } from './migrate.js';
import { registerServe } from './serve.js';
import { registerImport } from './import.js';
import { registerNexus } from './nexus.js';

const program = new Command()
  .name('levy')
  .description('Levy: exact, explainable sales tax, VAT and GST for every invoice');

registerServe(program);
registerApiKey(program);
registerUser(program);
registerMigrate(program);
registerCalc(program);
registerRates(program);
registerContentCommands(program);
registerDemo(program);
registerImport(program);
registerNexus(program);

await program.parseAsync(process.argv);
