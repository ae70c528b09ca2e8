/** Request and answer shapes of certificate reprocessing. */
import { z } from 'zod';
import { isoDate } from '../engine/schemas.js';
import { listQuery } from './schemas.js';

export const reprocessBody = z.strictObject({
    /** Invoice dates, inclusive. */
    from: isoDate,
    to: isoDate,
    /** Recalculate with the customer's address on record instead of each invoice's. */
    preferCustomerAddress: z.boolean().optional(),
    /** Answer the impact without changing anything. */
    dryRun: z.boolean().optional(),
});

const filedPeriod = z.object({ jurisdictionId: z.string(), period: z.string() });

const item = z.object({
  id: z.string(),
  date: z.string().describe('The invoice date (a correction\'s is its original\'s)'),
  currency: z.string(),
  taxBefore: z.number().int(),
  taxAfter: z.number().int(),
  difference: z.number().int(),
  action: z.enum(['revise', 'correct', 'unchanged', 'skip', 'failed']).describe('revise: new version in place (open period); correct: negation and corrected sale in the open period (filed period)'),
  filedPeriod: filedPeriod.nullable().optional(),
  reason: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
  version: z.number().int().optional(),
  negationId: z.string().optional(),
  correctionId: z.string().optional(),
});

export const impact = z.object({
  transactions: z.number().int(),
  revised: z.number().int(),
  corrected: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  totals: z.array(z.object({ currency: z.string(), taxBefore: z.number().int(), taxAfter: z.number().int(), difference: z.number().int() })),
  filedPeriods: z.array(filedPeriod.extend({ transactions: z.number().int() })),
});

export const dryRunAnswer = impact.extend({
  certificateId: z.string(),
  customerId: z.string(),
  from: z.string(),
  to: z.string(),
  preferCustomerAddress: z.boolean(),
  dryRun: z.literal(true),
  items: z.array(item),
});

export const reprocessing = z.object({
  id: z.string(),
  certificateId: z.string(),
  customerId: z.string(),
  from: z.string(),
  to: z.string(),
  preferCustomerAddress: z.boolean(),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  total: z.number().int(),
  done: z.number().int(),
  /** The dry run's answer when the run was asked for. */
  impact,
  /** What the run did, sale by sale (a sale the ledger refused is `failed`, with its error). */
  items: z.array(item.partial({ date: true, currency: true, taxBefore: true, taxAfter: true, difference: true })),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});

export const reprocessingsQuery = listQuery.extend({ certificateId: z.string().optional() });
