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
  uniqueIndex,
  customType,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const money = (name: string) => bigint(name, { mode: 'number' }).notNull();

export interface SellerSettings {
  accountingTimeZone: string;
  defaultProductId: string | null;
  unknownProduct: 'error' | 'default';
  addressValidation: 'strict' | 'lenient';
  /** How many years back nexus exposure is counted (1 to 5). */
  nexusLookbackYears: number;
  /** Set when the seller marks its historical backfill complete. */
  backfillCompletedAt: string | null;
  /** Account codes of the GL export (src/gl/accounts.ts); the defaults there when absent or null. */
  glAccounts?: GlAccounts | null;
}

export interface GlAccounts {
  /** Credited with tax collected, debited with tax refunded, where no jurisdiction has an account of its own. */
  taxPayable: string;
  /** The other side of every entry: accounts receivable, or a sales-tax clearing account. */
  clearing: string;
  /** Tax-payable accounts by jurisdiction id; an id also maps the jurisdictions under it (US-TX maps US-TX-CITY-AUSTIN). */
  byJurisdiction: Record<string, string>;
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
    /** When a request last came with the key, to within an hour (recorded at most hourly, off the request's path). */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
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
    /** Why the seller rejected a submitted certificate. */
    rejectionReason: text('rejection_reason'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    /** The request the customer submitted it through, if any. */
    requestId: text('request_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.id] }), index('certificates_customer').on(t.sellerId, t.customerId)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** A certificate's document (PDF, PNG or JPEG), with the hash that proves it unchanged. */
export const certificateFiles = pgTable(
  'certificate_files',
  {
    sellerId: text('seller_id').notNull(),
    certificateId: text('certificate_id').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.sellerId, t.certificateId] }),
    foreignKey({ columns: [t.sellerId, t.certificateId], foreignColumns: [certificates.sellerId, certificates.id] }),
  ],
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
    /** `api`, or `import` for history backfilled from a CSV. */
    source: text('source').$type<'api' | 'import'>().notNull().default('api'),
    /** A marketplace facilitator collected the tax (imported history). */
    marketplace: boolean('marketplace').notNull().default(false),
    /** The tax the seller actually collected, where it differs from Levy's figure (imported history). */
    taxCollected: bigint('tax_collected', { mode: 'number' }),
    // What the sale adds to the nexus figures of the US state it went to (see src/nexus/facts.ts).
    // Kept on the row so a void takes back exactly what the commit added.
    nexusJurisdictionId: text('nexus_jurisdiction_id'),
    nexusGross: bigint('nexus_gross', { mode: 'number' }),
    nexusRetail: bigint('nexus_retail', { mode: 'number' }),
    nexusTaxable: bigint('nexus_taxable', { mode: 'number' }),
    nexusEstimatedTax: bigint('nexus_estimated_tax', { mode: 'number' }),
    nexusCollectedTax: bigint('nexus_collected_tax', { mode: 'number' }),
    /** A sale recorded in the open period to correct one in a filed period, which a negation (a refund) cancels. */
    correctionOf: text('correction_of'),
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

/**
 * Each seller's committed sales per US state, day and channel (direct or
 * through a marketplace), kept current in the same database transaction as
 * every commit, void and refund. Nexus answers read these, never the ledger.
 * Daily rather than monthly so the day a threshold was crossed is exact.
 */
export const salesByDay = pgTable(
  'sales_by_day',
  {
    sellerId: text('seller_id').notNull(),
    jurisdictionId: text('jurisdiction_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    marketplace: boolean('marketplace').notNull(),
    gross: money('gross'),
    retail: money('retail'),
    taxable: money('taxable'),
    transactions: integer('transactions').notNull(),
    estimatedTax: money('estimated_tax'),
    collectedTax: money('collected_tax'),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.jurisdictionId, t.day, t.marketplace] })],
);

/** Offices, warehouses and other places of business: physical nexus from `effective_date`. */
export const physicalNexus = pgTable(
  'physical_nexus',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    jurisdictionId: text('jurisdiction_id').notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.jurisdictionId] })],
);

/** People: each gives physical nexus where they work, from their start date to their end date. */
export const employees = pgTable(
  'employees',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    id: text('id').notNull(),
    name: text('name'),
    region: text('region').notNull(),
    country: text('country').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.id] }), index('employees_place').on(t.sellerId, t.country, t.region)],
);

