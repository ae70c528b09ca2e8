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
import { applyToSale, prepare, saleIds, type ReprocessScope } from './reprocess.js';

const LEASE_SECONDS = 120;

/** Another process took the run over (this one stalled past its lease): stop without writing. */
class ClaimLost extends Error {}

export class ReprocessRunner {
  private readonly running = new Map<string, Promise<void>>();
  private readonly owner = `reprocess-${randomUUID()}`;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly engine: Engine,
    private readonly afterRun: (sellerId: string) => void,
    private readonly logger?: FastifyBaseLogger,
  ) {}

  start(sellerId: string, id: string): void {
    const key = `${sellerId}/${id}`;
    if (this.closed || this.running.has(key)) return;
    const work = this.run(sellerId, id)
      .catch(async (error: unknown) => {
        if (error instanceof ClaimLost) return;
        this.logger?.error({ err: error, reprocessingId: id }, 'reprocessing failed');
        await finishReprocessing(this.store.db, sellerId, id, 'failed', error instanceof Error ? error.message : String(error)).catch(() => undefined);
      })
      .finally(() => this.running.delete(key));
    this.running.set(key, work);
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
      if (this.closed) return; // resumed by the next server, from the sales recorded so far
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

  async resume(intervalMs = 60_000): Promise<void> {
    if (this.store.kind === 'pglite') await releaseReprocessingClaims(this.store.db);
    const sweep = async () => {
      for (const { sellerId, id } of await unfinishedReprocessings(this.store.db)) this.start(sellerId, id);
    };
    await sweep();
    if (intervalMs > 0) {
      this.timer = setInterval(() => void sweep().catch((error: unknown) => this.logger?.error({ err: error }, 'reprocessing sweep failed')), intervalMs);
      this.timer.unref();
    }
  }

  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.settle();
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
