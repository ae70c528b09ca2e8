/**
 * The daily pass over expiring certificates. For every seller that can send
 * email, on the seller's own calendar day: each customer whose certificate
 * expires within 30 days (`expiring_soon`) is reminded once per certificate
 * and expiration date, with a link to send a renewal (a new certificate
 * request); then the seller gets one digest for the day. Runs hourly; each
 * reminder and digest is claimed in the database before it is sent (see
 * certificate-reminders.repository.ts), so the pass is idempotent per day
 * and safe to run in several processes at once. A claim left unrecorded by
 * a process that died is taken again after the claim timeout (claims.ts).
 * Each run first sends again the requests' emails that did not go out
 * (redelivery.ts).
 */
import type { FastifyBaseLogger } from 'fastify';
import { accountingDate } from '../ledger/accounting-date.js';
import { getChannels } from '../store/alerts.repository.js';
import {
  claimDigest,
  claimReminder,
  expiringCertificates,
  noteNoEmail,
  recordDigest,
  recordReminder,
  remindersOf,
  sellersWithEmail,
  type ClaimClock,
  type ExpiringCertificate,
} from '../store/certificate-reminders.repository.js';
import { getSettings } from '../store/config.repository.js';
import type { Db } from '../store/open.js';
import { getSeller } from '../store/sellers.repository.js';
import { errorText, sendEmail } from '../email/smtp.js';
import { staleBefore } from './claims.js';
import { digestOf, reminderState, type Digest, type DigestItem } from './digest.js';
import { digestEmail, reminderEmail } from './emails.js';
import { redeliver } from './redelivery.js';
import { deliverRequest, openRequest, sellerDisplayName, type MailContext } from './requests.js';
import { addDays, EXPIRING_SOON_DAYS } from './status.js';

/** Attempts at one reminder or digest before it is left failed (one per run, so over a few hours). */
export const MAX_REMINDER_ATTEMPTS = 3;

export interface ReminderServiceOptions {
  /** The server's public address, for the renewal links. */
  publicUrl: string;
  /** How often the pass runs (ms; default hourly); 0 turns the timer off. */
  intervalMs?: number | undefined;
  /** Delay before the first run after start (ms; default one minute). */
  firstRunMs?: number | undefined;
  timeoutMs?: number | undefined;
  logger?: FastifyBaseLogger | undefined;
}

export interface DailySummary {
  sellers: number;
  reminded: number;
  failed: number;
  noEmail: number;
  digests: number;
  /** Requests' link and review emails sent again, and those that failed again. */
  redelivered: number;
  redeliveryFailed: number;
}

