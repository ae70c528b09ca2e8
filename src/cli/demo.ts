import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadEngine } from '../engine/load-engine.js';
import type { CalculateResponse } from '../engine/schemas.js';
import { minorUnits } from '../money/currency.js';
import { formatMinorUnits, formatPercent } from '../money/format.js';
import { splitInput } from './calc.js';
import { reportFailure } from './io.js';
import { dataDirOption } from './options.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/first-calculation.json', import.meta.url));

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('calculate a sample invoice and explain every figure')
    .addOption(dataDirOption())
    .action(async (opts: { dataDir: string }) => {
      try {
        const { request, seller } = splitInput(await readFile(EXAMPLE, 'utf8'));
        const engine = await loadEngine({ dataDir: opts.dataDir });
        process.stdout.write(explain(engine.calculate(request as never, seller)));
        process.stdout.write(`\nThe request is ${EXAMPLE}.\nCalculate your own: npx levy calc <file.json>  (or pipe JSON into npx levy calc)\n`);
      } catch (error) {
        reportFailure(error);
      }
    });
}

/** A plain-text reading of an answer: each line, each jurisdiction, its rule and reference. */
export function explain(answer: CalculateResponse): string {
  const digits = minorUnits(answer.currency) ?? 2;
  const money = (n: number) => `${formatMinorUnits(n, digits)} ${answer.currency}`;
  const a = answer.address;
  const out = [`Invoice of ${answer.date} to ${[a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ')}`, ''];
  for (const line of answer.lines) {
    out.push(`line ${line.id}  ${line.productId} (${line.taxCategory})  ${money(line.amount)}${line.discount ? ` after a discount of ${money(line.discount)}` : ''}`);
    for (const j of line.jurisdictions) {
      const what = j.collect ? `tax ${money(j.tax)}` : `not registered: ${money(j.notCollectedTax)} not collected`;
      out.push(`  ${j.name} (${j.level}) ${formatPercent(j.rate)} on ${money(j.taxableAmount)}: ${what}`);
      out.push(`    ${j.rule}  [${j.ref}]`);
    }
    for (const n of line.notTaxed) out.push(`  ${n.name}: no tax: ${n.rule}  [${n.ref}]`);
  }
  out.push('', `subtotal ${money(answer.subtotal)}, discount ${money(answer.discount)}, tax ${money(answer.tax)}, total ${money(answer.total)}`);
  for (const w of answer.warnings) out.push(`warning: ${w.message}`);
  return `${out.join('\n')}\n`;
}
