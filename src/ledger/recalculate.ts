/**
 * What recalculating a recorded sale needs: the engine request behind any
 * stored version (an API body, the rows of an import, or an earlier
 * recalculation), and whether a new answer differs from the recorded one in
 * anything a return reads.
 */
import type { CalculateRequest, CalculateResponse } from '../engine/schemas.js';
import { saleRequest } from '../imports/commit.js';
import type { TransactionImportRow } from '../imports/transactions-csv.js';
import { engineRequestOf } from './engine-request.js';

/** How a recalculated version is stored: the request the engine was given, and why. */
export interface RecalculatedRequest {
  source: 'reprocessing';
  reprocessingId: string;
  certificateId: string;
  request: CalculateRequest;
}

export function requestOfVersion(stored: unknown, timeZone: string): CalculateRequest {
  const s = stored as { source?: string; request?: CalculateRequest; rows?: TransactionImportRow[] };
  if (s.source === 'reprocessing' && s.request) return s.request;
  if (s.source === 'import' && s.rows) return saleRequest(s.rows);
  // An API body: the invoice's own exemption comes with it, a recorded fact a recalculation must keep.
  return engineRequestOf<CalculateRequest>(stored as CalculateRequest, timeZone);
}

/** The request with the customer's address on record in place of the invoice's. */
export function withCustomerAddress(request: CalculateRequest, address: Record<string, string>): CalculateRequest {
  return { ...request, customer: { ...request.customer, address: address as CalculateRequest['customer']['address'] } };
}

/** JSON with object keys sorted: a stored answer comes back from jsonb with its keys reordered. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** What a return reads of an answer: its figures by line and jurisdiction and the exemptions named. */
function reportable(r: CalculateResponse) {
  return canonical([r.subtotal, r.tax, r.total, r.taxableAmount, r.exemptAmount, r.nonTaxableAmount, r.address, r.lines, r.jurisdictions, r.notCollected, r.exemptions]);
}

export function sameFigures(a: CalculateResponse, b: CalculateResponse): boolean {
  return reportable(a) === reportable(b);
}
