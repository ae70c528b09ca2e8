/**
 * What a seller configures: settings, products (with external ids),
 * customers, registrations; and the seller context the engine reads, built
 * from them. Every change to what the engine reads bumps the seller's
 * configuration version in the same transaction, so cached contexts in any
 * process notice.
 */
import { and, asc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import { TaxError } from '../errors/tax-error.js';
import { accountingDate } from '../ledger/accounting-date.js';
import { groupBy } from '../util/group.js';
import type { SellerContext } from '../engine/schemas.js';
import { announceChange } from './changes.js';
import { containing } from './like.js';
import type { Db } from './open.js';
import { certificates, customers, productExternalIds, products, registrations, sellers, type SellerSettings } from './schema.js';
import { DEFAULT_SETTINGS } from './sellers.repository.js';

export async function bumpConfig(db: Db, sellerId: string): Promise<void> {
  await db.update(sellers).set({ configVersion: sql`${sellers.configVersion} + 1` }).where(eq(sellers.id, sellerId));
  await announceChange(db, sellerId);
}

export async function getSettings(db: Db, sellerId: string): Promise<SellerSettings> {
  const [row] = await db.select({ settings: sellers.settings }).from(sellers).where(eq(sellers.id, sellerId));
  return { ...DEFAULT_SETTINGS, ...(row?.settings ?? {}) };
}

/** Today in the seller's accounting time zone. */
export async function sellerToday(db: Db, sellerId: string): Promise<string> {
  return accountingDate(new Date().toISOString(), (await getSettings(db, sellerId)).accountingTimeZone);
}

export async function updateSettings(db: Db, sellerId: string, patch: Partial<SellerSettings>): Promise<SellerSettings> {
  return db.transaction(async (tx) => {
    const settings = { ...(await getSettings(tx, sellerId)), ...patch };
    await tx.update(sellers).set({ settings }).where(eq(sellers.id, sellerId));
    await bumpConfig(tx, sellerId);
    return settings;
  });
}

export interface ProductInput {
  name?: string | null | undefined;
  taxCategory: string;
  externalIds?: string[] | undefined;
}

export interface ProductView {
  id: string;
  name: string | null;
  taxCategory: string;
  externalIds: string[];
  createdAt: string;
  updatedAt: string;
}

export async function putProduct(db: Db, sellerId: string, id: string, input: ProductInput): Promise<ProductView> {
  return db.transaction(async (tx) => {
    await tx
      .insert(products)
      .values({ sellerId, id, name: input.name ?? null, taxCategory: input.taxCategory })
      .onConflictDoUpdate({ target: [products.sellerId, products.id], set: { name: input.name ?? null, taxCategory: input.taxCategory, updatedAt: sql`now()` } });
    await tx.delete(productExternalIds).where(and(eq(productExternalIds.sellerId, sellerId), eq(productExternalIds.productId, id)));
    const externalIds = [...new Set(input.externalIds ?? [])];
    if (externalIds.length > 0) {
      const taken = await tx
        .select({ externalId: productExternalIds.externalId, productId: productExternalIds.productId })
        .from(productExternalIds)
        .where(and(eq(productExternalIds.sellerId, sellerId), inArray(productExternalIds.externalId, externalIds)));
      if (taken[0]) {
        throw new TaxError('external_id_taken', `external id ${taken[0].externalId} already maps to product ${taken[0].productId}`, `externalIds.${externalIds.indexOf(taken[0].externalId)}`);
      }
      await tx.insert(productExternalIds).values(externalIds.map((externalId) => ({ sellerId, externalId, productId: id })));
    }
    await bumpConfig(tx, sellerId);
    return (await getProduct(tx, sellerId, id))!;
  });
}

export async function getProduct(db: Db, sellerId: string, id: string): Promise<ProductView | undefined> {
  const [row] = await db.select().from(products).where(and(eq(products.sellerId, sellerId), eq(products.id, id)));
  if (!row) return undefined;
  const external = await db
    .select({ externalId: productExternalIds.externalId })
    .from(productExternalIds)
    .where(and(eq(productExternalIds.sellerId, sellerId), eq(productExternalIds.productId, id)))
    .orderBy(asc(productExternalIds.externalId));
  return productView(row, external.map((e) => e.externalId));
}

/** Products in id order, after `cursor` (the last id of the previous page). */
export async function listProducts(db: Db, sellerId: string, limit: number, cursor?: string): Promise<ProductView[]> {
  const rows = await db
    .select()
    .from(products)
    .where(and(eq(products.sellerId, sellerId), cursor ? gt(products.id, cursor) : undefined))
    .orderBy(asc(products.id))
    .limit(limit);
  if (rows.length === 0) return [];
  const external = await db
    .select()
    .from(productExternalIds)
    .where(and(eq(productExternalIds.sellerId, sellerId), inArray(productExternalIds.productId, rows.map((r) => r.id))))
    .orderBy(asc(productExternalIds.externalId));
  return rows.map((r) => productView(r, external.filter((e) => e.productId === r.id).map((e) => e.externalId)));
}

/**
 * Sets one tax category on several products in one transaction: all or none,
 * so a batch that names a missing product changes nothing.
 */
export async function assignTaxCategory(db: Db, sellerId: string, ids: string[], taxCategory: string): Promise<ProductView[]> {
  const unique = [...new Set(ids)];
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(products)
      .set({ taxCategory, updatedAt: sql`now()` })
      .where(and(eq(products.sellerId, sellerId), inArray(products.id, unique)))
      .returning({ id: products.id });
    const found = new Set(updated.map((r) => r.id));
    const missing = ids.findIndex((id) => !found.has(id));
    if (missing !== -1) throw new TaxError('resource_not_found', `no product ${ids[missing]}`, `ids.${missing}`);
    await bumpConfig(tx, sellerId);
    const views: ProductView[] = [];
    for (const id of unique) views.push((await getProduct(tx, sellerId, id))!);
    return views;
  });
}

