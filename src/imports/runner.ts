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
import { BackgroundRuns } from '../util/background-runs.js';
import { commitImport, type UnassignedProducts } from './commit.js';

export class ImportRunner {
  private readonly runs: BackgroundRuns;
  private readonly stop = new AbortController();

  constructor(
    private readonly store: Store,
    private readonly engine: Engine,
    private readonly afterCommit: (sellerId: string) => void,
    logger?: FastifyBaseLogger,
  ) {
    this.runs = new BackgroundRuns('import commit', logger);
  }

  /** Commits in the background; a commit of this import already running here is not started twice. */
  start(sellerId: string, id: string, unassignedProducts?: UnassignedProducts): void {
    this.runs.start(`${sellerId}/${id}`, async () => {
      try {
        const record = await commitImport(this.store.db, this.engine, sellerId, id, { signal: this.stop.signal, unassignedProducts });
        if (record.status === 'committed') this.afterCommit(sellerId);
      } catch (error) {
        // Another process has it, or it is done: nothing to report. Otherwise the
        // import stays `committing` and is resumed later from its last batch.
        if (error instanceof TaxError && (error.code === 'import_busy' || error.code === 'import_state')) return;
        throw error;
      }
    });
  }

  /** Resumes commits left unfinished, now and then periodically (a lapsed claim of a dead server). */
  async resume(intervalMs = 60_000): Promise<void> {
    if (this.store.kind === 'pglite') await releaseAllClaims(this.store.db);
    await this.runs.sweepEvery(intervalMs, async () => {
      for (const { sellerId, id } of await unfinishedCommits(this.store.db)) this.start(sellerId, id);
    });
  }

  /** Waits for every commit in flight (tests; the server's shutdown). */
  settle(): Promise<void> {
    return this.runs.settle();
  }

  /** Stops commits at their next batch boundary; they resume when a server starts again. */
  close(): Promise<void> {
    this.stop.abort();
    return this.runs.close();
  }
}
