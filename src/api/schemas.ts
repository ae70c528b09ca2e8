/**
 * The API's bodies and answers, built on the engine's schemas: one
 * definition validates requests, types the handlers and writes the OpenAPI
 * document.
 */
import { z } from 'zod';
import { address, buyerType, calculateRequest, calculateResponse, isoDate, taxId } from '../engine/schemas.js';
import { glAccounts, glAccountsPatch } from './gl-schemas.js';

const instant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant with an offset, such as 2026-11-15T18:30:00Z' });

/** A transaction or refund id chosen by the seller: any text without control characters. */
export const objectId = z.string().min(1).max(255).regex(/^[^\u0000-\u001f\u007f]+$/, { error: 'must be 1-255 printable characters' });

/** The calculate request, where `timestamp` may stand in for `date` (the date is then taken in the seller's time zone). */
export const calculateBody = calculateRequest.omit({ date: true }).extend({
  date: isoDate.optional(),
  timestamp: instant.optional(),
});

export const transactionBody = calculateBody.extend({
  /** The seller's own id for the invoice. */
  id: objectId,
  commit: z.boolean().optional(),
  /** A marketplace facilitator collected the tax: the sale counts toward thresholds where the state counts such sales, never toward exposure. */
  marketplace: z.boolean().optional(),
});

export const transactionStatus = z.enum(['uncommitted', 'committed', 'voided']);

export const transactionAnswer = calculateResponse.extend({
  id: z.string(),
  type: z.enum(['sale', 'refund']),
  originalId: z.string().nullable(),
  status: transactionStatus,
  version: z.number().int(),
  /** `api`, or `import` for backfilled history. */
  source: z.enum(['api', 'import']),
  /** A marketplace facilitator collected the tax (backfilled history). */
  marketplace: z.boolean(),
  /** The tax the seller actually collected, beside Levy's own `tax` (backfilled history; null otherwise). */
  taxCollected: z.number().int().nullable(),
});

export const transactionDetail = transactionAnswer.extend({
  createdAt: z.string(),
  updatedAt: z.string(),
  committedAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  versions: z.array(z.object({ version: z.number().int(), createdAt: z.string() })),
  refunds: z.array(z.object({ id: z.string(), status: transactionStatus, date: z.string(), total: z.number().int() })),
  filing: z
    .object({ jurisdictionId: z.string(), period: z.string(), filedAt: z.string(), confirmation: z.string().nullable() })
    .nullable()
    .describe('The filed return whose period holds this committed transaction: it then never changes, and corrections land in the open period'),
});

export const refundBody = z.strictObject({
  /** The refund's own id (a credit note number). */
  id: objectId,
  date: isoDate.optional(),
  timestamp: instant.optional(),
  /** Amounts to refund per original line, in the line's own terms (without tax); the whole remainder when absent. */
  lines: z
    .array(z.strictObject({ id: z.string().min(1), amount: z.int().min(1, { error: 'must be a positive integer amount in minor units' }) }))
    .min(1)
    .optional(),
});

export const transactionSummary = z.object({
  id: z.string(),
  type: z.enum(['sale', 'refund']),
  originalId: z.string().nullable(),
  status: transactionStatus,
  version: z.number().int(),
  date: z.string(),
  currency: z.string(),
  customerId: z.string().nullable(),
  subtotal: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listQuery = z.strictObject({
  limit: z.string().regex(/^\d+$/, { error: 'must be a whole number from 1 to 500' }).optional(),
  cursor: z.string().optional(),
});

export const transactionsQuery = listQuery.extend({
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: transactionStatus.optional(),
  type: z.enum(['sale', 'refund']).optional(),
  customerId: z.string().optional(),
  jurisdiction: z
    .string()
    .regex(/^[A-Z]{2}(-[A-Z0-9]+)*$/, 'a jurisdiction id such as US-TX, US-TX-48453 or DE')
    .optional()
    .describe('Transactions with a line taxed in this jurisdiction or one inside it (US-TX matches its counties and cities too)'),
  q: z.string().min(1).max(200).optional().describe('Part of the transaction id or the customer id, any case'),
  order: z.enum(['asc', 'desc']).optional().describe('By date then id (`asc`, the default); `desc` is newest first'),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

export const settings = z.object({
  accountingTimeZone: z.string(),
  defaultProductId: z.string().nullable(),
  unknownProduct: z.enum(['error', 'default']),
  addressValidation: z.enum(['strict', 'lenient']),
  nexusLookbackYears: z.number().int(),
  backfillCompletedAt: z.string().nullable(),
  /** Absent until set: the GL export then uses its default accounts (see docs/gl.md). */
  glAccounts: glAccounts.nullable().optional(),
});

export const settingsPatch = z.strictObject({
  accountingTimeZone: z.string().optional(),
  defaultProductId: z.string().nullable().optional(),
  unknownProduct: z.enum(['error', 'default']).optional(),
  addressValidation: z.enum(['strict', 'lenient']).optional(),
  /** How many years back nexus exposure is counted. */
  nexusLookbackYears: z.number().int().min(1).max(5).optional(),
  /** Account codes of the GL export, replaced as a whole (keys left out take their defaults); null goes back to the defaults. */
  glAccounts: glAccountsPatch.nullable().optional(),
});

export const productBody = z.strictObject({
  name: z.string().max(200).nullable().optional(),
  taxCategory: z.string(),
  externalIds: z.array(z.string().min(1).max(255)).max(100).optional(),
});

export const productBatchBody = z.strictObject({
  /** The products to change, by id: every one must exist, or none is changed. */
  ids: z.array(z.string().min(1).max(255)).min(1).max(500),
  taxCategory: z.string(),
});

export const product = z.object({
  id: z.string(),
  name: z.string().nullable(),
  taxCategory: z.string(),
  externalIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const customerBody = z.strictObject({
  name: z.string().max(200).nullable().optional(),
  email: z.string().max(320).nullable().optional(),
  type: buyerType.optional(),
  address: address.nullable().optional(),
  taxIds: z.array(taxId).max(10).optional(),
  exempt: z.boolean().optional(),
});

export const customersQuery = listQuery.extend({
  q: z.string().min(1).max(200).optional().describe('Part of the id, name or email, any case'),
});

export const customer = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  type: buyerType,
  address: z.record(z.string(), z.string()).nullable(),
  taxIds: z.array(z.object({ type: z.string(), value: z.string() })),
  exempt: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const registrationBody = z.strictObject({
  effectiveDate: isoDate,
  registrationNumber: z.string().max(100).nullable().optional(),
  filingFrequency: z.enum(['monthly', 'quarterly', 'annual']).nullable().optional(),
});

export const registration = z.object({
  jurisdictionId: z.string(),
  effectiveDate: z.string(),
  registrationNumber: z.string().nullable(),
  filingFrequency: z.enum(['monthly', 'quarterly', 'annual']).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const taxCategory = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  avataxCode: z.string(),
  taxjarCode: z.string(),
});

export const deleted = z.object({ id: z.string(), deleted: z.literal(true) });

export const me = z.object({
  sellerId: z.string(),
  /** The seller's name, as customers see it in certificate requests and reminders. */
  name: z.string().nullable(),
});

export const mePatch = z.strictObject({ name: z.string().min(1).max(200) });
