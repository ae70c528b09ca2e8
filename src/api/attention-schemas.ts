/** Request and answer shapes of the routes for transactions that need attention. */
import { z } from 'zod';
import { listQuery, objectId, refundBody } from './schemas.js';

const attentionStatus = z.enum(['open', 'reposted', 'dismissed']);
const attentionSource = z.enum(['import', 'connector']);

/** A held refund: the POST /v1/transactions/{originalId}/refunds body, with the sale it refunds. */
export const heldRefund = refundBody.extend({
  /** The sale refunded. */
  originalId: objectId,
});

export const attentionItem = z.object({
  id: z.string(),
  source: attentionSource,
  /** The import id, or the connector's name. */
  sourceId: z.string(),
  /** The id the transaction has in the ledger once reposted. */
  reference: z.string(),
  type: z.enum(['sale', 'refund']),
  /** The last error: the code, message and field POST /v1/transactions (or its refunds) would answer. */
  code: z.string(),
  /** For a dismissed item, the reason it was dismissed. */
  message: z.string(),
  field: z.string().nullable(),
  status: attentionStatus,
  /** Arrivals and reposts that failed. */
  attempts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** The ledger transaction, once reposted. */
  transactionId: z.string().nullable(),
  /** The transaction as POST /v1/transactions takes it; for a refund, the refund body plus `originalId`. */
  request: z.record(z.string(), z.unknown()),
});

export const attentionQuery = listQuery.extend({
  status: attentionStatus.optional(),
  source: attentionSource.optional(),
  sourceId: z.string().min(1).max(255).optional(),
  code: z.string().min(1).max(100).optional(),
});

export const repostBody = z.strictObject({
  /**
   * A corrected request replacing the stored one (a fixed address, say), checked as POST /v1/transactions
   * checks its body (for a refund, as its refunds route does, plus `originalId`). Its `id` stays the item's reference.
   */
  request: z.record(z.string(), z.unknown()).optional(),
});

export const bulkRepostBody = z.strictObject({
  code: z.string().min(1).max(100).optional(),
  source: attentionSource.optional(),
  sourceId: z.string().min(1).max(255).optional(),
});

export const bulkRepostAnswer = z.object({
  reposted: z.number().int(),
  /** Items still open, each with its new error. */
  failed: z.number().int(),
  /** The first 100 of those failures. */
  failures: z.array(z.object({ id: z.string(), reference: z.string(), code: z.string(), message: z.string(), field: z.string().nullable() })),
});

export const dismissBody = z.strictObject({
  reason: z.string().max(1000).regex(/\S/, { error: 'say why the transaction is not recorded' }),
});
