import type { z } from 'zod';
import { TaxError } from '../../errors/tax-error.js';
import type { CalculateResponse } from '../../engine/schemas.js';
import { calculateSale, recordRefund, recordSale } from '../../ledger/post.js';
import {
  commitTransaction,
  getTransaction,
  latestResult,
  listTransactions,
  voidTransaction,
  inFiledPeriod,
  filedReturnHolding,
  type TransactionRow,
} from '../../store/transactions.repository.js';
import type { Deps } from '../deps.js';
import { decodeCursor, limitOf, page } from '../pagination.js';
import { dateOf } from '../requests.js';
import { defineRoute } from '../route.js';
import { listOf, refundBody, transactionAnswer, transactionBody, transactionDetail, transactionsQuery, transactionSummary } from '../schemas.js';
import { answerOnce } from '../idempotency.js';
import { accountingDate } from '../../ledger/accounting-date.js';

type Answer = z.input<typeof transactionAnswer>;

/** A transaction as the API answers it: its calculation, with the ledger's own fields. */
export function answerOf(row: TransactionRow, result: CalculateResponse): Answer {
  return {
    ...result,
    id: row.id,
    type: row.type,
    originalId: row.originalId,
    status: row.status,
    version: row.version,
    source: row.source,
    marketplace: row.marketplace,
    taxCollected: row.taxCollected,
  };
}

export function registerTransactions({ app, registry, db, engine, sellers, alerts }: Deps): void {
  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/transactions',
    tag: 'Transactions',
    summary: 'Create a transaction, or replace an uncommitted one with a new version',
    description: 'The calculate body plus `id` (your invoice id) and `commit`. A committed transaction changes only by void or refund.',
    body: transactionBody,
    response: transactionAnswer,
    handler: async ({ request, body, sellerId }) => {
      const { seller, settings } = await sellers.get(sellerId, request.configVersion!, body.customer.id);
      const result = calculateSale(engine, body, seller, settings.accountingTimeZone);
      return afterWrite(alerts, sellerId, answerOnce(db, request, sellerId, body, async (tx) => answerOf(await recordSale(tx, sellerId, body, result, seller), result)));
    },
  });

  for (const [action, change, summary] of [
    ['commit', commitTransaction, 'Commit a transaction'],
    ['void', voidTransaction, 'Void a transaction (uncommitted or committed, without refunds); in a filed period, a full refund in the open period'],
  ] as const) {
    defineRoute(app, registry, {
      method: 'POST',
      url: `/v1/transactions/:id/${action}`,
      tag: 'Transactions',
      summary,
      response: transactionAnswer,
      handler: async ({ request, params, sellerId }) => {
        const { settings } = await sellers.get(sellerId, request.configVersion!, undefined);
        return afterWrite(alerts, sellerId, answerOnce(db, request, sellerId, null, async (tx) => {
          // A filed period never changes: voiding one of its sales refunds it whole in the open period.
          if (action === 'void' && (await inFiledPeriod(tx, sellerId, params.id!))) {
            const today = accountingDate(new Date().toISOString(), settings.accountingTimeZone);
            const { row, result } = await recordRefund(tx, sellerId, params.id!, { id: `void-${params.id}`, request: { voidOf: params.id, date: today } }, today, undefined);
            return answerOf(row, result);
          }
          const row = await change(tx, sellerId, params.id!);
          return answerOf(row, await latestResult(tx, sellerId, row));
        }));
      },
    });
  }

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/transactions/:id/refunds',
    tag: 'Transactions',
    summary: 'Refund a committed transaction, in whole or by line',
    description: 'Reverses tax pro rata with the original\'s date, address, rates and registrations. Refunds never exceed, together, what was charged.',
    body: refundBody,
    response: transactionAnswer,
    handler: async ({ request, body, params, sellerId }) => {
      const { settings } = await sellers.get(sellerId, request.configVersion!, undefined);
      const date = dateOf(body, settings.accountingTimeZone);
      return afterWrite(alerts, sellerId, answerOnce(db, request, sellerId, body, async (tx) => {
        const { row, result } = await recordRefund(tx, sellerId, params.id!, { id: body.id, request: body }, date, body.lines);
        return answerOf(row, result);
      }));
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/transactions/:id',
    tag: 'Transactions',
    summary: 'A transaction: its latest calculation, versions and refunds',
    response: transactionDetail,
    handler: async ({ params, sellerId }) => {
      const found = await getTransaction(db, sellerId, params.id!);
      if (!found) throw new TaxError('resource_not_found', `no transaction ${params.id}`);
      const { row, result } = found;
      const filed = await filedReturnHolding(db, sellerId, row, result);
      return {
        ...answerOf(row, result),
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
        committedAt: row.committedAt?.toISOString() ?? null,
        voidedAt: row.voidedAt?.toISOString() ?? null,
        versions: found.versions,
        refunds: found.refunds,
        filing: filed ? { jurisdictionId: filed.jurisdictionId, period: filed.period, filedAt: filed.filedAt, confirmation: filed.confirmation } : null,
      };
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/transactions',
    tag: 'Transactions',
    summary: 'List transactions by date, with filters',
    query: transactionsQuery,
    response: listOf(transactionSummary),
    handler: async ({ query, sellerId }) => {
      const limit = limitOf(query.limit);
      const after = decodeCursor(query.cursor, (v): v is { date: string; id: string } => typeof v === 'object' && v !== null && typeof (v as { date?: unknown }).date === 'string' && typeof (v as { id?: unknown }).id === 'string');
      const rows = await listTransactions(db, sellerId, query, limit + 1, after);
      const result = page(rows, limit, (last) => ({ date: last.date, id: last.id }));
      return {
        data: result.data.map((r) => ({
          id: r.id,
          type: r.type,
          originalId: r.originalId,
          status: r.status,
          version: r.version,
          date: r.date,
          currency: r.currency,
          customerId: r.customerId,
          subtotal: r.subtotal,
          tax: r.tax,
          total: r.total,
          createdAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
        })),
        nextCursor: result.nextCursor,
      };
    },
  });
}

/** Writes can move the seller's nexus: its alerts are recomputed once the writes go quiet. */
export async function afterWrite<T>(alerts: Deps['alerts'], sellerId: string, write: Promise<T>): Promise<T> {
  const answer = await write;
  alerts.schedule(sellerId);
  return answer;
}