export type AlertKind = 'threshold_approaching' | 'threshold_crossed' | 'physical_presence';
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** Alerts, raised once each (`key` is unique per seller), with their delivery by email and webhook. */
export const alerts = pgTable(
  'alerts',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    id: text('id').notNull(),
    key: text('key').notNull(),
    kind: text('kind').$type<AlertKind>().notNull(),
    jurisdictionId: text('jurisdiction_id').notNull(),
    message: text('message').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    emailStatus: text('email_status').$type<DeliveryStatus>().notNull(),
    webhookStatus: text('webhook_status').$type<DeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
  },
  (t) => [
    primaryKey({ columns: [t.sellerId, t.id] }),
    uniqueIndex('alerts_key').on(t.sellerId, t.key),
    index('alerts_created').on(t.sellerId, t.createdAt),
    index('alerts_pending').on(t.nextAttemptAt).where(sql`${t.nextAttemptAt} is not null`),
  ],
);

/** Where a seller's alerts go. Secrets stay here; the API never shows them again. */
export const alertChannels = pgTable('alert_channels', {
  sellerId: text('seller_id').primaryKey().references(() => sellers.id),
  email: jsonb('email').$type<{ to: string[]; from: string; smtp: { host: string; port: number; secure: boolean; username?: string; password?: string } }>(),
  webhook: jsonb('webhook').$type<{ url: string; secret: string }>(),
  updatedAt: updatedAt(),
});

export type ImportKind = 'transactions' | 'employees';
export type ImportStatus = 'validating' | 'invalid' | 'validated' | 'committing' | 'committed' | 'completed' | 'failed';

/** A CSV upload: validated as it streams in, then committed in resumable batches. */
export const imports = pgTable(
  'imports',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    id: text('id').notNull(),
    kind: text('kind').$type<ImportKind>().notNull(),
    status: text('status').$type<ImportStatus>().notNull(),
    /** SHA-256 of the uploaded bytes: the CLI resumes an unfinished import of the same file. */
    fileHash: text('file_hash').notNull(),
    fileName: text('file_name'),
    rows: integer('rows').notNull().default(0),
    invalidRows: integer('invalid_rows').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    /** Transactions (or employees) in the file, those already in the ledger, and those the commit has dealt with. */
    items: integer('items').notNull().default(0),
    existing: integer('existing').notNull().default(0),
    done: integer('done').notNull().default(0),
    written: integer('written').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    /** The commit's position: the last (rank, transaction id) written. */
    cursorRank: integer('cursor_rank'),
    cursorId: text('cursor_id'),
    /** Who is committing it, and until when that claim holds without renewal. */
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    commitStartedAt: timestamp('commit_started_at', { withTimezone: true, mode: 'date' }),
    committedAt: timestamp('committed_at', { withTimezone: true, mode: 'date' }),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.id] }), index('imports_file').on(t.sellerId, t.fileHash), index('imports_status').on(t.status)],
);

/** The valid rows of an import, parsed, in commit order: sales (rank 0) before refunds (rank 1). */
export const importRows = pgTable(
  'import_rows',
  {
    sellerId: text('seller_id').notNull(),
    importId: text('import_id').notNull(),
    rank: integer('rank').notNull(),
    itemId: text('item_id').notNull(),
    row: integer('row').notNull(),
    fingerprint: text('fingerprint').notNull(),
    data: jsonb('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.importId, t.rank, t.itemId, t.row] })],
);

/** Every problem found in an import, by row and column; `phase` says whether validation or the commit found it. */
export const importErrors = pgTable(
  'import_errors',
  {
    sellerId: text('seller_id').notNull(),
    importId: text('import_id').notNull(),
    seq: integer('seq').notNull(),
    row: integer('row').notNull(),
    column: text('column'),
    code: text('code').notNull(),
    message: text('message').notNull(),
    phase: text('phase').$type<'validation' | 'commit'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.importId, t.seq] }), index('import_errors_row').on(t.sellerId, t.importId, t.row)],
);

