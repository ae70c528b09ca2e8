import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { AlertService } from '../alerts/service.js';
import { loadEngine } from '../engine/load-engine.js';
import { TaxError } from '../errors/tax-error.js';
import { commitImport } from '../imports/commit.js';
import { validateImport } from '../imports/validate.js';
import { importView } from '../imports/view.js';
import { updateSettings } from '../store/config.repository.js';
import { assignNewProduct, findUnfinishedImport, listErrors, listNewProducts, releaseAllClaims, updateImport, type ImportRecord } from '../store/imports.repository.js';
import type { ImportKind } from '../store/schema.js';
import { ensureSeller } from '../store/sellers.repository.js';
import { reportFailure, UsageError } from './io.js';
import { dataDirOption } from './options.js';
import { withStore } from './store.js';

interface ImportOptions {
  seller: string;
  dataDir: string;
  assignNew?: string;
  complete?: boolean;
  batchSize?: string;
}

export function registerImport(program: Command): void {
  const command = program.command('import').description('import history from CSV: validated first, then committed in resumable batches');
  for (const kind of ['transactions', 'employees'] as const) {
    const sub = command
      .command(kind)
      .description(
        kind === 'transactions'
          ? 'import historical transactions (template: GET /v1/imports/template.csv, docs/imports.md); run it again after an interruption to resume'
          : 'import employees and where they work (physical nexus)',
      )
      .argument('<file>', 'the CSV file')
      .requiredOption('--seller <id>', 'the seller')
      .addOption(dataDirOption());
    if (kind === 'transactions') {
      sub.option('--assign-new <taxCategory>', 'assign product ids the catalog does not know to this tax category (they become products)');
      sub.option('--complete', 'mark the historical backfill complete once imported');
      sub.option('--batch-size <n>', 'transactions per database transaction', '250');
    }
    sub.action(async (file: string, opts: ImportOptions) => {
      try {
        const ok = await runImport(kind, file, opts);
        if (!ok) process.exitCode = 1;
      } catch (error) {
        reportFailure(error);
      }
    });
  }
}

async function runImport(kind: ImportKind, file: string, opts: ImportOptions): Promise<boolean> {
  const size = (await stat(file).catch(() => undefined))?.size;
  if (size === undefined) throw new UsageError(`cannot read ${file}`);
  const batchSize = Number(opts.batchSize ?? 250);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new UsageError(`--batch-size ${opts.batchSize} is not a positive whole number`);
  const engine = await loadEngine({ dataDir: opts.dataDir });
  return withStore(opts.dataDir, async (store) => {
    const db = store.db;
    await ensureSeller(db, opts.seller);
    // An embedded store is held by this process alone: claims left behind belong to a process that died.
    if (store.kind === 'pglite') await releaseAllClaims(db);
    const hash = await fileHash(file);
    let record: ImportRecord | undefined = await findUnfinishedImport(db, opts.seller, kind, hash);
    if (record) {
      say(`resuming import ${record.id} of this file (${record.done} of ${record.items} done)`);
    } else {
      record = await validate(db, engine, kind, file, size, opts.seller);
      if (record.status !== 'validated') {
        await printErrors(db, record);
        return false;
      }
      say((await importView(db, record)).message);
    }

    const unassigned = (await listNewProducts(db, opts.seller, record.id)).filter((p) => !p.assignedProductId && !p.assignedTaxCategory);
    if (unassigned.length > 0) {
      if (!opts.assignNew) {
        say(`${unassigned.length} product ids are new to the catalog:`);
        for (const p of unassigned.slice(0, 50)) say(`  ${p.productId}  (${p.rows} rows)`);
        if (unassigned.length > 50) say(`  ... and ${unassigned.length - 50} more`);
        say('assign them with --assign-new <taxCategory>, or one by one with PUT /v1/imports/{id}/products/{productId}; then run this again');
        return false;
      }
      if (!engine.content.categories.has(opts.assignNew)) throw new UsageError(`--assign-new ${opts.assignNew} is not a tax category (levy serve, GET /v1/tax-categories)`);
      for (const p of unassigned) await assignNewProduct(db, opts.seller, record.id, p.productId, { taxCategory: opts.assignNew });
    }

    const committed = await commitWithProgress(db, engine, record, batchSize, store.kind);
    const view = await importView(db, committed);
    say(view.message);
    if (committed.failed > 0) await printErrors(db, committed);
    if (opts.complete && kind === 'transactions') {
      const completedAt = new Date();
      await updateSettings(db, opts.seller, { backfillCompletedAt: completedAt.toISOString() });
      await updateImport(db, opts.seller, committed.id, { status: 'completed', completedAt });
      say('the backfill is marked complete');
    }
    const alerts = new AlertService(db, engine.content, { pollMs: 0 });
    const raised = await alerts.raise(opts.seller);
    await alerts.close();
    for (const a of raised) say(`alert: ${a.message}`);
    return true;
  });
}

