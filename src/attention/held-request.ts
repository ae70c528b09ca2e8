/**
 * What a held transaction keeps: the request the API would take for it. A
 * sale is a POST /v1/transactions body; a refund is the body of
 * POST /v1/transactions/{id}/refunds with the sale's id as `originalId`.
 * Reposting checks it with the API's own schemas, so a held request is
 * posted only if the API would have taken it.
 */
import type { z } from 'zod';
import { heldRefund } from '../api/attention-schemas.js';
import { transactionBody } from '../api/schemas.js';
import { compileValidator } from '../validation/compile.js';

export type HeldSale = z.input<typeof transactionBody>;
export type HeldRefund = z.input<typeof heldRefund>;
export type HeldKind = 'sale' | 'refund';

/** The request as stored (jsonb). */
export type StoredRequest = Record<string, unknown>;

export type ParsedHeld = { kind: 'sale'; body: z.output<typeof transactionBody> } | { kind: 'refund'; body: z.output<typeof heldRefund> };

/** A refund names its sale; a sale never has `originalId` (the API refuses it as unknown). */
export function kindOf(request: StoredRequest): HeldKind {
  return typeof request.originalId === 'string' ? 'refund' : 'sale';
}

const validators = {
  sale: { plain: compileValidator(transactionBody), replacement: compileValidator(transactionBody, { prefix: 'request' }) },
  refund: { plain: compileValidator(heldRefund), replacement: compileValidator(heldRefund, { prefix: 'request' }) },
};

/**
 * The request checked as the API checks its body. A stored request's errors
 * name the transaction's field (`customer.address.region`), as the API
 * would; a replacement's name the field of the repost body (`request.customer...`).
 */
export function parseHeld(kind: HeldKind, input: unknown, as: 'stored' | 'replacement'): ParsedHeld {
  const v = validators[kind][as === 'stored' ? 'plain' : 'replacement'];
  return kind === 'sale' ? { kind, body: (v as typeof validators.sale.plain).parse(input) } : { kind, body: (v as typeof validators.refund.plain).parse(input) };
}
