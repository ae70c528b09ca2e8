/**
 * An imported transaction the commit could not take, as the request the API
 * would take for it: held for attention (src/store/attention.repository.ts)
 * so the seller can fix the cause and repost it, instead of losing it.
 */
import type { HeldRefund, HeldSale } from '../attention/held-request.js';
import type { CalculateRequest } from '../engine/schemas.js';
import type { TaxError } from '../errors/tax-error.js';
import type { Hold } from '../store/attention.repository.js';
import type { TransactionImportRow } from './transactions-csv.js';

/**
 * A sale as POST /v1/transactions takes it: the engine request the import
 * calculated, under the transaction's id, committed. `taxCollected` has no
 * place in an API body: it is held beside it (see importHold).
 */
export function heldSale(id: string, request: CalculateRequest, marketplace: boolean): HeldSale {
  return { id, ...request, commit: true, ...(marketplace ? { marketplace: true } : {}) };
}

/**
 * A refund as POST /v1/transactions/{originalId}/refunds takes it, with
 * `originalId`. A row refunding 0 refunds nothing (the commit skips it too)
 * and the API takes only positive amounts, so it is left out.
 */
export function heldRefund(id: string, rows: readonly TransactionImportRow[]): HeldRefund {
  const first = rows[0]!;
  const lines = rows.filter((r) => r.amount !== 0).map((r) => ({ id: r.lineId, amount: r.amount }));
  return { originalId: first.originalTransactionId!, id, date: first.date, lines };
}

/** The import's refund names its sale `originalTransactionId`; the held request, `originalId`. */
export function heldField(param: string | undefined): string | null {
  if (param === undefined) return null;
  return param === 'originalTransactionId' ? 'originalId' : param;
}

export function importHold(importId: string, reference: string, request: HeldSale | HeldRefund, taxCollected: number | null, error: TaxError): Hold {
  return {
    source: 'import',
    sourceId: importId,
    reference,
    request: request as Record<string, unknown>,
    provenance: taxCollected === null ? null : { source: 'import', taxCollected },
    error: { code: error.code, message: error.message, field: heldField(error.param) },
  };
}