export class ReminderService {
  private readonly running = new Set<Promise<unknown>>();
  private timers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly options: ReminderServiceOptions,
  ) {
    const interval = options.intervalMs ?? 3_600_000;
    if (interval > 0) {
      const tick = () => this.track(this.runDaily(new Date()));
      const first = setTimeout(tick, options.firstRunMs ?? 60_000);
      const every = setInterval(tick, interval);
      first.unref();
      every.unref();
      this.timers = [first, every];
    }
  }

  /**
   * The whole pass for every seller (or only those named, for a test on a
   * shared database), as of `now`; a seller that fails is logged and the
   * others go on.
   */
  async runDaily(now: Date, only?: { sellerIds?: readonly string[] }): Promise<DailySummary> {
    const summary: DailySummary = { sellers: 0, reminded: 0, failed: 0, noEmail: 0, digests: 0, redelivered: 0, redeliveryFailed: 0 };
    for (const sellerId of await sellersWithEmail(this.db, only?.sellerIds)) {
      if (this.closed) break;
      try {
        await this.runSeller(sellerId, now, summary);
        summary.sellers++;
      } catch (error) {
        this.options.logger?.error({ err: error, sellerId }, 'certificate reminders failed');
      }
    }
    return summary;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async runSeller(sellerId: string, now: Date, summary: DailySummary): Promise<void> {
    const channel = (await getChannels(this.db, sellerId)).email;
    if (!channel) return;
    const sellerName = sellerDisplayName((await getSeller(this.db, sellerId))?.name ?? null, sellerId);
    const ctx: MailContext = { channel, publicUrl: this.options.publicUrl, timeoutMs: this.options.timeoutMs };
    const redelivered = await redeliver(this.db, ctx, { id: sellerId, name: sellerName }, now, this.options.logger);
    summary.redelivered += redelivered.sent;
    summary.redeliveryFailed += redelivered.failed;

    const timeZone = (await getSettings(this.db, sellerId)).accountingTimeZone;
    const day = accountingDate(now.toISOString(), timeZone);
    const expiring = await expiringCertificates(this.db, sellerId, day, addDays(day, EXPIRING_SOON_DAYS));
    if (expiring.length === 0) return;
    const clock: ClaimClock = { now, staleBefore: staleBefore(now) };

    for (const certificate of expiring) {
      const key = { sellerId, certificateId: certificate.id, expirationDate: certificate.expirationDate };
      const email = certificate.customerEmail;
      if (!email) {
        await noteNoEmail(this.db, key);
        summary.noEmail++;
        continue;
      }
      if ((await claimReminder(this.db, key, email, MAX_REMINDER_ATTEMPTS, clock)) === undefined) continue;
      const outcome = await this.remind(ctx, sellerId, sellerName, certificate, email, now);
      await recordReminder(this.db, key, outcome, now);
      if (outcome.sent) summary.reminded++;
      else {
        summary.failed++;
        this.options.logger?.warn({ sellerId, certificateId: certificate.id, error: outcome.error }, 'certificate reminder failed');
      }
    }

    const digest = digestOf(day, await this.digestItems(sellerId, expiring, day, timeZone));
    if (digest && (await this.sendDigest(ctx, sellerId, sellerName, digest, clock))) summary.digests++;
  }

  /**
   * A new request for the renewal, and the reminder carrying its link. The
   * link works once the reminder is recorded sent: each attempt brings its
   * own request. Never throws: a failure is the outcome.
   */
  private async remind(ctx: MailContext, sellerId: string, sellerName: string, c: ExpiringCertificate, email: string, now: Date): Promise<{ sent: true } | { sent: false; error: string }> {
    try {
      const opened = await openRequest(this.db, { sellerId, customerId: c.customerId, certificateId: c.id, email, jurisdictions: c.jurisdictions }, now, { liveOnceSent: true });
      return await deliverRequest(this.db, ctx, opened, (link) =>
        reminderEmail({ sellerName, customerName: c.customerName ?? c.customerId, number: c.number, jurisdictions: c.jurisdictions, expirationDate: c.expirationDate, link: link.href, validUntil: link.validUntil }),
      );
    } catch (error) {
      return { sent: false, error: errorText(error) };
    }
  }

  /** Each expiring certificate with where its reminder for this expiration date stands (one for an earlier date is not this one's). */
  private async digestItems(sellerId: string, expiring: readonly ExpiringCertificate[], day: string, timeZone: string): Promise<DigestItem[]> {
    const reminders = await remindersOf(this.db, sellerId, expiring.map((c) => c.id));
    const facts = new Map(reminders.map((r) => [`${r.certificateId} ${r.expirationDate}`, r]));
    return expiring.map((c) => {
      const fact = facts.get(`${c.id} ${c.expirationDate}`);
      const sentOn = fact?.sentAt ? accountingDate(fact.sentAt.toISOString(), timeZone) : null;
      return {
        certificateId: c.id,
        customerId: c.customerId,
        customerName: c.customerName,
        number: c.number,
        expirationDate: c.expirationDate,
        reminder: reminderState(day, fact ? { status: fact.status, sentOn, lastError: fact.lastError } : undefined),
        error: fact?.status === 'failed' ? fact.lastError : null,
      };
    });
  }

  /** Claims the day's digest and sends it to the seller's recipients; answers whether this run sent it. */
  private async sendDigest(ctx: MailContext, sellerId: string, sellerName: string, digest: Digest, clock: ClaimClock): Promise<boolean> {
    if ((await claimDigest(this.db, sellerId, digest.day, { ...digest }, MAX_REMINDER_ATTEMPTS, clock)) === undefined) return false;
    try {
      await sendEmail(ctx.channel.smtp, { from: ctx.channel.from, to: ctx.channel.to, ...digestEmail(sellerName, digest) }, { timeoutMs: ctx.timeoutMs });
      await recordDigest(this.db, sellerId, digest.day, { sent: true }, clock.now);
      return true;
    } catch (error) {
      await recordDigest(this.db, sellerId, digest.day, { sent: false, error: errorText(error) }, clock.now);
      this.options.logger?.warn({ sellerId, day: digest.day, error: errorText(error) }, 'certificate digest failed');
      return false;
    }
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => this.options.logger?.error({ err: error }, 'certificate reminders failed')).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }
}
