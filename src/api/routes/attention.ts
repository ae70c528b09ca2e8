import type { z } from 'zod';
import { kindOf, parseHeld, type ParsedHeld } from '../../attention/held-request.js';
import { TaxError } from '../../errors/tax-error.js';
import { dismissAttentionItem, getAttentionItem, listAttentionItems, type AttentionItem, type AttentionPosition } from '../../store/attention.repository.js';
import { attentionItem, attentionQuery, bulkRepostAnswer, bulkRepostBody, dismissBody, repostBody } from '../attention-schemas.js';
import { Reposter } from '../attention-repost.js';
import type { Deps } from '../deps.js';
import { answerOnce } from '../idempotency.js';
import { decodeCursor, limitOf, page } from '../pagination.js';
import { defineRoute } from '../route.js';
import { listOf, transactionAnswer } from '../schemas.js';
import { afterWrite } from './transactions.js';

function itemAnswer(item: AttentionItem): z.input<typeof attentionItem> {
  return {
    id: item.id,
    source: item.source,
    sourceId: item.sourceId,
    reference: item.reference,
    type: kindOf(item.request),
    code: item.code,
    message: item.message,
    field: item.field,
    status: item.status,
    attempts: item.attempts,
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
    resolvedAt: item.resolvedAt?.toISOString() ?? null,
    transactionId: item.status === 'reposted' ? item.reference : null,
    request: item.request,
  };
}

const isPosition = (v: unknown): v is AttentionPosition =>
  typeof v === 'object' && v !== null && typeof (v as { at?: unknown }).at === 'string' && typeof (v as { id?: unknown }).id === 'string';

export function registerAttention({ app, registry, db, engine, sellers, alerts }: Deps): void {
  const reposter = new Reposter(db, engine, sellers);
  const found = async (sellerId: string, id: string) => {
    const item = await getAttentionItem(db, sellerId, id);
    if (!item) throw new TaxError('resource_not_found', `no attention item ${id}`);
    return item;
  };

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/attention',
    tag: 'Attention',
    summary: 'Transactions Levy could not take (from an import or a connector), newest first, with their error',
    description: 'Open items by default; `status=reposted` or `dismissed` for settled ones. Filter by `source`, `sourceId` (an import id) or error `code`.',
    query: attentionQuery,
    response: listOf(attentionItem),
    handler: async ({ query, sellerId }) => {
      const limit = limitOf(query.limit);
      const after = decodeCursor(query.cursor, isPosition);
      const rows = await listAttentionItems(db, sellerId, { status: query.status ?? 'open', source: query.source, sourceId: query.sourceId, code: query.code }, 'desc', limit + 1, after);
      const result = page(rows, limit, (last) => last.position);
      return { data: result.data.map(itemAnswer), nextCursor: result.nextCursor };
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/attention/:id',
    tag: 'Attention',
    summary: 'A held transaction: its request, its last error, and its transaction once reposted',
    response: attentionItem,
    handler: async ({ params, sellerId }) => itemAnswer(await found(sellerId, params.id!)),
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/attention/:id/repost',
    tag: 'Attention',
    summary: 'Post a held transaction again, as POST /v1/transactions would (a refund, as its refunds route would)',
    description:
      'After fixing the cause (mapping the product, say), or with `request` replacing the stored one (a corrected address or date). ' +
      'Answers the transaction; an error is answered as the API would answer it, and the item stays open with that error and one attempt more. ' +
      'Reposting an item reposted already answers its transaction again and writes nothing.',
    body: repostBody,
    response: transactionAnswer,
    handler: async ({ request, body, params, sellerId }) => {
      const item = await found(sellerId, params.id!);
      if (item.status === 'dismissed') throw new TaxError('attention_dismissed', `${item.id} was dismissed: its transaction ${item.reference} is not to be recorded`);
      let replacement: ParsedHeld | undefined;
      if (item.status === 'open' && body.request !== undefined) {
        replacement = parseHeld(kindOf(item.request), body.request, 'replacement');
        if (replacement.body.id !== item.reference) {
          throw new TaxError('parameter_invalid', `request.id must stay ${item.reference}: the held transaction is reposted under the id it was sent with`, 'request.id');
        }
      }
      return afterWrite(alerts, sellerId, reposter.one(request, sellerId, item, replacement, body));
    },
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/attention/repost',
    tag: 'Attention',
    summary: 'Repost every open item matching the filter (after mapping a product, say), sales before refunds',
    description: 'Answers how many were reposted and how many still fail, each failing item keeping its new error. Only open items are taken: running it again never records a transaction twice.',
    body: bulkRepostBody,
    response: bulkRepostAnswer,
    handler: async ({ request, body, sellerId }) => {
      const outcome = await reposter.all(sellerId, request.configVersion!, body);
      if (outcome.reposted > 0) alerts.schedule(sellerId);
      return outcome;
    },
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/attention/:id/dismiss',
    tag: 'Attention',
    summary: 'Decide not to record a held transaction, saying why',
    body: dismissBody,
    response: attentionItem,
    handler: async ({ request, body, params, sellerId }) => {
      const item = await found(sellerId, params.id!);
      if (item.status === 'dismissed') return itemAnswer(item);
      if (item.status === 'reposted') throw new TaxError('attention_reposted', `${item.id} was reposted as transaction ${item.reference}: void or refund that transaction instead`);
      return answerOnce(db, request, sellerId, body, async (tx) => {
        const dismissed = await dismissAttentionItem(tx, sellerId, item.id, body.reason);
        if (dismissed) return itemAnswer(dismissed);
        // Settled meanwhile by another request: answer what it became.
        const now = (await getAttentionItem(tx, sellerId, item.id))!;
        if (now.status === 'reposted') throw new TaxError('attention_reposted', `${item.id} was reposted as transaction ${item.reference}: void or refund that transaction instead`);
        return itemAnswer(now);
      });
    },
  });
}
