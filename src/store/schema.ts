/**
 * The database schema. Every tenant table leads its primary key and its
 * indexes with `seller_id`, so a deployment can distribute the tables by
 * seller (Citus) without a schema change. Money is bigint minor units; dates
 * of sales are `date`; instants are `timestamptz`.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const money = (name: string) => bigint(name, { mode: 'number' }).notNull();

export interface SellerSettings {
  accountingTimeZone: string;
  defaultProductId: string | null;
  unknownProduct: 'error' | 'default';
  addressValidation: 'strict' | 'lenient';
}

export const sellers = pgTable('sellers', {
  id: text('id').primaryKey(),
  name: text('name'),
  settings: jsonb('settings').$type<SellerSettings>().notNull(),
  /** Bumped by every change to what the engine reads (settings, products, registrations). */
  configVersion: bigint('config_version', { mode: 'number' }).notNull().default(1),
  createdAt: createdAt(),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    keyId: text('key_id').notNull(),
    name: text('name'),
    /** scrypt of the secret: `scrypt$N$r$p$<salt b64>$<hash b64>`. */
    hash: text('hash').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.keyId] })],
);

export const products = pgTable(
  'products',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    id: text('id').notNull(),
    name: text('name'),
    taxCategory: text('tax_category').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.id] })],
);

export const productExternalIds = pgTable(
  'product_external_ids',
  {
    sellerId: text('seller_id').notNull(),
    externalId: text('external_id').notNull(),
    productId: text('product_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sellerId, t.externalId] }),
    index('product_external_ids_product').on(t.sellerId, t.productId),
    foreignKey({ columns: [t.sellerId, t.productId], foreignColumns: [products.sellerId, products.id] }).onDelete('cascade'),
  ],
);

export const customers = pgTable(
  'customers',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    id: text('id').notNull(),
    name: text('name'),
    email: text('email'),
    type: text('type').$type<'business' | 'individual'>().notNull().default('business'),
    address: jsonb('address').$type<Record<string, string>>(),
    taxIds: jsonb('tax_ids').$type<Array<{ type: string; value: string }>>().notNull().default([]),
    exempt: boolean('exempt').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.id] })],
);

export const registrations = pgTable(
  'registrations',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    jurisdictionId: text('jurisdiction_id').notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    registrationNumber: text('registration_number'),
    filingFrequency: text('filing_frequency').$type<'monthly' | 'quarterly' | 'annual'>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.jurisdictionId] })],
);

export const certificates = pgTable(
  'certificates',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    id: text('id').notNull(),
    customerId: text('customer_id').notNull(),
    jurisdictions: jsonb('jurisdictions').$type<string[]>().notNull(),
    reason: text('reason').notNull(),
    number: text('number'),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    expirationDate: date('expiration_date', { mode: 'string' }),
    archived: boolean('archived').notNull().default(false),
    status: text('status').$type<'active' | 'pending_review' | 'rejected'>().notNull().default('active'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.id] }), index('certificates_customer').on(t.sellerId, t.customerId)],
);

export type TransactionStatus = 'uncommitted' | 'committed' | 'voided';

export const transactions = pgTable(
  'transactions',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    id: text('id').notNull(),
    type: text('type').$type<'sale' | 'refund'>().notNull(),
    /** A refund's original sale. */
    originalId: text('original_id'),
    status: text('status').$type<TransactionStatus>().notNull(),
    version: integer('version').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    customerId: text('customer_id'),
    subtotal: money('subtotal'),
    tax: money('tax'),
    total: money('total'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    committedAt: timestamp('committed_at', { withTimezone: true, mode: 'date' }),
    voidedAt: timestamp('voided_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.sellerId, t.id] }),
    index('transactions_date').on(t.sellerId, t.date, t.id),
    index('transactions_customer').on(t.sellerId, t.customerId, t.date),
    index('transactions_original').on(t.sellerId, t.originalId).where(sql`${t.originalId} is not null`),
  ],
);

/** Every version of a transaction: the request as received and the answer it got. Never updated. */
export const transactionVersions = pgTable(
  'transaction_versions',
  {
    sellerId: text('seller_id').notNull(),
    transactionId: text('transaction_id').notNull(),
    version: integer('version').notNull(),
    request: jsonb('request').notNull(),
    result: jsonb('result').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.sellerId, t.transactionId, t.version] }),
    foreignKey({ columns: [t.sellerId, t.transactionId], foreignColumns: [transactions.sellerId, transactions.id] }),
  ],
);

/** Stored answers to POSTs made with an Idempotency-Key. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.key] })],
);
