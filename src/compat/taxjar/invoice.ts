/**
 * A TaxJar order (a /v2/taxes request or a transaction) as the lines,
 * addresses and customer of a Levy invoice. Line items become lines whose
 * amount is unit_price × quantity − discount; `shipping` becomes a line of
 * Levy's `shipping` category, so each state's own rule on delivery charges
 * decides whether freight is taxed. A product_identifier that names a Levy
 * product (or one of its external ids) is that product; otherwise the
 * product_tax_code is looked up among the categories' TaxJar codes; no code
 * at all is general goods (TaxJar: fully taxable).
 */
import type { CompiledContent } from '../../content/compile.js';
import type { Address } from '../../engine/schemas.js';
import type { PreparedSeller } from '../../engine/seller.js';
import { TaxjarError } from './errors.js';
import { toMinorUnits } from './money.js';

export const SHIPPING_LINE = 'shipping';
const FULLY_TAXABLE = 'goods.general';

export interface TaxjarAddressFields {
  from_country?: string | undefined;
  from_zip?: string | undefined;
  from_state?: string | undefined;
  from_city?: string | undefined;
  from_street?: string | undefined;
  to_country?: string | undefined;
  to_zip?: string | undefined;
  to_state?: string | undefined;
  to_city?: string | undefined;
  to_street?: string | undefined;
}

export interface TaxjarLine {
  id?: string | number | undefined;
  quantity?: number | string | undefined;
  product_tax_code?: string | undefined;
  product_identifier?: string | undefined;
  description?: string | undefined;
  unit_price?: number | string | undefined;
  discount?: number | string | undefined;
}

export interface LevyLine {
  id: string;
  productId: string;
  amount: number;
  quantity?: number;
  description?: string;
}

/** The currency of a TaxJar order: the destination country's (TaxJar quotes in it), USD where the content names none. */
export function currencyOf(content: CompiledContent, country: string): string {
  return content.jurisdictions.get(country.toUpperCase())?.currency ?? 'USD';
}

export function destinationOf(body: TaxjarAddressFields): Address {
  const country = body.to_country?.toUpperCase();
  if (!country) throw new TaxjarError(400, 'to_country is required');
  if ((country === 'US') && !body.to_zip) throw new TaxjarError(400, 'to_zip is required when to_country is US');
  if ((country === 'US' || country === 'CA') && !body.to_state) throw new TaxjarError(400, `to_state is required when to_country is ${country}`);
  return addressOf(country, body.to_state, body.to_zip, body.to_city, body.to_street);
}

export function originOf(body: TaxjarAddressFields): Address | undefined {
  if (!body.from_country && !body.from_zip && !body.from_state) return undefined;
  return addressOf((body.from_country ?? 'US').toUpperCase(), body.from_state, body.from_zip, body.from_city, body.from_street);
}

function addressOf(country: string, state?: string, zip?: string, city?: string, street?: string): Address {
  return {
    country,
    ...(state ? { region: state.toUpperCase() } : {}),
    ...(zip ? { postalCode: zip } : {}),
    ...(city ? { city } : {}),
    ...(street ? { line1: street } : {}),
  };
}

/** The Levy product a TaxJar line names (see the module comment); an unknown tax code is TaxJar's 400. */
export function productOf(line: TaxjarLine, seller: PreparedSeller, content: CompiledContent): string {
  const identifier = line.product_identifier;
  if (identifier && (seller.productsById.has(identifier) || seller.productsByExternalId.has(identifier))) return identifier;
  const code = line.product_tax_code;
  if (code === undefined || code === '') return FULLY_TAXABLE;
  for (const category of content.categories.values()) if (category.taxjarCode !== '' && category.taxjarCode === code) return category.id;
  // Levy's own category ids and products are accepted too, for sellers who know them.
  if (content.categories.has(code) || seller.productsById.has(code) || seller.productsByExternalId.has(code)) return code;
  throw new TaxjarError(400, `line_items include invalid tax codes: ${code}`);
}

/** The TaxJar code Levy answers for a line's category: its taxjarCode, else the category id itself. */
export function taxCodeOf(category: string, content: CompiledContent): string | null {
  const entry = content.categories.get(category);
  if (!entry) return null;
  if (category === FULLY_TAXABLE) return null;
  return entry.taxjarCode !== '' ? entry.taxjarCode : category;
}

export function linesOf(items: readonly TaxjarLine[], currency: string, seller: PreparedSeller, content: CompiledContent): LevyLine[] {
  return items.map((item, index) => {
    const field = `line_items[${index}]`;
    const quantity = item.quantity === undefined ? 1 : Number(item.quantity);
    const unitPrice = item.unit_price === undefined ? 0 : toMinorUnits(item.unit_price, currency, `${field}.unit_price`);
    const discount = item.discount === undefined ? 0 : toMinorUnits(item.discount, currency, `${field}.discount`);
    if (unitPrice < 0) throw new TaxjarError(400, `${field}.unit_price must not be negative`);
    if (discount < 0) throw new TaxjarError(400, `${field}.discount must not be negative`);
    const gross = unitPrice * quantity;
    if (!Number.isSafeInteger(gross)) throw new TaxjarError(400, `${field}: unit_price × quantity is too large`);
    if (discount > gross) throw new TaxjarError(400, `${field}.discount is larger than unit_price × quantity`);
    const line: LevyLine = { id: item.id === undefined ? String(index + 1) : String(item.id), productId: productOf(item, seller, content), amount: gross - discount, quantity };
    if (item.description) line.description = item.description;
    return line;
  });
}

export function shippingLine(shipping: number): LevyLine {
  return { id: SHIPPING_LINE, productId: 'shipping', amount: shipping };
}
