/**
 * Work a server runs in the background (import commits, reprocessing):
 * one run per key at a time, a periodic sweep that picks up runs left
 * unfinished (a dead process's lapsed claim), and a close that waits for
 * what is in flight. What a run does, and how it resumes, is its owner's.
 */
import type { FastifyBaseLogger } from 'fastify';

export class BackgroundRuns {
  private readonly running = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private closedFlag = false;

  constructor(
    private readonly what: string,
    private readonly logger?: FastifyBaseLogger,
  ) {}

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Starts `work` unless a run of `key` is going on here already; its failure is logged, never thrown. */
  start(key: string, work: () => Promise<void>): void {
    if (this.closedFlag || this.running.has(key)) return;
    const run = work()
      .catch((error: unknown) => this.logger?.error({ err: error, key }, `${this.what} stopped`))
      .finally(() => this.running.delete(key));
    this.running.set(key, run);
  }

  /** Runs `sweep` now and then every `intervalMs` (0: only now). */
  async sweepEvery(intervalMs: number, sweep: () => Promise<void>): Promise<void> {
    await sweep();
    if (intervalMs > 0) {
      this.timer = setInterval(() => void sweep().catch((error: unknown) => this.logger?.error({ err: error }, `${this.what} sweep failed`)), intervalMs);
      this.timer.unref();
    }
  }

  /** Waits for every run in flight (tests; a server's shutdown). */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** No new runs; waits for those in flight, which stop at their next safe point when their owner tells them to. */
  async close(): Promise<void> {
    this.closedFlag = true;
    clearInterval(this.timer);
    await this.settle();
  }
}