/** Product ids an import uses that the seller's catalog does not know, and what each is assigned to. */
export const importProducts = pgTable(
  'import_products',
  {
    sellerId: text('seller_id').notNull(),
    importId: text('import_id').notNull(),
    productId: text('product_id').notNull(),
    rows: integer('rows').notNull(),
    assignedProductId: text('assigned_product_id'),
    assignedTaxCategory: text('assigned_tax_category'),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.importId, t.productId] })],
);

/**
 * Returns as filed: the figures as they read on filing, kept verbatim, so a
 * filed return reads the same forever; its period is closed to changes.
 */
export const filedReturns = pgTable(
  'filed_returns',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    jurisdictionId: text('jurisdiction_id').notNull(),
    period: text('period').notNull(),
    start: date('start', { mode: 'string' }).notNull(),
    end: date('end', { mode: 'string' }).notNull(),
    filedAt: text('filed_at').notNull(),
    confirmation: text('confirmation'),
    report: jsonb('report').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.jurisdictionId, t.period] }), index('filed_returns_dates').on(t.sellerId, t.jurisdictionId, t.start, t.end)],
);

/**
 * Requests to customers for a certificate. The link's token is kept only as
 * its SHA-256: a leaked database does not leak working links. Single use:
 * `used_at` is set by the submission.
 */
export const certificateRequests = pgTable(
  'certificate_requests',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    id: text('id').notNull(),
    customerId: text('customer_id').notNull(),
    /** The certificate being renewed, for a request made from one. */
    certificateId: text('certificate_id'),
    email: text('email').notNull(),
    /** The jurisdictions asked for (the form starts with them). */
    jurisdictions: jsonb('jurisdictions').$type<string[]>(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
    /** The pending certificate the customer's submission created. */
    submittedCertificateId: text('submitted_certificate_id'),
    emailStatus: text('email_status').$type<DeliveryStatus>().notNull(),
    lastError: text('last_error'),
    /** The seller's email asking them to review the submission. */
    reviewEmailStatus: text('review_email_status').$type<DeliveryStatus>(),
    reviewLastError: text('review_last_error'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.id] }), uniqueIndex('certificate_requests_token').on(t.tokenHash), index('certificate_requests_customer').on(t.sellerId, t.customerId)],
);

/** One reminder per certificate and expiration date: a customer is reminded once, not every day. */
export const certificateReminders = pgTable(
  'certificate_reminders',
  {
    sellerId: text('seller_id').notNull(),
    certificateId: text('certificate_id').notNull(),
    expirationDate: date('expiration_date', { mode: 'string' }).notNull(),
    email: text('email'),
    status: text('status').$type<DeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When the last attempt was claimed: a claim left pending by a process that died is taken again after a while. */
    attemptedAt: timestamp('attempted_at', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.certificateId, t.expirationDate] })],
);

/** The seller's daily digest of expiring certificates and the reminders sent: one per seller and day. */
export const certificateDigests = pgTable(
  'certificate_digests',
  {
    sellerId: text('seller_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    status: text('status').$type<DeliveryStatus>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** When the last attempt was claimed: a claim left pending by a process that died is taken again after a while. */
    attemptedAt: timestamp('attempted_at', { withTimezone: true, mode: 'date' }),
    lastError: text('last_error'),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.day] })],
);

export type ReprocessingStatus = 'queued' | 'running' | 'completed' | 'failed';

/** A certificate's reprocessing of its customer's committed transactions, run in the background. */
export const reprocessings = pgTable(
  'reprocessings',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    id: text('id').notNull(),
    certificateId: text('certificate_id').notNull(),
    customerId: text('customer_id').notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    preferCustomerAddress: boolean('prefer_customer_address').notNull(),
    status: text('status').$type<ReprocessingStatus>().notNull(),
    /** What the dry run answered when the run was asked for. */
    impact: jsonb('impact').$type<Record<string, unknown>>().notNull(),
    /** What the run did, transaction by transaction. */
    outcome: jsonb('outcome').$type<Record<string, unknown>>(),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    error: text('error'),
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.id] }), index('reprocessings_status').on(t.status)],
);

export type AttentionStatus = 'open' | 'reposted' | 'dismissed';

/** Where a held sale came from, recorded with it when it is reposted. */
export interface HeldProvenance {
  source: 'import';
  /** The tax the seller actually collected, as the file says. */
  taxCollected: number;
}

