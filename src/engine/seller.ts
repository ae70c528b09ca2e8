/**
 * The seller context, validated once and indexed for lookups: products by
 * id and external id, registrations and certificates by what they cover.
 * A context object passed again is not re-validated (a WeakMap remembers
 * it), so a server reusing one object per seller pays this once.
 */
import { TaxError } from '../errors/tax-error.js';
import { groupBy } from '../util/group.js';
import { zodToTaxError } from '../validation/zod-error.js';
import { sellerContext, type ParsedSeller, type SellerContext } from './schemas.js';

type Product = NonNullable<ParsedSeller['products']>[number];
type Registration = NonNullable<ParsedSeller['registrations']>[number];
type Certificate = NonNullable<ParsedSeller['certificates']>[number];
type Customer = NonNullable<ParsedSeller['customers']>[number];

const PREPARED = Symbol('levy.preparedSeller');

export interface PreparedSeller {
  readonly [PREPARED]: true;
  productsById: ReadonlyMap<string, Product>;
  productsByExternalId: ReadonlyMap<string, Product>;
  registrations: ReadonlyMap<string, readonly Registration[]>;
  customers: ReadonlyMap<string, Customer>;
  certificatesByCustomer: ReadonlyMap<string, readonly Certificate[]>;
  unknownProduct: 'error' | 'default';
  defaultProductId: string | null;
  strictAddresses: boolean;
}

const prepared = new WeakMap<object, PreparedSeller>();

export function isPrepared(seller: unknown): seller is PreparedSeller {
  return typeof seller === 'object' && seller !== null && PREPARED in seller;
}

export function prepareSeller(seller: SellerContext | PreparedSeller | undefined): PreparedSeller {
  if (isPrepared(seller)) return seller;
  const key = seller ?? EMPTY;
  const cached = prepared.get(key);
  if (cached) return cached;
  const result = sellerContext.safeParse(key);
  if (!result.success) throw zodToTaxError(result.error, 'seller', 'seller_invalid');
  const s = result.data;
  const products = s.products ?? [];
  const productsById = new Map(products.map((p) => [p.id, p]));
  const productsByExternalId = new Map<string, Product>();
  for (const p of products) {
    for (const external of p.externalIds ?? []) {
      const other = productsByExternalId.get(external);
      if (other && other.id !== p.id) {
        throw new TaxError('seller_invalid', `external id ${external} is mapped to both ${other.id} and ${p.id}`, 'seller.products');
      }
      productsByExternalId.set(external, p);
    }
  }
  const value: PreparedSeller = {
    [PREPARED]: true,
    productsById,
    productsByExternalId,
    registrations: groupBy(s.registrations ?? [], (r) => r.jurisdictionId),
    customers: new Map((s.customers ?? []).map((c) => [c.id, c])),
    certificatesByCustomer: groupBy(s.certificates ?? [], (c) => c.customerId),
    unknownProduct: s.settings?.unknownProduct ?? 'error',
    defaultProductId: s.settings?.defaultProductId ?? null,
    strictAddresses: (s.settings?.addressValidation ?? 'strict') === 'strict',
  };
  prepared.set(key, value);
  return value;
}

const EMPTY: SellerContext = {};

/**
 * The same seller with the customers and certificates of one invoice: a
 * server prepares a seller's products, registrations and settings once and
 * adds per request only the customer it is about.
 */
export function withCustomers(
  prepared: PreparedSeller,
  customers: NonNullable<SellerContext['customers']>,
  certificates: NonNullable<SellerContext['certificates']>,
): PreparedSeller {
  const parsed = customerPart.safeParse({ customers, certificates });
  if (!parsed.success) throw zodToTaxError(parsed.error, 'seller', 'seller_invalid');
  return {
    ...prepared,
    customers: new Map(parsed.data.customers.map((c) => [c.id, c])),
    certificatesByCustomer: groupBy(parsed.data.certificates, (c) => c.customerId),
  };
}

const customerPart = sellerContext.pick({ customers: true, certificates: true }).required();

/** Registered for `jurisdictionId` on `date` (from the effective date, until an end date if any). */
export function isRegistered(seller: PreparedSeller, jurisdictionId: string, date: string): boolean {
  const list = seller.registrations.get(jurisdictionId);
  return list !== undefined && list.some((r) => r.effectiveDate <= date && (r.endDate === undefined || date <= r.endDate));
}

