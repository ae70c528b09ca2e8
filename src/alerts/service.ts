/**
 * Raises and delivers alerts. After a change that can move a seller's nexus
 * (a transaction written, an import committed, a presence recorded) the
 * seller's nexus is recomputed for today, after a short quiet period so a
 * burst of writes costs one recompute. New alerts are stored first, then
 * sent; failed deliveries are retried with backoff, at most
 * {@link MAX_ATTEMPTS} times, by whichever process claims them.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { CompiledContent } from '../content/compile.js';
import { nexusReport } from '../nexus/report.js';
import { claimDueAlerts, getChannels, insertAlerts, recordDelivery, type AlertRow } from '../store/alerts.repository.js';
import type { Db } from '../store/open.js';
import type { DeliveryStatus } from '../store/schema.js';
import { alertsFor } from './decide.js';
import { deliverAlert, type Outcome } from './deliver.js';
import type { Alert } from './types.js';

export const MAX_ATTEMPTS = 5;
const LEASE_SECONDS = 120;

export interface AlertServiceOptions {
  /** Quiet period after a change before the recompute (ms). */
  debounceMs?: number;
  /** How often due deliveries are looked for (ms); 0 turns the loop off. */
  pollMs?: number;
  timeoutMs?: number;
  logger?: FastifyBaseLogger | undefined;
}

export class AlertService {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private poller: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly content: CompiledContent,
    private readonly options: AlertServiceOptions = {},
  ) {
    const poll = options.pollMs ?? 30_000;
    if (poll > 0) {
      this.poller = setInterval(() => this.track(this.deliverDue()), poll);
      this.poller.unref();
    }
  }

  /** Recompute the seller's alerts after the quiet period. */
  schedule(sellerId: string): void {
    if (this.closed) return;
    clearTimeout(this.timers.get(sellerId));
    const timer = setTimeout(() => {
      this.timers.delete(sellerId);
      this.track(this.raise(sellerId));
    }, this.options.debounceMs ?? 1000);
    timer.unref();
    this.timers.set(sellerId, timer);
  }

  /** Recomputes now; answers the alerts raised for the first time, after trying to deliver them. */
  async raise(sellerId: string, asOf?: string): Promise<AlertRow[]> {
    const report = await nexusReport(this.db, this.content, sellerId, asOf);
    const raised = await insertAlerts(this.db, sellerId, alertsFor(report.asOf, report.data), await getChannels(this.db, sellerId));
    if (raised.length > 0) await this.deliverDue();
    return raised;
  }

  /** Delivers whatever is due; answers how many alerts it attempted. */
  async deliverDue(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const due = await claimDueAlerts(this.db, 20, LEASE_SECONDS);
      if (due.length === 0) return attempted;
      attempted += due.length;
      await Promise.all(due.map((a) => this.deliver(a)));
    }
  }

  /** Runs every scheduled recompute now and waits for all work in flight (tests, shutdown). */
  async settle(): Promise<void> {
    for (const [sellerId, timer] of this.timers) {
      clearTimeout(timer);
      this.timers.delete(sellerId);
      this.track(this.raise(sellerId));
    }
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poller);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async deliver(row: AlertRow): Promise<void> {
    const channels = await getChannels(this.db, row.sellerId);
    const { email, webhook } = await deliverAlert(
      alertOf(row),
      { email: row.emailStatus === 'pending' || row.emailStatus === 'failed' ? channels.email : null, webhook: row.webhookStatus === 'pending' || row.webhookStatus === 'failed' ? channels.webhook : null },
      this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {},
    );
    const next = (previous: DeliveryStatus, o: Outcome): DeliveryStatus => (previous === 'sent' || previous === 'skipped' ? previous : o.status === 'sent' ? 'sent' : o.status === 'failed' ? 'failed' : 'skipped');
    const emailStatus = next(row.emailStatus, email);
    const webhookStatus = next(row.webhookStatus, webhook);
    const errors = [email.status === 'failed' ? `email: ${email.error}` : null, webhook.status === 'failed' ? `webhook: ${webhook.error}` : null].filter(Boolean);
    const retry = errors.length > 0 && row.attempts < MAX_ATTEMPTS ? 30 * 4 ** (row.attempts - 1) : null;
    await recordDelivery(this.db, row, { emailStatus, webhookStatus, lastError: errors.length ? errors.join('; ') : null, retryInSeconds: retry });
    if (errors.length) this.options.logger?.warn({ alertId: row.id, attempts: row.attempts, retryInSeconds: retry }, 'alert delivery failed');
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => this.options.logger?.error({ err: error }, 'alert work failed')).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }
}

function alertOf(row: AlertRow): Alert {
  const { jurisdictionName, ...data } = row.data as { jurisdictionName?: string } & Record<string, unknown>;
  return {
    id: row.id,
    sellerId: row.sellerId,
    kind: row.kind,
    jurisdictionId: row.jurisdictionId,
    jurisdictionName: jurisdictionName ?? row.jurisdictionId,
    createdAt: row.createdAt.toISOString(),
    message: row.message,
    data,
  };
}