/**
 * Transactions Levy could not take from an import or a connector, kept
 * whole with the error, until the seller fixes the cause and reposts them.
 */
export const attentionItems = pgTable(
  'attention_items',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    id: text('id').notNull(),
    source: text('source').$type<'import' | 'connector'>().notNull(),
    /** The import id, or the connector's name. */
    sourceId: text('source_id').notNull(),
    /** The transaction id it would have had. */
    reference: text('reference').notNull(),
    /** The transaction as the API would take it (POST /v1/transactions body), or a refund of one. */
    request: jsonb('request').$type<Record<string, unknown>>().notNull(),
    /** What the request cannot say but the ledger keeps: an import's tax actually collected. */
    provenance: jsonb('provenance').$type<HeldProvenance>(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    field: text('field'),
    status: text('status').$type<AttentionStatus>().notNull(),
    attempts: integer('attempts').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.sellerId, t.id] }),
    uniqueIndex('attention_items_reference').on(t.sellerId, t.source, t.sourceId, t.reference),
    index('attention_items_status').on(t.sellerId, t.status, t.createdAt),
  ],
);

export type ConnectorKind = 'stripe';

/** A seller's connection to a billing system: its webhook signing secret stays here; the API never shows it again. */
export const connectors = pgTable(
  'connectors',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    kind: text('kind').$type<ConnectorKind>().notNull(),
    secret: text('secret').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.kind] })],
);

export type ConnectorEventStatus = 'processed' | 'held' | 'ignored';

/** Every event a connector received, once: a redelivered event id is answered without being taken again. */
export const connectorEvents = pgTable(
  'connector_events',
  {
    sellerId: text('seller_id').notNull(),
    kind: text('kind').$type<ConnectorKind>().notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    status: text('status').$type<ConnectorEventStatus>().notNull(),
    /** The ledger transaction it wrote or changed, if any. */
    transactionId: text('transaction_id'),
    /** The needs-attention item that holds it, when it could not be taken. */
    attentionId: text('attention_id'),
    receivedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.kind, t.eventId] }), index('connector_events_received').on(t.sellerId, t.receivedAt)],
);

export type UserRole = 'admin' | 'member';

/**
 * People who sign in to the dashboard. An email is unique across the whole
 * deployment (case-insensitively) because a person signs in without naming a
 * seller; so this index, unlike the tenant tables', does not lead with seller_id.
 */
export const users = pgTable(
  'users',
  {
    sellerId: text('seller_id').notNull().references(() => sellers.id),
    id: text('id').notNull(),
    email: text('email').notNull(),
    /** scrypt of the password, as API key secrets are hashed (src/auth/keys.ts); null until the user sets one. */
    passwordHash: text('password_hash'),
    role: text('role').$type<UserRole>().notNull(),
    createdAt: createdAt(),
    passwordSetAt: timestamp('password_set_at', { withTimezone: true, mode: 'date' }),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [primaryKey({ columns: [t.sellerId, t.id] }), uniqueIndex('users_email').on(sql`lower(${t.email})`)],
);

/** Signed-in sessions, found by the SHA-256 of the cookie's token (the token itself is never stored). */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    sellerId: text('seller_id').notNull(),
    userId: text('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('sessions_user').on(t.sellerId, t.userId),
    foreignKey({ columns: [t.sellerId, t.userId], foreignColumns: [users.sellerId, users.id] }).onDelete('cascade'),
  ],
);

/** One-time set-password links, found by the SHA-256 of the link's token. */
export const passwordTokens = pgTable(
  'password_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    sellerId: text('seller_id').notNull(),
    userId: text('user_id').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('password_tokens_user').on(t.sellerId, t.userId),
    foreignKey({ columns: [t.sellerId, t.userId], foreignColumns: [users.sellerId, users.id] }).onDelete('cascade'),
  ],
);

/**
 * Failed sign-ins, one row per failure and per key it counts against
 * (`email:<address>`, `ip:<address>`), so every process sharing the database
 * sees the same counts.
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    key: text('key').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  // The second index serves the sweep of failures past every window.
  (t) => [index('login_attempts_key').on(t.key, t.attemptedAt), index('login_attempts_at').on(t.attemptedAt)],
);
