/**
 * Stripe invoices and credit notes as the requests Levy's API takes: an
 * invoice is a POST /v1/transactions body, a credit note the body of a
 * refund of its invoice (with `originalId`, as a held refund keeps it).
 * Pure: nothing here calculates, reads or writes. Both the current shape of
 * invoice lines (`pricing.price_details.product`, API 2025-03-31.basil and
 * later) and the older one (`price.product`) are read, since an event
 * follows its endpoint's API version.
 */
import type { HeldRefund, HeldSale } from '../../attention/held-request.js';
import { TaxError } from '../../errors/tax-error.js';

/** Ids Levy gives what Stripe sends: stable, so every event of an invoice reaches the same transaction. */
export const saleIdOf = (invoiceId: string): string => `stripe:${invoiceId}`;
export const refundIdOf = (creditNoteId: string): string => `stripe:${creditNoteId}`;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** An expandable field: the id, or the expanded object's id. */
const idOf = (v: unknown): string | undefined => text(v) ?? (isObject(v) ? text(v.id) : undefined);
const integer = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined);
const listData = (v: unknown): Json[] => (isObject(v) && Array.isArray(v.data) ? v.data.filter(isObject) : []);
const instant = (seconds: unknown): string | undefined => {
  const s = integer(seconds);
  return s === undefined ? undefined : new Date(s * 1000).toISOString();
};

function invalid(message: string, field: string): TaxError {
  return new TaxError('stripe_object_unreadable', message, field);
}

/** The Stripe product of an invoice line, in either API version's shape. */
export function productOfLine(line: Json): string | undefined {
  const pricing = isObject(line.pricing) ? line.pricing : undefined;
  const details = pricing && isObject(pricing.price_details) ? pricing.price_details : undefined;
  const price = isObject(line.price) ? line.price : isObject(line.plan) ? line.plan : undefined;
  return idOf(details?.product) ?? idOf(price?.product);
}

/** Whether the line's amount includes tax: the price's tax behavior (older versions), or the line's taxes (current). */
function taxIncluded(line: Json): boolean {
  const price = isObject(line.price) ? line.price : undefined;
  if (price?.tax_behavior === 'inclusive') return true;
  const taxes = Array.isArray(line.taxes) ? line.taxes.filter(isObject) : [];
  if (taxes.some((t) => t.tax_behavior === 'inclusive')) return true;
  const amounts = Array.isArray(line.tax_amounts) ? line.tax_amounts.filter(isObject) : [];
  return amounts.some((t) => t.inclusive === true);
}

function addressOf(a: unknown): HeldSale['customer']['address'] | undefined {
  if (!isObject(a) || !text(a.country)) return undefined;
  const out: Json = { country: text(a.country) };
  for (const [from, to] of [
    ['line1', 'line1'],
    ['line2', 'line2'],
    ['city', 'city'],
    ['state', 'region'],
    ['postal_code', 'postalCode'],
  ] as const) {
    const value = text(a[from]);
    if (value !== undefined) out[to] = value;
  }
  return out as HeldSale['customer']['address'];
}

/**
 * The invoice as a sale. Each line's amount is after its discounts (what
 * Stripe taxes); its product is the Stripe product id, which the seller maps
 * to a Levy product through the product's external ids. Shipping is a line
 * of the `shipping` category. The customer's shipping address is used, or
 * else its billing address.
 */
