/**
 * Runs import commits in the background of a server: started by the API,
 * resumed when the server starts (an embedded store's earlier process is
 * gone by definition; a server's commits are resumed once their claim
 * lapses), and waited for at shutdown.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Engine } from '../engine/load-engine.js';
import { TaxError } from '../errors/tax-error.js';
import { releaseAllClaims, unfinishedCommits } from '../store/imports.repository.js';
import type { Store } from '../store/open.js';
import { commitImport, type UnassignedProducts } from './commit.js';

export class ImportRunner {
  private readonly running = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly stop = new AbortController();

  constructor(
    private readonly store: Store,
    private readonly engine: Engine,
    private readonly afterCommit: (sellerId: string) => void,
    private readonly logger?: FastifyBaseLogger,
  ) {}

  /** Commits in the background; a commit of this import already running here is not started twice. */
  start(sellerId: string, id: string, unassignedProducts?: UnassignedProducts): void {
    const key = `${sellerId}/${id}`;
    if (this.closed || this.running.has(key)) return;
    const work = commitImport(this.store.db, this.engine, sellerId, id, { signal: this.stop.signal, unassignedProducts })
      .then((record) => {
        if (record.status === 'committed') this.afterCommit(sellerId);
      })
      .catch((error: unknown) => {
        if (error instanceof TaxError && (error.code === 'import_busy' || error.code === 'import_state')) return;
        // The import stays `committing` and is resumed later from its last batch.
        this.logger?.error({ err: error, importId: id }, 'import commit stopped');
      })
      .finally(() => this.running.delete(key));
    this.running.set(key, work);
  }

  /** Resumes commits left unfinished, now and then periodically (a lapsed claim of a dead server). */
  async resume(intervalMs = 60_000): Promise<void> {
    if (this.store.kind === 'pglite') await releaseAllClaims(this.store.db);
    const sweep = async () => {
      for (const { sellerId, id } of await unfinishedCommits(this.store.db)) this.start(sellerId, id);
    };
    await sweep();
    if (intervalMs > 0) {
      this.timer = setInterval(() => void sweep().catch((error: unknown) => this.logger?.error({ err: error }, 'import sweep failed')), intervalMs);
      this.timer.unref();
    }
  }

  /** Waits for every commit in flight (tests; the server's shutdown). */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Stops commits at their next batch boundary; they resume when a server starts again. */
  async close(): Promise<void> {
    this.closed = true;
    this.stop.abort();
    clearInterval(this.timer);
    await this.settle();
  }
}