async function validate(db: Parameters<typeof validateImport>[0], engine: Parameters<typeof validateImport>[1], kind: ImportKind, file: string, size: number, seller: string) {
  const bar = progressBar('validating {bar} {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}');
  const started = Date.now();
  let read = 0;
  const input = createReadStream(file);
  input.on('data', (chunk) => {
    read += chunk.length;
  });
  bar.start(size, 0, { rows: 0, rate: 0 });
  const record = await validateImport(db, engine, seller, kind, input, {
    fileName: basename(file),
    onProgress: (rows) => bar.update(read, { rows, rate: rate(rows, started) }),
  });
  bar.update(size, { rows: record.rows, rate: rate(record.rows, started) });
  bar.stop();
  return record;
}

async function commitWithProgress(db: Parameters<typeof commitImport>[0], engine: Parameters<typeof commitImport>[1], record: ImportRecord, batchSize: number, kind: 'pglite' | 'postgres') {
  const bar = progressBar(`importing {bar} {value}/{total} ${record.kind} | {rate}/s | ETA {eta_formatted}`);
  const started = Date.now();
  const startDone = record.done;
  bar.start(record.items, record.done, { rate: 0 });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const result = await commitImport(db, engine, record.sellerId, record.id, {
        batchSize,
        onProgress: (p) => bar.update(p.done, { rate: rate(p.done - startDone, started) }),
      });
      bar.stop();
      return result;
    } catch (error) {
      // On a server database another process may hold the claim; if it died, the claim lapses.
      if (!(error instanceof TaxError && error.code === 'import_busy') || kind === 'pglite' || Date.now() > deadline) {
        bar.stop();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

/** A bar on a terminal; plain progress lines, at most one a second, otherwise (logs, pipes). */
function progressBar(format: string) {
  const label = format.split(' ')[0];
  if (process.stderr.isTTY) {
    return new cliProgress.SingleBar({ format, hideCursor: true, etaBuffer: 50 }, cliProgress.Presets.shades_classic);
  }
  let last = 0;
  let total = 0;
  let value = 0;
  let payload: Record<string, unknown> = {};
  const print = (force: boolean) => {
    if (!force && Date.now() - last < 1000) return;
    last = Date.now();
    const fields = Object.entries(payload).map(([k, v]) => `${k} ${String(v)}`).join(', ');
    process.stderr.write(`${label} ${value}/${total}${fields ? ` (${fields})` : ''}\n`);
  };
  return {
    start(t: number, v: number, p: Record<string, unknown>) {
      total = t;
      value = v;
      payload = p;
    },
    update(v: number, p?: Record<string, unknown>) {
      value = v;
      if (p) payload = { ...payload, ...p };
      print(false);
    },
    stop() {
      print(true);
    },
  };
}

function rate(count: number, since: number): number {
  const seconds = (Date.now() - since) / 1000;
  return seconds > 0 ? Math.round(count / seconds) : 0;
}

async function printErrors(db: Parameters<typeof listErrors>[0], record: ImportRecord): Promise<void> {
  const errors = await listErrors(db, record.sellerId, record.id, 100);
  say((await importView(db, record)).message);
  for (const e of errors) say(`  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.code}: ${e.message}`);
  if (record.errorCount > errors.length) say(`  ... ${record.errorCount - errors.length} more (GET /v1/imports/${record.id}/errors)`);
}

async function fileHash(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
