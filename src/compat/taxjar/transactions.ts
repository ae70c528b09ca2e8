/**
 * TaxJar orders and refunds as Levy ledger transactions. An order is a
 * committed sale (TaxJar records what was sold); its `amount` includes
 * shipping and excludes tax, and must equal the line items plus shipping
 * when line items are sent. The TaxJar body is kept with the version under
 * `taxjar`, so show and update can give back what was sent (provider,
 * exemption_type, product_identifier). Amounts answered are Levy's: the
 * recorded sale, and the tax Levy calculated for it as `sales_tax`.
 */
import { z } from 'zod';
import type { CompiledContent } from '../../content/compile.js';
import type { CalculateResponse } from '../../engine/schemas.js';
import type { PreparedSeller } from '../../engine/seller.js';
import type { SaleBody } from '../../ledger/post.js';
import type { TransactionRow } from '../../store/transactions.repository.js';
import { TaxjarError } from './errors.js';
import { currencyOf, destinationOf, linesOf, originOf, SHIPPING_LINE, shippingLine, taxCodeOf, type LevyLine, type TaxjarLine } from './invoice.js';
import { toDecimalText, toMinorUnits } from './money.js';
import type { OrderBody } from './schemas.js';
import { exemptionPlan } from './taxes.js';

/** TaxJar's user id: Levy has one user per seller key, so a constant. */
export const USER_ID = 1;

const isoDate = z.iso.date();
const instant = z.iso.datetime({ offset: true });

/** transaction_date as Levy's `date` (a calendar date) or `timestamp` (an instant, dated in the seller's time zone). */
export function dateFields(value: string): { date: string } | { timestamp: string } {
  const text = value.trim().replace(/^(\d{4})\/(\d{2})\/(\d{2})/, '$1-$2-$3');
  if (isoDate.safeParse(text).success) return { date: text };
  if (instant.safeParse(text).success) return { timestamp: text };
  // TaxJar reads an instant without an offset as UTC.
  if (instant.safeParse(`${text}Z`).success) return { timestamp: `${text}Z` };
  throw new TaxjarError(400, `transaction_date ${JSON.stringify(value)} is not a date (2026-11-15) or an ISO 8601 date and time`);
}

/** The lines of an order: its line items (or one line of amount − shipping) and the shipping line. */
export function orderLines(body: Pick<OrderBody, 'amount' | 'shipping' | 'line_items'>, currency: string, seller: PreparedSeller, content: CompiledContent): LevyLine[] {
  const amount = toMinorUnits(body.amount, currency, 'amount');
  const shipping = toMinorUnits(body.shipping, currency, 'shipping');
  if (amount < 0 || shipping < 0) throw new TaxjarError(400, 'amount and shipping of an order must not be negative');
  let lines: LevyLine[];
  if (body.line_items && body.line_items.length > 0) {
    lines = linesOf(body.line_items, currency, seller, content);
    const total = lines.reduce((s, l) => s + l.amount, 0) + shipping;
    if (total !== amount) {
      throw new TaxjarError(400, `amount ${toDecimalText(amount, currency)} must equal the line items plus shipping (${toDecimalText(total, currency)})`);
    }
  } else {
    if (shipping > amount) throw new TaxjarError(400, 'shipping is larger than amount (amount includes shipping)');
    lines = [{ id: '1', productId: 'goods.general', amount: amount - shipping }];
  }
  if (shipping !== 0) lines.push(shippingLine(shipping));
  return lines;
}

/** The POST /v1/transactions body an order is recorded as, with the TaxJar body kept beside it. */
export function saleBodyOf(body: OrderBody, seller: PreparedSeller, content: CompiledContent): SaleBody {
  const address = destinationOf(body);
  const currency = currencyOf(content, address.country);
  const { customerId, exemption } = exemptionPlan(body.customer_id, body.exemption_type);
  const shipFrom = originOf(body);
  toMinorUnits(body.sales_tax, currency, 'sales_tax');
  const sale = {
    id: body.transaction_id,
    ...dateFields(body.transaction_date),
    currency,
    customer: { ...(customerId ? { id: customerId } : {}), address },
    ...(shipFrom ? { shipFrom } : {}),
    lines: orderLines(body, currency, seller, content),
    commit: true,
    ...(exemption ? { exemption } : {}),
    ...(body.exemption_type === 'marketplace' ? { marketplace: true } : {}),
    taxjar: body,
  };
  return sale as SaleBody;
}

