/** Request and answer shapes of the certificate routes. */
import { z } from 'zod';
import { REASONS, STATUSES } from '../certificates/status.js';
import { isoDate } from '../engine/schemas.js';
import { listQuery } from './schemas.js';

const jurisdictions = z.array(z.string().min(2).max(40)).min(1, { error: 'must name at least one jurisdiction, such as US-TX' }).max(100);

export const certificateBody = z.strictObject({
  customerId: z.string().min(1).max(200),
  jurisdictions,
  reason: z.enum(REASONS),
  number: z.string().max(100).nullable().optional(),
  effectiveDate: isoDate,
  expirationDate: isoDate.nullable().optional(),
  notes: z.string().max(4000).nullable().optional(),
});

export const certificatePatch = certificateBody.omit({ customerId: true }).partial();

export const certificate = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  jurisdictions: z.array(z.string()),
  reason: z.string(),
  /** The AvaTax entity/use code of the reason (G resale, E charitable organisation ...). */
  entityUseCode: z.string(),
  number: z.string().nullable(),
  effectiveDate: z.string(),
  expirationDate: z.string().nullable(),
  status: z.enum(STATUSES),
  notes: z.string().nullable(),
  /** Why the seller rejected it (status `rejected`). */
  rejectionReason: z.string().nullable(),
  /** When the seller approved or rejected a certificate the customer submitted. */
  reviewedAt: z.string().nullable(),
  /** The certificate request it was submitted through. */
  requestId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const certificateQuery = listQuery.extend({
  status: z.enum(STATUSES).optional(),
  /** Searches the customer id, the customer's name and the certificate number. */
  q: z.string().min(1).max(200).optional(),
  customerId: z.string().optional(),
  /** The day statuses are worked out for (default: today in the seller's time zone). */
  asOf: isoDate.optional(),
});

export const asOfQuery = z.strictObject({ asOf: isoDate.optional() });

export const certificateFile = z.object({
  certificateId: z.string(),
  mediaType: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  size: z.number().int(),
  /** Hex SHA-256 of the document as stored. */
  sha256: z.string(),
  uploadedAt: z.string(),
});
