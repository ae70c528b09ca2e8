/**
 * Request bodies of Anrok's API (api-compat.md §4), as zod schemas. Unknown
 * fields are ignored, as Anrok's clients send fields Levy has no use for.
 */
import { z } from 'zod';

const nonEmpty = z.string().min(1, { error: 'String must contain at least 1 character(s)' });
const date = z.iso.date({ error: 'Invalid date' });

export const anrokAddress = z.object({
  country: nonEmpty.nullable().optional(),
  line1: nonEmpty.nullable().optional(),
  city: nonEmpty.nullable().optional(),
  region: nonEmpty.nullable().optional(),
  postalCode: nonEmpty.nullable().optional(),
  state: nonEmpty.nullable().optional(),
  zipCode: nonEmpty.nullable().optional(),
});

export const anrokLineItem = z.object({
  id: z.string().nullable().optional(),
  productExternalId: nonEmpty,
  /** Minor units, sign allowed. */
  amount: z.int().min(-1e11).max(1e11),
  isTaxIncludedInAmount: z.boolean().optional(),
  quantity: z.string().regex(/^-?\d+(\.\d+)?$/, { error: 'Invalid decimal' }).nullable().optional(),
});

export const anrokTaxId = z.object({ type: z.string().optional(), value: nonEmpty });

export const ephemeralBody = z.object({
  lineItems: z.array(anrokLineItem).min(1).max(1000),
  currencyCode: z.string().regex(/^[A-Za-z]{3}$/, { error: 'Invalid currency code' }),
  customerAddress: anrokAddress,
  shipFromAddress: anrokAddress.nullable().optional(),
  customerId: nonEmpty.nullable().optional(),
  customerName: nonEmpty.nullable().optional(),
  customerTaxIds: z.array(anrokTaxId).max(10).nullable().optional(),
  accountingDate: date.nullable().optional(),
  accountingTime: z.iso.datetime({ offset: true, error: 'Invalid datetime' }).nullable().optional(),
  accountingTimeZone: nonEmpty.nullable().optional(),
  taxDate: date.nullable().optional(),
});

export const transactionId = z.string().min(1).max(255).regex(/^[^\u0000-\u001f\u007f]+$/, { error: 'Invalid transaction id' });

export const createOrUpdateBody = ephemeralBody.extend({ id: transactionId });

export const voidBody = z.object({ transactionExpectedVersion: z.int().nullable().optional() });

export const negationBody = z.object({
  originalTransactionId: transactionId,
  newTransactionId: transactionId,
  originalTransactionExpectedVersion: z.int().nullable().optional(),
});

export const listTransactionsBody = z.object({
  filter: z
    .discriminatedUnion('type', [
      z.object({ type: z.literal('lastModifiedAfter'), value: z.iso.datetime({ offset: true, error: 'Invalid datetime' }) }),
      z.object({ type: z.literal('filingInfo'), value: z.unknown() }),
    ])
    .nullable()
    .optional(),
  limit: z.int().min(1).max(20).optional(),
  cursor: z.string().nullable().optional(),
});

export const productTaxCategoryId = z.object({ type: z.enum(['standard', 'custom']), id: nonEmpty });

export const createProductBody = z.object({
  externalId: nonEmpty,
  taxCategoryId: productTaxCategoryId,
  name: nonEmpty,
  description: z.string().nullable().optional(),
});

export const certificateCreateBody = z.object({
  customerId: nonEmpty,
  customerName: nonEmpty.nullable().optional(),
  effectiveDateBegin: date,
  exemptionNumber: z.string().max(100).nullable().optional(),
  notes: z.string().max(4000).nullable().optional(),
  certificateFile: z.object({ name: nonEmpty, contentsBase64: nonEmpty }),
  jurises: z
    .array(
      z.object({
        jurisId: nonEmpty,
        registrationId: z.string().nullable().optional(),
        effectiveDateEndi: date.nullable().optional(),
        notes: z.string().nullable().optional(),
      }),
    )
    .min(1)
    .max(100),
});

export const certificateStatus = z.enum(['active', 'expiringSoon', 'expired', 'archived']);

export const certificateListBody = z.object({
  filter: z.object({ customerId: nonEmpty.optional(), status: certificateStatus.optional() }).nullable().optional(),
  limit: z.int().min(1).max(100).optional(),
  cursor: z.string().nullable().optional(),
});

export const certificateRequestBody = z.object({
  customerId: nonEmpty,
  customerName: nonEmpty.nullable().optional(),
  emailAddress: nonEmpty,
  sendEmail: z.boolean().optional(),
});

export const taxIdValidateBody = z.object({
  customerAddress: anrokAddress,
  customerTaxIds: z.array(z.object({ value: nonEmpty })).max(20),
});

export type EphemeralBody = z.output<typeof ephemeralBody>;
export type CreateOrUpdateBody = z.output<typeof createOrUpdateBody>;
