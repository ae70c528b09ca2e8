/**
 * What a Stripe event does to the ledger: `invoice.finalized` records the
 * invoice as an uncommitted sale, `invoice.paid` commits it (recording it
 * first if its finalization never arrived), `invoice.voided` voids it, and
 * `credit_note.created` refunds it. Every write goes through the API's own
 * path (src/ledger/post.ts, the transactions repository), so the ledger
 * cannot tell a Stripe invoice from one posted to /v1/transactions.
 *
 * Each event is taken once: its id is claimed in the database transaction
 * that writes it. One that cannot be taken is held for attention in that
 * same transaction (never dropped), and answered like one that was, so
 * Stripe stops sending it.
 */
import { parseHeld, type HeldRefund, type HeldSale } from '../../attention/held-request.js';
import type { Deps } from '../../api/deps.js';
import { dateOf } from '../../api/requests.js';
import type { CalculateResponse } from '../../engine/schemas.js';
import type { PreparedSeller } from '../../engine/seller.js';
import { TaxError } from '../../errors/tax-error.js';
import { accountingDate } from '../../ledger/accounting-date.js';
import { calculateSale, recordRefund, recordSale, type SaleBody } from '../../ledger/post.js';
import { dismissAttentionItem, holdForAttention, markReposted } from '../../store/attention.repository.js';
import { claimEvent, findEvent, heldItemId, openHeldItem, settleEvent, type EventOutcome } from '../../store/connectors.repository.js';
import type { Db } from '../../store/open.js';
import type { ConnectorEventStatus } from '../../store/schema.js';
import { commitTransaction, getTransaction, inFiledPeriod, voidTransaction } from '../../store/transactions.repository.js';
import { refundOfCreditNote, saleIdOf, saleOfInvoice } from './map.js';
import type { StripeEvent } from './signature.js';

const KIND = 'stripe';
/** The attention queue's name for this connector. */
export const SOURCE_ID = 'stripe';

export interface Taken {
  eventId: string;
  status: ConnectorEventStatus;
  /** The event was taken before: nothing was written this time. */
  duplicate: boolean;
  transactionId: string | null;
  attentionId: string | null;
}

/** Everything decided before the database transaction: the request mapped and, for a sale, calculated. */
type Plan =
  | { kind: 'ignore'; transactionId?: string }
  | { kind: 'hold'; reference: string; request: Record<string, unknown>; error: TaxError }
  | { kind: 'sale'; body: SaleBody; result: CalculateResponse; seller: PreparedSeller }
  | { kind: 'commit'; id: string; request: Record<string, unknown> }
  | { kind: 'void'; id: string; today: string; timestamp: string }
  | { kind: 'refund'; request: HeldRefund; date: string };

type Handler = (event: StripeEvent, sellerId: string, configVersion: number) => Promise<Plan>;

export class StripeEvents {
  // A Map, so an event type such as `constructor` finds nothing.
  private readonly handlers = new Map<string, Handler>([
    ['invoice.finalized', (e, s, v) => this.planSale(e, s, v, false)],
    ['invoice.paid', (e, s, v) => this.planPaid(e, s, v)],
    ['invoice.voided', (e, s, v) => this.planVoid(e, s, v)],
    ['credit_note.created', (e, s, v) => this.planRefund(e, s, v)],
  ]);

  constructor(private readonly deps: Pick<Deps, 'db' | 'engine' | 'sellers' | 'alerts'>) {}

  async take(sellerId: string, configVersion: number, event: StripeEvent): Promise<Taken> {
    const { db } = this.deps;
    const before = await findEvent(db, sellerId, KIND, event.id);
    if (before) return duplicateOf(before);
    const handler = this.handlers.get(event.type);
    const plan = handler ? await handler(event, sellerId, configVersion) : ({ kind: 'ignore' } as const);
    const outcome = await db.transaction(async (tx) => {
      if (!(await claimEvent(tx, sellerId, KIND, event))) return undefined;
      const result = await this.apply(tx, sellerId, plan);
      await settleEvent(tx, sellerId, KIND, event.id, result);
      return result;
    });
    if (!outcome) return duplicateOf((await findEvent(db, sellerId, KIND, event.id))!);
    // A write can move the seller's nexus: alerts are recomputed, as after POST /v1/transactions.
    if (outcome.status === 'processed') this.deps.alerts.schedule(sellerId);
    return { eventId: event.id, status: outcome.status, duplicate: false, transactionId: outcome.transactionId ?? null, attentionId: outcome.attentionId ?? null };
  }

