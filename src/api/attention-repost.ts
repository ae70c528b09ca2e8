/**
 * Reposting a held transaction: its request goes through exactly what the
 * API does with it (a sale is calculated and recorded as POST
 * /v1/transactions records it, a refund as POST /v1/transactions/{id}/refunds),
 * and the item is marked reposted in the same database transaction, so the
 * ledger has it exactly when the item says so. A repost that fails leaves the
 * item open with the new error; that update is written on its own, never
 * rolled back with the write that failed.
 */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Engine } from '../engine/load-engine.js';
import type { CalculateResponse } from '../engine/schemas.js';
import type { PreparedSeller } from '../engine/seller.js';
import { TaxError } from '../errors/tax-error.js';
import { calculateSale, recordRefund, recordSale, type SaleBody } from '../ledger/post.js';
import { kindOf, parseHeld, type ParsedHeld } from '../attention/held-request.js';
import {
  listAttentionItems,
  lockAttentionItem,
  markReposted,
  recordRepostFailure,
  type AttentionFilter,
  type AttentionItem,
  type AttentionPosition,
  type HeldError,
} from '../store/attention.repository.js';
import type { Db } from '../store/open.js';
import { getTransaction } from '../store/transactions.repository.js';
import type { heldRefund } from './attention-schemas.js';
import { answerOnce } from './idempotency.js';
import { dateOf } from './requests.js';
import { answerOf } from './routes/transactions.js';
import type { SellerContexts } from './seller-context.js';

type Answer = ReturnType<typeof answerOf>;

/** Everything a repost does before it writes: the request checked and, for a sale, calculated. */
type Prepared =
  | { kind: 'sale'; body: SaleBody; result: CalculateResponse; seller: PreparedSeller }
  | { kind: 'refund'; body: z.output<typeof heldRefund>; date: string };

export interface BulkOutcome {
  reposted: number;
  failed: number;
  failures: Array<{ id: string; reference: string; code: string; message: string; field: string | null }>;
}

const BULK_CHUNK = 100;
const FAILURES_LISTED = 100;

function heldError(error: TaxError): HeldError {
  return { code: error.code, message: error.message, field: error.param ?? null };
}