/** The TaxJar body kept with a version, when it was recorded through /v2. */
export function keptBody(request: unknown): Record<string, unknown> {
  if (typeof request === 'object' && request !== null && 'taxjar' in request) {
    const kept = (request as { taxjar: unknown }).taxjar;
    if (typeof kept === 'object' && kept !== null) return kept as Record<string, unknown>;
  }
  return {};
}

/**
 * An order or refund as TaxJar shows it. Money is decimal text, negative
 * for refunds (TaxJar signs refunds itself).
 */
export function transactionObject(row: TransactionRow, result: CalculateResponse, kept: Record<string, unknown>, content: CompiledContent): Record<string, unknown> {
  const currency = result.currency;
  const sign = row.type === 'refund' ? -1 : 1;
  const money = (n: number) => toDecimalText(sign * Math.abs(n), currency);
  const shipping = result.lines.filter((l) => l.id === SHIPPING_LINE).reduce((s, l) => s + l.amount, 0);
  const keptLines = new Map(((kept.line_items as TaxjarLine[] | undefined) ?? []).map((l, i) => [l.id === undefined ? String(i + 1) : String(l.id), l]));
  const a = result.address;
  const str = (key: string) => (typeof kept[key] === 'string' ? (kept[key] as string) : null);
  return {
    transaction_id: row.id,
    user_id: USER_ID,
    transaction_date: `${row.date}T00:00:00.000Z`,
    ...(row.type === 'refund' ? { transaction_reference_id: row.originalId } : {}),
    provider: str('provider') ?? 'api',
    exemption_type: str('exemption_type'),
    from_country: str('from_country'),
    from_zip: str('from_zip'),
    from_state: str('from_state'),
    from_city: str('from_city'),
    from_street: str('from_street'),
    to_country: a.country,
    to_zip: a.postalCode ?? str('to_zip'),
    to_state: a.region ?? str('to_state'),
    to_city: str('to_city') ?? a.city ?? null,
    to_street: str('to_street'),
    amount: money(result.subtotal - result.discount),
    shipping: money(shipping),
    sales_tax: money(result.tax),
    line_items: result.lines
      .filter((l) => l.id !== SHIPPING_LINE)
      .map((l) => {
        const sent = keptLines.get(l.id);
        const quantity = sent?.quantity === undefined ? 1 : Number(sent.quantity);
        return {
          id: l.id,
          quantity,
          product_identifier: sent?.product_identifier ?? (content.categories.has(l.productId) ? null : l.productId),
          product_tax_code: sent?.product_tax_code ?? taxCodeOf(l.taxCategory, content),
          description: sent?.description ?? null,
          unit_price: sent?.unit_price !== undefined ? String(sent.unit_price).replace(/^-/, '') : toDecimalText(Math.abs(l.amount + l.discount), currency),
          discount: sent?.discount !== undefined ? String(sent.discount).replace(/^-/, '') : toDecimalText(l.discount, currency),
          sales_tax: money(l.tax),
        };
      }),
  };
}

/** What TaxJar answers for a deleted order or refund: its ids, everything else null. */
export function deletedObject(id: string, type: 'order' | 'refund', provider: string): Record<string, unknown> {
  const nulls = ['transaction_date', 'exemption_type', 'from_country', 'from_zip', 'from_state', 'from_city', 'from_street', 'to_country', 'to_zip', 'to_state', 'to_city', 'to_street', 'amount', 'shipping', 'sales_tax'];
  return {
    transaction_id: id,
    user_id: USER_ID,
    ...(type === 'refund' ? { transaction_reference_id: null } : {}),
    provider,
    ...Object.fromEntries(nulls.map((k) => [k, null])),
    line_items: [],
  };
}