  private async planSale(event: StripeEvent, sellerId: string, configVersion: number, commit: boolean): Promise<Plan> {
    const reference = referenceOf(event);
    let request: HeldSale | Record<string, unknown> = { id: reference, stripe: event.data.object };
    try {
      request = saleOfInvoice(event.data.object, commit);
      const parsed = parseHeld('sale', request, 'stored');
      if (parsed.kind !== 'sale') throw new Error('a sale parsed as a refund');
      const { seller, settings } = await this.deps.sellers.get(sellerId, configVersion, parsed.body.customer.id);
      return { kind: 'sale', body: parsed.body, result: calculateSale(this.deps.engine, parsed.body, seller, settings.accountingTimeZone), seller };
    } catch (error) {
      if (error instanceof TaxError) return { kind: 'hold', reference, request: request as Record<string, unknown>, error };
      throw error;
    }
  }

  /** A paid invoice recorded already is only committed; one never recorded is recorded committed. */
  private async planPaid(event: StripeEvent, sellerId: string, configVersion: number): Promise<Plan> {
    const id = referenceOf(event);
    if (await getTransaction(this.deps.db, sellerId, id)) return { kind: 'commit', id, request: heldSaleOf(event, true) };
    return this.planSale(event, sellerId, configVersion, true);
  }

  private async planVoid(event: StripeEvent, sellerId: string, configVersion: number): Promise<Plan> {
    const { settings } = await this.deps.sellers.get(sellerId, configVersion, undefined);
    const now = new Date().toISOString();
    return { kind: 'void', id: referenceOf(event), today: accountingDate(now, settings.accountingTimeZone), timestamp: now };
  }

  private async planRefund(event: StripeEvent, sellerId: string, configVersion: number): Promise<Plan> {
    const note = event.data.object;
    const reference = typeof note.id === 'string' ? `stripe:${note.id}` : `stripe:${event.id}`;
    // Kept whole when it does not map, as a refund (of its invoice's sale) for the seller to repost with a corrected request.
    const invoice = note.invoice;
    const invoiceId = typeof invoice === 'string' ? invoice : typeof invoice === 'object' && invoice !== null && typeof (invoice as { id?: unknown }).id === 'string' ? (invoice as { id: string }).id : undefined;
    let request: HeldRefund | Record<string, unknown> = { ...(invoiceId ? { originalId: saleIdOf(invoiceId) } : {}), id: reference, stripe: note };
    try {
      request = refundOfCreditNote(note);
      const parsed = parseHeld('refund', request, 'stored');
      if (parsed.kind !== 'refund') throw new Error('a refund parsed as a sale');
      const { settings } = await this.deps.sellers.get(sellerId, configVersion, undefined);
      return { kind: 'refund', request: parsed.body, date: dateOf(parsed.body, settings.accountingTimeZone) };
    } catch (error) {
      if (error instanceof TaxError) return { kind: 'hold', reference, request: request as Record<string, unknown>, error };
      throw error;
    }
  }

  /** The plan's write, in a savepoint: a write the ledger refuses rolls back alone and the event is held instead. */
  private async apply(tx: Db, sellerId: string, plan: Plan): Promise<EventOutcome> {
    switch (plan.kind) {
      case 'ignore':
        return { status: 'ignored', transactionId: plan.transactionId ?? null };
      case 'hold':
        return this.hold(tx, sellerId, plan.reference, plan.request, plan.error);
      case 'sale':
        return this.attempt(tx, sellerId, plan.body.id, plan.body as unknown as Record<string, unknown>, async (sp) => {
          const existing = await getTransaction(sp, sellerId, plan.body.id);
          // Committed or voided already (events can arrive out of order): Stripe's later state stands.
          if (existing && existing.row.status !== 'uncommitted') return { status: 'ignored', transactionId: plan.body.id };
          await recordSale(sp, sellerId, plan.body, plan.result, plan.seller);
          await this.settleHeld(sp, sellerId, plan.body.id, plan.body as unknown as Record<string, unknown>);
          return { status: 'processed', transactionId: plan.body.id };
        });
      case 'commit':
        return this.attempt(tx, sellerId, plan.id, plan.request, async (sp) => {
          const existing = await getTransaction(sp, sellerId, plan.id);
          if (!existing || existing.row.status !== 'uncommitted') return { status: 'ignored', transactionId: plan.id };
          await commitTransaction(sp, sellerId, plan.id);
          return { status: 'processed', transactionId: plan.id };
        });
      case 'void':
        return this.void(tx, sellerId, plan);
      case 'refund': {
        const { originalId, ...refund } = plan.request;
        return this.attempt(tx, sellerId, refund.id, plan.request as unknown as Record<string, unknown>, async (sp) => {
          await recordRefund(sp, sellerId, originalId, { id: refund.id, request: refund }, plan.date, refund.lines);
          await this.settleHeld(sp, sellerId, refund.id, plan.request as unknown as Record<string, unknown>);
          return { status: 'processed', transactionId: refund.id };
        });
      }
    }
  }

