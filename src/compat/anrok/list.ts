/**
 * transactions/list: the seller's transactions in the order they last
 * changed, each as Anrok lists it (`normal` with its figures, or `void`).
 * The cursor carries the filter, as Anrok's does (a cursor and a filter are
 * never sent together).
 */
import type { z } from 'zod';
import type { CalculateResponse, LineJurisdiction } from '../../engine/schemas.js';
import { currentVersion, transactionsByModification, type ModifiedPosition } from '../../store/anrok.repository.js';
import type { Db } from '../../store/open.js';
import type { TransactionRow } from '../../store/transactions.repository.js';
import { decodeCursor, encodeCursor } from '../../api/pagination.js';
import type { JurisOf } from './answer.js';
import { AnrokBadRequest, AnrokConflict } from './errors.js';
import type { listTransactionsBody } from './schemas.js';

const DEFAULT_LIMIT = 10;

interface Cursor extends ModifiedPosition {
  modifiedAfter: string | null;
}

function cursorOf(text: string): Cursor {
  try {
    return decodeCursor(text, (v): v is Cursor => typeof v === 'object' && v !== null && typeof (v as Cursor).updatedAt === 'string' && typeof (v as Cursor).id === 'string')!;
  } catch {
    throw new AnrokConflict('invalidCursor');
  }
}

export async function listTransactionsPage(db: Db, sellerId: string, body: z.output<typeof listTransactionsBody>, jurisOf: JurisOf) {
  if (body.cursor && body.filter) throw new AnrokBadRequest('Request body: cursor and filter cannot both be provided.');
  if (body.filter?.type === 'filingInfo') throw new AnrokBadRequest('Request body: "filter": "type": filingInfo is not supported by Levy; use lastModifiedAfter.');
  const cursor = body.cursor ? cursorOf(body.cursor) : undefined;
  const modifiedAfter = cursor ? cursor.modifiedAfter : body.filter?.type === 'lastModifiedAfter' ? body.filter.value : null;
  const limit = body.limit ?? DEFAULT_LIMIT;
  const rows = await transactionsByModification(db, sellerId, { modifiedAfter: modifiedAfter ? new Date(modifiedAfter) : undefined, after: cursor, limit: limit + 1 });
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  const hasMore = rows.length > limit;
  return {
    transactions: await Promise.all(shown.map(async ({ row }) => itemOf(row, row.status === 'voided' ? undefined : await currentVersion(db, sellerId, row), jurisOf))),
    nextCursor: hasMore && last ? encodeCursor({ ...last.position, modifiedAfter } satisfies Cursor) : null,
    hasMore,
  };
}

const money = (n: number) => String(n);

/** What the stored request says of the customer and the lines (an Anrok or a Levy body: both name them alike once mapped). */
interface StoredRequest {
  customer?: { name?: string };
  lines?: Array<{ productId?: string; quantity?: string | number }>;
}

function itemOf(row: TransactionRow, version: { request: unknown; result: CalculateResponse } | undefined, jurisOf: JurisOf) {
  const head = {
    type: row.status === 'voided' ? ('void' as const) : ('normal' as const),
    id: row.id,
    anrokCreatedTime: row.createdAt.toISOString(),
    anrokModifiedTime: row.updatedAt.toISOString(),
    sourceBillingSystem: row.source === 'import' ? 'import' : 'api',
  };
  if (!version) return head;
  const { result } = version;
  const request = (typeof version.request === 'object' && version.request !== null ? version.request : {}) as StoredRequest;
  const inclusive = result.lines.reduce((sum, l) => sum + (l.taxIncluded ? l.tax : 0), 0);
  const exclusive = result.tax - inclusive;
  const preTax = result.lines.reduce((sum, l) => sum + l.amount - l.discount, 0);
  const byJuris = new Map<string, { id: string; name: string; preTaxAmount: number; taxAmountDue: number }>();
  const jurises = (rows: LineJurisdiction[], preTaxAmount: number) => {
    const groups = new Map<string, { name: string; id: string; rows: LineJurisdiction[] }>();
    for (const r of rows) {
      const juris = jurisOf(r.id);
      const g = groups.get(juris.id) ?? { ...juris, rows: [] };
      g.rows.push(r);
      groups.set(juris.id, g);
    }
    return [...groups.values()].map((g) => {
      const remitting = g.rows.some((r) => r.collect);
      const summary = byJuris.get(g.id) ?? { id: anrokJurisId(g.id), name: g.name, preTaxAmount: 0, taxAmountDue: 0 };
      summary.preTaxAmount += preTaxAmount;
      summary.taxAmountDue += g.rows.reduce((sum, r) => sum + r.tax, 0);
      byJuris.set(g.id, summary);
      const taxes = g.rows.map((r) => ({
        id: anrokJurisId(r.id),
        name: `${r.name} ${r.taxName}`,
        nonTaxableAmount: money(0),
        exemptions: r.exemptAmount !== 0 ? [{ reason: r.exemption ?? 'exempt', amount: money(r.exemptAmount) }] : [],
        taxableAmount: money(r.taxableAmount),
        rate: r.rate,
        taxAmount: { inclusive: money(0), exclusive: money(remitting ? r.tax : r.notCollectedTax) },
      }));
      return { name: g.name, id: anrokJurisId(g.id), calc: remitting ? { isRemitting: true, taxes } : { isRemitting: false, taxesIfWereRemitting: taxes } };
    });
  };
  const lineItems = result.lines.map((l, i) => ({
    id: l.id,
    product: { internalId: l.productId, externalId: request.lines?.[i]?.productId ?? l.productId, name: null, productTaxCategory: { type: 'standard', id: l.taxCategory, name: l.taxCategory } },
    quantity: request.lines?.[i]?.quantity === undefined ? null : String(request.lines[i]!.quantity),
    unitPrice: null,
    inputAmount: money(l.taxIncluded ? l.amount + l.tax : l.amount),
    preTaxAmount: money(l.amount - l.discount),
    taxAmountDue: money(l.tax),
    jurises: jurises(l.jurisdictions, l.amount - l.discount),
  }));
  return {
    ...head,
    body: {
      accountingDate: row.date,
      taxDate: row.date,
      currencyCode: row.currency,
      customer: row.customerId ? { id: row.customerId, name: request.customer?.name ?? null } : null,
      addresses: [{ type: 'customer', country: result.address.country, region: result.address.region ?? null, postalCode: result.address.postalCode ?? null, city: result.address.city ?? null }],
      inputAmount: money(result.subtotal),
      preTaxAmount: money(preTax),
      taxAmountDue: { inclusive: money(inclusive), exclusive: money(exclusive), total: money(result.tax) },
      taxAmountAdded: { expected: money(exclusive), seen: money(exclusive) },
      invoiceTotalAmountExpected: money(result.subtotal + exclusive),
      jurisSummaries: [...byJuris.values()].map((j) => ({ ...j, preTaxAmount: money(j.preTaxAmount), taxAmountDue: money(j.taxAmountDue), taxIdValidation: null })),
      lineItems,
    },
  };
}

/** Anrok writes jurisdiction ids with a lower-case country (`us-TX`). */
export function anrokJurisId(levyId: string): string {
  const [country, ...rest] = levyId.split('-');
  return [country!.toLowerCase(), ...rest].join('-');
}