export class Reposter {
  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
    private readonly sellers: SellerContexts,
  ) {}

  /**
   * Reposts one open item (the stored request, or `replacement`), answering
   * the transaction as the API would. An item reposted already answers its
   * transaction again and writes nothing.
   */
  async one(request: FastifyRequest, sellerId: string, item: AttentionItem, replacement: ParsedHeld | undefined, body: unknown): Promise<Answer> {
    let prepared: Prepared | undefined;
    if (item.status === 'open') {
      try {
        prepared = await this.prepare(sellerId, request.configVersion!, replacement ?? parseHeld(kindOf(item.request), item.request, 'stored'));
      } catch (error) {
        await this.recordFailure(sellerId, item.id, error, replacement);
        throw error;
      }
    }
    try {
      return await answerOnce(this.db, request, sellerId, body, async (tx) => (await this.write(tx, sellerId, item.id, prepared)).answer);
    } catch (error) {
      if (prepared) await this.recordFailure(sellerId, item.id, error, replacement);
      throw error;
    }
  }

  /**
   * Reposts every open item the filter matches: sales first, then refunds
   * (which may need those sales), each oldest first. Each chunk of items is
   * one database transaction in which every item's write is a savepoint: a
   * failed write rolls back alone, and its error is recorded in the chunk.
   * Only open items are taken, so running it again never writes twice.
   */
  async all(sellerId: string, configVersion: number, filter: Omit<AttentionFilter, 'status' | 'kind'>): Promise<BulkOutcome> {
    const outcome: BulkOutcome = { reposted: 0, failed: 0, failures: [] };
    const failed = (item: AttentionItem, error: TaxError) => {
      outcome.failed++;
      if (outcome.failures.length < FAILURES_LISTED) outcome.failures.push({ id: item.id, reference: item.reference, code: error.code, message: error.message, field: error.param ?? null });
    };
    for (const kind of ['sale', 'refund'] as const) {
      let after: AttentionPosition | undefined;
      for (;;) {
        const items = await listAttentionItems(this.db, sellerId, { ...filter, status: 'open', kind }, 'asc', BULK_CHUNK, after);
        if (items.length === 0) break;
        after = items[items.length - 1]!.position;
        // Calculations read seller contexts outside the transaction (an embedded store has one connection).
        const prepared = await Promise.all(
          items.map((item) =>
            this.prepare(sellerId, configVersion, parseHeld(kind, item.request, 'stored')).catch((error: unknown) => {
              if (error instanceof TaxError) return error;
              throw error;
            }),
          ),
        );
        await this.db.transaction(async (tx) => {
          for (const [i, item] of items.entries()) {
            const ready = prepared[i]!;
            try {
              if (ready instanceof TaxError) throw ready;
              const { wrote } = await tx.transaction((savepoint) => this.write(savepoint, sellerId, item.id, ready));
              if (wrote) outcome.reposted++;
            } catch (error) {
              if (!(error instanceof TaxError)) throw error;
              await recordRepostFailure(tx, sellerId, item.id, heldError(error));
              failed(item, error);
            }
          }
        });
      }
    }
    return outcome;
  }

  /** The transaction an item was reposted as, answered as the API answers it. */
  async recorded(db: Db, sellerId: string, item: AttentionItem): Promise<Answer> {
    const found = await getTransaction(db, sellerId, item.reference);
    if (!found) throw new TaxError('resource_not_found', `no transaction ${item.reference}`);
    return answerOf(found.row, found.result);
  }

  private async prepare(sellerId: string, configVersion: number, held: ParsedHeld): Promise<Prepared> {
    if (held.kind === 'sale') {
      const { seller, settings } = await this.sellers.get(sellerId, configVersion, held.body.customer.id);
      return { kind: 'sale', body: held.body, result: calculateSale(this.engine, held.body, seller, settings.accountingTimeZone), seller };
    }
    const { settings } = await this.sellers.get(sellerId, configVersion, undefined);
    return { kind: 'refund', body: held.body, date: dateOf(held.body, settings.accountingTimeZone) };
  }

  /** Records it as the API would and marks the item reposted, in the caller's transaction. */
  private async write(tx: Db, sellerId: string, itemId: string, prepared: Prepared | undefined): Promise<{ answer: Answer; wrote: boolean }> {
    const item = await lockAttentionItem(tx, sellerId, itemId);
    if (!item) throw new TaxError('resource_not_found', `no attention item ${itemId}`);
    if (item.status === 'reposted') return { answer: await this.recorded(tx, sellerId, item), wrote: false };
    if (item.status === 'dismissed') throw new TaxError('attention_dismissed', `${item.id} was dismissed: its transaction ${item.reference} is not to be recorded`);
    // Statuses never return to open, so an item open now was open when it was prepared.
    if (!prepared) throw new Error(`attention item ${itemId} is open but was not prepared`);
    let answer: Answer;
    if (prepared.kind === 'sale') {
      answer = answerOf(await recordSale(tx, sellerId, prepared.body, prepared.result, prepared.seller, item.provenance), prepared.result);
    } else {
      const { originalId, ...refund } = prepared.body;
      const { row, result } = await recordRefund(tx, sellerId, originalId, { id: refund.id, request: refund }, prepared.date, refund.lines);
      answer = answerOf(row, result);
    }
    await markReposted(tx, sellerId, item.id, prepared.body);
    return { answer, wrote: true };
  }

  /** Outside the failed write's transaction, so the attempt and its error stay recorded. */
  private async recordFailure(sellerId: string, itemId: string, error: unknown, replacement: ParsedHeld | undefined): Promise<void> {
    if (!(error instanceof TaxError) || error.code === 'idempotency_key_reused') return;
    await recordRepostFailure(this.db, sellerId, itemId, heldError(error), replacement?.body);
  }
}