  /**
   * Voids as POST /v1/transactions/{id}/void does: in a filed period, a full
   * refund in the open period. An invoice held for attention and never
   * recorded is dismissed: there is nothing left to record.
   */
  private async void(tx: Db, sellerId: string, plan: Extract<Plan, { kind: 'void' }>): Promise<EventOutcome> {
    const existing = await getTransaction(tx, sellerId, plan.id);
    if (!existing) {
      const held = await openHeldItem(tx, sellerId, SOURCE_ID, plan.id);
      if (!held) return { status: 'ignored' };
      await dismissAttentionItem(tx, sellerId, held, 'the invoice was voided in Stripe before it was recorded');
      return { status: 'processed', attentionId: held };
    }
    if (existing.row.status === 'voided') return { status: 'ignored', transactionId: plan.id };
    const refundId = `void-${plan.id}`;
    const whole: HeldRefund = { originalId: plan.id, id: refundId, date: plan.today };
    return this.attempt(tx, sellerId, refundId, whole as Record<string, unknown>, async (sp) => {
      if (await inFiledPeriod(sp, sellerId, plan.id)) {
        await recordRefund(sp, sellerId, plan.id, { id: refundId, request: { voidOf: plan.id, date: plan.today } }, plan.today, undefined);
        return { status: 'processed', transactionId: refundId };
      }
      await voidTransaction(sp, sellerId, plan.id);
      return { status: 'processed', transactionId: plan.id };
    });
  }

  /** Runs a write in a savepoint; a TaxError holds `request` for attention under `reference` instead. */
  private async attempt(tx: Db, sellerId: string, reference: string, request: Record<string, unknown>, write: (sp: Db) => Promise<EventOutcome>): Promise<EventOutcome> {
    try {
      return await tx.transaction(write);
    } catch (error) {
      if (!(error instanceof TaxError)) throw error;
      return this.hold(tx, sellerId, reference, request, error);
    }
  }

  private async hold(tx: Db, sellerId: string, reference: string, request: Record<string, unknown>, error: TaxError): Promise<EventOutcome> {
    await holdForAttention(tx, sellerId, { source: 'connector', sourceId: SOURCE_ID, reference, request, error: { code: error.code, message: error.message, field: error.param ?? null } });
    return { status: 'held', transactionId: null, attentionId: (await heldItemId(tx, sellerId, SOURCE_ID, reference)) ?? null };
  }

  /** A transaction held before and now recorded by a later event: its item says it is in the ledger. */
  private async settleHeld(tx: Db, sellerId: string, reference: string, request: Record<string, unknown>): Promise<void> {
    const held = await openHeldItem(tx, sellerId, SOURCE_ID, reference);
    if (held) await markReposted(tx, sellerId, held, request);
  }
}

/** The transaction id of an invoice event's invoice (the event's own id when the invoice has none, so a hold still has a reference). */
function referenceOf(event: StripeEvent): string {
  const id = event.data.object.id;
  return typeof id === 'string' && id !== '' ? saleIdOf(id) : `stripe:${event.id}`;
}

/** What a hold keeps of an invoice: the sale it maps to, or the invoice itself when it does not map. */
function heldSaleOf(event: StripeEvent, commit: boolean): Record<string, unknown> {
  try {
    return saleOfInvoice(event.data.object, commit) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof TaxError) return { id: referenceOf(event), stripe: event.data.object };
    throw error;
  }
}

function duplicateOf(row: { eventId: string; status: ConnectorEventStatus; transactionId: string | null; attentionId: string | null }): Taken {
  return { eventId: row.eventId, status: row.status, duplicate: true, transactionId: row.transactionId, attentionId: row.attentionId };
}
