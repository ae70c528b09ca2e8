/** Request and answer shapes of certificate requests and reviews. */
import { z } from 'zod';
import { listQuery } from './schemas.js';

const email = z.email({ error: 'must be an email address' }).max(320);

export const requestFromCertificateBody = z.strictObject({
  /** Where the link goes; default: the customer's email on record. */
  email: email.optional(),
});

export const requestFromCustomerBody = z.strictObject({
  /** Where the link goes; default: the customer's email on record. */
  email: email.optional(),
  /** Jurisdictions asked for: kept on the request and filled in on the form for the customer (they can change them). */
  jurisdictions: z.array(z.string().min(2).max(40)).min(1).max(100).optional(),
});

export const certificateRequest = z.object({
  id: z.string(),
  customerId: z.string(),
  /** The certificate the request replaces: the one being renewed, or a submission the seller rejected (asked again). */
  certificateId: z.string().nullable(),
  email: z.string(),
  /** The jurisdictions asked for, which the customer's form starts with; null when they were left to the customer. */
  jurisdictions: z.array(z.string()).nullable(),
  /** `open` until used or past `expiresAt`. */
  status: z.enum(['open', 'used', 'expired']),
  expiresAt: z.string(),
  usedAt: z.string().nullable(),
  /** The certificate the customer submitted (status `pending_review` until reviewed). */
  submittedCertificateId: z.string().nullable(),
  /** Whether the email with the link went out; `lastError` says why not. */
  emailStatus: z.enum(['pending', 'sent', 'failed', 'skipped']),
  lastError: z.string().nullable(),
  /** Whether the seller's email saying the submission awaits review went out (null until the customer submits); `reviewLastError` says why not. */
  reviewEmailStatus: z.enum(['pending', 'sent', 'failed', 'skipped']).nullable(),
  reviewLastError: z.string().nullable(),
  createdAt: z.string(),
});

export const certificateRequestQuery = listQuery.extend({
  customerId: z.string().optional(),
});

export const rejectBody = z.strictObject({
  /** Why, in words the customer can act on; kept on the certificate. */
  reason: z.string().min(1).max(2000).regex(/\S/, { error: 'must say why the certificate is rejected' }),
});