export async function deleteProduct(db: Db, sellerId: string, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx.delete(products).where(and(eq(products.sellerId, sellerId), eq(products.id, id))).returning({ id: products.id });
    if (deleted.length > 0) await bumpConfig(tx, sellerId);
    return deleted.length > 0;
  });
}

function productView(row: typeof products.$inferSelect, externalIds: string[]): ProductView {
  return { id: row.id, name: row.name, taxCategory: row.taxCategory, externalIds, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

export interface CustomerInput {
  name?: string | null | undefined;
  email?: string | null | undefined;
  type?: 'business' | 'individual' | undefined;
  address?: Record<string, string> | null | undefined;
  taxIds?: Array<{ type: string; value: string }> | undefined;
  exempt?: boolean | undefined;
}

export async function putCustomer(db: Db, sellerId: string, id: string, input: CustomerInput) {
  const values = {
    name: input.name ?? null,
    email: input.email ?? null,
    type: input.type ?? 'business',
    address: input.address ?? null,
    taxIds: input.taxIds ?? [],
    exempt: input.exempt ?? false,
  };
  return db.transaction(async (tx) => {
    await tx
      .insert(customers)
      .values({ sellerId, id, ...values })
      .onConflictDoUpdate({ target: [customers.sellerId, customers.id], set: { ...values, updatedAt: sql`now()` } });
    await announceChange(tx, sellerId);
    return (await getCustomer(tx, sellerId, id))!;
  });
}

export async function getCustomer(db: Db, sellerId: string, id: string) {
  const [row] = await db.select().from(customers).where(and(eq(customers.sellerId, sellerId), eq(customers.id, id)));
  return row ? customerView(row) : undefined;
}

/** The seller's customers by id, optionally those whose id, name or email holds `q`. */
export async function listCustomers(db: Db, sellerId: string, filter: { q?: string | undefined }, limit: number, after?: string) {
  const pattern = filter.q ? containing(filter.q) : undefined;
  const rows = await db
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.sellerId, sellerId),
        pattern ? or(ilike(customers.id, pattern), ilike(customers.name, pattern), ilike(customers.email, pattern)) : undefined,
        after ? gt(customers.id, after) : undefined,
      ),
    )
    .orderBy(asc(customers.id))
    .limit(limit);
  return rows.map(customerView);
}

