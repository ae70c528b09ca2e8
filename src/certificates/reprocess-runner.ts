/**
 * Runs reprocessings in the background of a server: started by the API,
 * resumed when a server starts (or when a dead server's claim lapses), and
 * waited for at shutdown. Each sale is one database transaction that also
 * records it in the run, so a resumed run goes on where it stopped.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Engine } from '../engine/load-engine.js';
import { TaxError } from '../errors/tax-error.js';
import { sellerToday } from '../store/config.repository.js';
import type { Store } from '../store/open.js';
import {
  claimReprocessing,
  finishReprocessing,
  recordReprocessed,
  releaseReprocessingClaims,
  unfinishedReprocessings,
  type ReprocessingRow,
} from '../store/reprocessings.repository.js';
import { BackgroundRuns } from '../util/background-runs.js';
import { applyToSale, prepare, saleIds, type ReprocessScope } from './reprocess.js';

const LEASE_SECONDS = 120;

/** Another process took the run over (this one stalled past its lease): stop without writing. */
class ClaimLost extends Error {}

export class ReprocessRunner {
  private readonly runs: BackgroundRuns;
  private readonly owner = `reprocess-${randomUUID()}`;

  constructor(
    private readonly store: Store,
    private readonly engine: Engine,
    private readonly afterRun: (sellerId: string) => void,
    logger?: FastifyBaseLogger,
  ) {
    this.runs = new BackgroundRuns('reprocessing', logger);
  }

  start(sellerId: string, id: string): void {
    this.runs.start(`${sellerId}/${id}`, async () => {
      try {
        await this.run(sellerId, id);
      } catch (error) {
        if (error instanceof ClaimLost) return;
        await finishReprocessing(this.store.db, sellerId, id, 'failed', error instanceof Error ? error.message : String(error)).catch(() => undefined);
        throw error;
      }
    });
  }

  private async run(sellerId: string, id: string): Promise<void> {
    const db = this.store.db;
    const claimed = await claimReprocessing(db, sellerId, id, this.owner, LEASE_SECONDS);
    if (!claimed) return;
    const scope = scopeOf(claimed);
    const done = new Set(((claimed.outcome as { items?: Array<{ id: string }> } | null)?.items ?? []).map((i) => i.id));
    const prepared = await prepare(db, this.engine, scope);
    const ids = await saleIds(db, scope);
    for (const saleId of ids) {
      if (this.runs.closed) return; // resumed by the next server, from the sales recorded so far
      if (done.has(saleId)) continue;
      const today = await sellerToday(db, sellerId);
      await applyToSale(db, this.engine, { ...scope, reprocessingId: id }, prepared, saleId, today, async (tx, item) => {
        if (!(await recordReprocessed(tx, sellerId, id, this.owner, LEASE_SECONDS, { ...item }))) {
          throw new ClaimLost(`reprocessing ${id} is being run by another process`);
        }
      }).catch((error: unknown) => {
        // A sale the ledger refuses (a filed period, say) is recorded as failed; the run goes on.
        if (!(error instanceof TaxError)) throw error;
        return db.transaction((tx) => recordReprocessed(tx, sellerId, id, this.owner, LEASE_SECONDS, { id: saleId, action: 'failed', reason: error.code, message: error.message }));
      });
    }
    await finishReprocessing(db, sellerId, id, 'completed', null, done.size + ids.filter((i) => !done.has(i)).length);
    this.afterRun(sellerId);
  }

  /** Resumes runs left unfinished, now and then periodically (a lapsed claim of a dead server). */
  async resume(intervalMs = 60_000): Promise<void> {
    if (this.store.kind === 'pglite') await releaseReprocessingClaims(this.store.db);
    await this.runs.sweepEvery(intervalMs, async () => {
      for (const { sellerId, id } of await unfinishedReprocessings(this.store.db)) this.start(sellerId, id);
    });
  }

  settle(): Promise<void> {
    return this.runs.settle();
  }

  /** Runs stop after the sale in hand; the next server resumes them. */
  close(): Promise<void> {
    return this.runs.close();
  }
}

function scopeOf(row: ReprocessingRow): ReprocessScope {
  return {
    sellerId: row.sellerId,
    certificateId: row.certificateId,
    customerId: row.customerId,
    from: row.fromDate,
    to: row.toDate,
    preferCustomerAddress: row.preferCustomerAddress,
  };
}
