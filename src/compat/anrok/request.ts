/**
 * An Anrok transaction to the body POST /v1/transactions takes (one path to
 * the ledger for both APIs). Levy keeps one date per transaction, the
 * accounting date: it decides the return and, as taxDate defaults to it in
 * Anrok, the rates.
 */
import type { SaleBody } from '../../ledger/post.js';
import { accountingDate, isTimeZone } from '../../ledger/accounting-date.js';
import { levyAddress, type RegionCodes } from './address.js';
import { AnrokBadRequest, AnrokConflict } from './errors.js';
import type { EphemeralBody } from './schemas.js';

export interface MappingContext {
  regions: RegionCodes;
  /** Tax id types the customer's country (and region) accept, in Levy's names (eu_vat, ca_gst_hst ...). */
  taxIdTypes: (country: string, region: string | undefined) => readonly string[];
  /** Whether a value is a well-formed id of a type (src/taxid/). */
  validTaxId: (type: string, value: string) => boolean;
  /** The seller's own time zone, for an accountingTime sent without one. */
  sellerTimeZone: string;
  /** Today in the seller's time zone, YYYY-MM-DD. */
  today: string;
}

/** Anrok refuses tax dates more than 31 days ahead, and before 1999. */
const FUTURE_DAYS = 31;
const EARLIEST = '1999-01-01';

export function accountingDateOf(body: EphemeralBody, sellerTimeZone: string): string {
  if (body.accountingDate && body.accountingTimeZone) throw new AnrokBadRequest('Request body: Cannot specify both accountingDate and accountingTimeZone.');
  if (body.accountingDate && body.accountingTime) throw new AnrokBadRequest('Request body: Cannot specify both accountingDate and accountingTime.');
  if (body.accountingDate) return body.accountingDate;
  if (!body.accountingTime) throw new AnrokBadRequest('Request body: Must specify either accountingDate or accountingTimeZone.');
  const zone = body.accountingTimeZone ?? sellerTimeZone;
  if (!isTimeZone(zone)) throw new AnrokConflict('accountingTimeZoneNotSupported');
  return accountingDate(body.accountingTime, zone);
}

function checkTaxDate(taxDate: string, today: string): void {
  if (taxDate < EARLIEST) throw new AnrokConflict('taxDateTooFarInPast');
  const latest = new Date(Date.parse(`${today}T00:00:00Z`) + FUTURE_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (taxDate > latest) throw new AnrokConflict('taxDateTooFarInFuture');
}

/** Levy's sale body for an Anrok transaction; `id` is absent for an ephemeral one. */
export function saleBodyOf(body: EphemeralBody & { id?: string }, ctx: MappingContext): SaleBody {
  const date = accountingDateOf(body, ctx.sellerTimeZone);
  checkTaxDate(body.taxDate ?? date, ctx.today);
  const address = levyAddress(body.customerAddress, ctx.regions);
  const customer: SaleBody['customer'] = { address };
  if (body.customerId) customer.id = body.customerId;
  if (body.customerName) customer.name = body.customerName;
  if (body.customerTaxIds && body.customerTaxIds.length > 0) {
    // Anrok's type (genericVatNumber, euVrn) is metadata: the customer's country says which kind of number it is.
    const types = ctx.taxIdTypes(address.country, address.region);
    customer.taxIds = body.customerTaxIds.map((t) => ({ type: types.find((type) => ctx.validTaxId(type, t.value)) ?? types[0] ?? 'unknown', value: t.value }));
  }
  const sale: SaleBody = {
    id: body.id ?? 'ephemeral',
    date,
    currency: body.currencyCode.toUpperCase(),
    customer,
    lines: body.lineItems.map((item, i) => {
      const line: SaleBody['lines'][number] = { id: item.id ?? `${i + 1}`, productId: item.productExternalId, amount: item.amount };
      if (item.isTaxIncludedInAmount) line.taxIncluded = true;
      // Informational in both APIs; Levy's schema takes no sign.
      if (item.quantity && !item.quantity.startsWith('-')) line.quantity = item.quantity;
      return line;
    }),
    commit: true,
  };
  if (body.shipFromAddress) sale.shipFrom = levyAddress(body.shipFromAddress, ctx.regions);
  return sale;
}
