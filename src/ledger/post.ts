/**
 * Recording a sale or a refund the way the API does, for every caller that
 * records one on the seller's behalf: the transactions routes and the
 * repost of a held transaction (src/attention/). One path, so a reposted
 * transaction is exactly what POST /v1/transactions would have written.
 */
import type { z } from 'zod';
import { engineRequest } from '../api/requests.js';
import type { transactionBody } from '../api/schemas.js';
import type { Engine } from '../engine/load-engine.js';
import type { CalculateResponse } from '../engine/schemas.js';
import type { PreparedSeller } from '../engine/seller.js';
import { nexusFactsOf, refundFactsOf, resaleCertificatesOf } from '../nexus/facts.js';
import type { Db } from '../store/open.js';
import type { HeldProvenance } from '../store/schema.js';
import { createOrUpdate, refundTransaction, type TransactionRow } from '../store/transactions.repository.js';
import { refundOf } from './refund.js';

/** A POST /v1/transactions body, validated against `transactionBody`. */
export type SaleBody = z.output<typeof transactionBody>;

/**
 * The engine's answer for a sale, before anything is written: pure, so it
 * runs outside the database transaction that records it.
 */
export function calculateSale(engine: Engine, body: SaleBody, seller: PreparedSeller, timeZone: string): CalculateResponse {
  return engine.calculateValidated(engineRequest(body, timeZone), seller);
}

/**
 * Creates the sale, or a new version of it while uncommitted; commits it when
 * the body says so. `provenance` records an imported sale as imported, with
 * the tax its seller actually collected.
 */
export function recordSale(tx: Db, sellerId: string, body: SaleBody, result: CalculateResponse, seller: PreparedSeller, provenance?: HeldProvenance | null): Promise<TransactionRow> {
  const facts = nexusFactsOf(result, { resaleCertificateIds: resaleCertificatesOf(seller, body.customer.id), collectedTax: provenance?.taxCollected });
  return createOrUpdate(tx, sellerId, { id: body.id, request: body, result, commit: body.commit ?? false, facts, marketplace: body.marketplace, provenance }, body.customer.id);
}

/** Refunds a committed sale pro rata, in whole (no `lines`) or by line, dated `date`. */
export function recordRefund(
  tx: Db,
  sellerId: string,
  originalId: string,
  refund: { id: string; request: unknown },
  date: string,
  lines: Array<{ id: string; amount: number }> | undefined,
): Promise<{ row: TransactionRow; result: CalculateResponse }> {
  return refundTransaction(tx, sellerId, originalId, refund, (original, previous) => refundOf(original, previous, { date, lines }), refundFactsOf);
}