function customerView(row: typeof customers.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    type: row.type,
    address: row.address,
    taxIds: row.taxIds,
    exempt: row.exempt,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface RegistrationInput {
  effectiveDate: string;
  registrationNumber?: string | null | undefined;
  filingFrequency?: 'monthly' | 'quarterly' | 'annual' | null | undefined;
}

export async function putRegistration(db: Db, sellerId: string, jurisdictionId: string, input: RegistrationInput) {
  return db.transaction(async (tx) => {
    const values = { effectiveDate: input.effectiveDate, registrationNumber: input.registrationNumber ?? null, filingFrequency: input.filingFrequency ?? null };
    await tx
      .insert(registrations)
      .values({ sellerId, jurisdictionId, ...values })
      .onConflictDoUpdate({ target: [registrations.sellerId, registrations.jurisdictionId], set: { ...values, updatedAt: sql`now()` } });
    await bumpConfig(tx, sellerId);
    const [row] = await tx.select().from(registrations).where(and(eq(registrations.sellerId, sellerId), eq(registrations.jurisdictionId, jurisdictionId)));
    return registrationView(row!);
  });
}

export async function listRegistrations(db: Db, sellerId: string) {
  const rows = await db.select().from(registrations).where(eq(registrations.sellerId, sellerId)).orderBy(asc(registrations.jurisdictionId));
  return rows.map(registrationView);
}

export async function deleteRegistration(db: Db, sellerId: string, jurisdictionId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(registrations)
      .where(and(eq(registrations.sellerId, sellerId), eq(registrations.jurisdictionId, jurisdictionId)))
      .returning({ id: registrations.jurisdictionId });
    if (deleted.length > 0) await bumpConfig(tx, sellerId);
    return deleted.length > 0;
  });
}

function registrationView(row: typeof registrations.$inferSelect) {
  return {
    jurisdictionId: row.jurisdictionId,
    effectiveDate: row.effectiveDate,
    registrationNumber: row.registrationNumber,
    filingFrequency: row.filingFrequency,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the engine needs of a seller for every invoice: settings, products, registrations. */
export async function loadSellerContext(db: Db, sellerId: string): Promise<{ context: SellerContext; settings: SellerSettings }> {
  const [settings, productRows, externalRows, registrationRows] = await Promise.all([
    getSettings(db, sellerId),
    db.select({ id: products.id, taxCategory: products.taxCategory }).from(products).where(eq(products.sellerId, sellerId)),
    db.select({ productId: productExternalIds.productId, externalId: productExternalIds.externalId }).from(productExternalIds).where(eq(productExternalIds.sellerId, sellerId)),
    db.select().from(registrations).where(eq(registrations.sellerId, sellerId)),
  ]);
  const external = groupBy(externalRows, (e) => e.productId);
  const context: SellerContext = {
    settings: { unknownProduct: settings.unknownProduct, defaultProductId: settings.defaultProductId, addressValidation: settings.addressValidation },
    products: productRows.map((p) => ({ id: p.id, taxCategory: p.taxCategory, externalIds: (external.get(p.id) ?? []).map((e) => e.externalId) })),
    registrations: registrationRows.map((r) => ({ jurisdictionId: r.jurisdictionId, effectiveDate: r.effectiveDate })),
  };
  return { context, settings };
}

/** The one customer an invoice is for, and that customer's certificates. */
export async function loadCustomerContext(db: Db, sellerId: string, customerId: string) {
  const [customerRows, certificateRows] = await Promise.all([
    db.select({ id: customers.id, type: customers.type, exempt: customers.exempt }).from(customers).where(and(eq(customers.sellerId, sellerId), eq(customers.id, customerId))),
    db.select().from(certificates).where(and(eq(certificates.sellerId, sellerId), eq(certificates.customerId, customerId))),
  ]);
  return {
    customers: customerRows,
    certificates: certificateRows.map((c) => ({
      id: c.id,
      customerId: c.customerId,
      jurisdictions: c.jurisdictions,
      reason: c.reason,
      effectiveDate: c.effectiveDate,
      expirationDate: c.expirationDate,
      archived: c.archived,
      status: c.status,
    })),
  };
}