export function saleOfInvoice(invoice: Json, commit: boolean): HeldSale {
  const invoiceId = text(invoice.id);
  if (!invoiceId) throw invalid('the invoice has no id', 'data.object.id');
  const currency = text(invoice.currency);
  if (!currency) throw invalid(`invoice ${invoiceId} has no currency`, 'data.object.currency');
  const lines = isObject(invoice.lines) ? invoice.lines : undefined;
  if (lines?.has_more === true) {
    throw invalid(`invoice ${invoiceId} has more lines than its event carries; Levy cannot fetch the rest from Stripe: repost it with every line`, 'data.object.lines');
  }
  const saleLines: HeldSale['lines'] = listData(lines).map((line, i) => {
    const amount = integer(line.amount);
    if (amount === undefined) throw invalid(`line ${i} of invoice ${invoiceId} has no integer amount`, `data.object.lines.data.${i}.amount`);
    const discounts = (Array.isArray(line.discount_amounts) ? line.discount_amounts.filter(isObject) : []).reduce((sum, d) => sum + (integer(d.amount) ?? 0), 0);
    const out: HeldSale['lines'][number] = { id: text(line.id) ?? String(i), productId: productOfLine(line) ?? '', amount: amount - discounts };
    if (taxIncluded(line)) out.taxIncluded = true;
    const quantity = integer(line.quantity);
    if (quantity !== undefined && quantity >= 0) out.quantity = quantity;
    const description = text(line.description);
    if (description !== undefined) out.description = description;
    return out;
  });
  const shipping = isObject(invoice.shipping_cost) ? integer(invoice.shipping_cost.amount_subtotal) : undefined;
  if (shipping !== undefined && shipping !== 0) saleLines.push({ id: 'shipping', productId: 'shipping', amount: shipping });

  const shippingAddress = isObject(invoice.customer_shipping) ? addressOf(invoice.customer_shipping.address) : undefined;
  const address = shippingAddress ?? addressOf(invoice.customer_address);
  const customer: Json = { address: address ?? {} };
  const customerId = idOf(invoice.customer);
  if (customerId !== undefined) customer.id = customerId;
  const name = text(invoice.customer_name);
  if (name !== undefined) customer.name = name;
  const email = text(invoice.customer_email);
  if (email !== undefined) customer.email = email;
  const taxIds = (Array.isArray(invoice.customer_tax_ids) ? invoice.customer_tax_ids.filter(isObject) : [])
    .map((t) => ({ type: text(t.type), value: text(t.value) }))
    .filter((t): t is { type: string; value: string } => t.type !== undefined && t.value !== undefined);
  if (taxIds.length > 0) customer.taxIds = taxIds;

  const transitions = isObject(invoice.status_transitions) ? invoice.status_transitions : {};
  const timestamp = instant(transitions.finalized_at) ?? instant(invoice.effective_at) ?? instant(invoice.created);
  if (!timestamp) throw invalid(`invoice ${invoiceId} has no finalization or creation time`, 'data.object.created');
  return {
    id: saleIdOf(invoiceId),
    timestamp,
    currency: currency.toUpperCase(),
    customer: customer as HeldSale['customer'],
    lines: saleLines,
    ...(commit ? { commit: true } : {}),
  };
}

/**
 * The credit note as a refund of its invoice's sale: by line where its lines
 * credit invoice lines, the whole remainder where none does. A line of its
 * own (a custom line) cannot be attributed to a sale line: the note is
 * refused, to be reposted with lines the seller chooses.
 */
export function refundOfCreditNote(note: Json): HeldRefund {
  const noteId = text(note.id);
  if (!noteId) throw invalid('the credit note has no id', 'data.object.id');
  const invoiceId = idOf(note.invoice);
  if (!invoiceId) throw invalid(`credit note ${noteId} names no invoice`, 'data.object.invoice');
  const lines = isObject(note.lines) ? note.lines : undefined;
  if (lines?.has_more === true) throw invalid(`credit note ${noteId} has more lines than its event carries; repost it with every line`, 'data.object.lines');
  const data = listData(lines);
  const byLine: Array<{ id: string; amount: number }> = [];
  for (const [i, line] of data.entries()) {
    const invoiceLine = idOf(line.invoice_line_item);
    if (invoiceLine === undefined) {
      throw invalid(`line ${i} of credit note ${noteId} credits no invoice line (a custom line): repost the refund with the sale lines it refunds`, `data.object.lines.data.${i}`);
    }
    const amount = integer(line.amount);
    if (amount === undefined) throw invalid(`line ${i} of credit note ${noteId} has no integer amount`, `data.object.lines.data.${i}.amount`);
    const discount = integer(line.discount_amount) ?? 0;
    if (amount - discount > 0) byLine.push({ id: invoiceLine, amount: amount - discount });
  }
  if (data.length > 0 && byLine.length === 0) throw invalid(`credit note ${noteId} credits no amount on any line`, 'data.object.lines');
  const timestamp = instant(note.effective_at) ?? instant(note.created);
  if (!timestamp) throw invalid(`credit note ${noteId} has no creation time`, 'data.object.created');
  return { originalId: saleIdOf(invoiceId), id: refundIdOf(noteId), timestamp, ...(byLine.length > 0 ? { lines: byLine } : {}) };
}
