/** Request and answer shapes of the nexus, physical presence, employee and alert routes. */
import { z } from 'zod';
import { isoDate } from '../engine/schemas.js';

const nexusPeriod = z.union([
  z.object({ kind: z.literal('calendar_year'), years: z.enum(['previous', 'current_or_previous']) }),
  z.object({ kind: z.literal('rolling_months'), months: z.number().int(), testedAt: z.enum(['daily', 'month_end', 'quarter_end']), quarterEndMonths: z.array(z.number().int()).optional() }),
  z.object({ kind: z.literal('fixed_year'), endsOn: z.string() }),
]);

export const nexusEntry = z.object({
  jurisdictionId: z.string(),
  name: z.string(),
  status: z.enum(['registered', 'physical', 'economic', 'approaching', 'none', 'no_sales_tax']),
  registered: z.boolean(),
  registeredSince: z.string().nullable(),
  physicalSince: z.string().nullable(),
  economicSince: z.string().nullable().describe('The day of the transaction that crossed the threshold'),
  collectionRequiredFrom: z.string().nullable().describe('When the state required collection to start, following from economicSince'),
  threshold: z
    .object({
      sales: z.number().int().describe('Cents'),
      transactions: z.number().int().nullable(),
      operator: z.enum(['or', 'and']).nullable(),
      over: z.boolean().describe('The sales amount must be exceeded, not only reached'),
      transactionsOver: z.boolean().describe('The transaction count must be exceeded, not only reached'),
      period: nexusPeriod,
      periodText: z.string(),
      counts: z.enum(['gross', 'retail', 'taxable']),
      marketplace: z.boolean().describe('Marketplace-facilitated sales count toward the threshold'),
      starts: z.enum(['next_transaction', 'next_month', 'next_quarter', 'next_year']).nullable(),
      rule: z.string(),
      ref: z.string(),
    })
    .nullable(),
  current: z.object({ periodStart: z.string(), periodEnd: z.string(), sales: z.number().int(), transactions: z.number().int() }).nullable(),
  ratio: z.string().nullable().describe('Share of the threshold reached, four decimals'),
  exposure: z.object({
    since: z.string().nullable(),
    until: z.string().nullable(),
    taxableSales: z.number().int(),
    estimatedTax: z.number().int(),
    transactions: z.number().int(),
  }),
});

export const nexusReport = z.object({
  asOf: z.string(),
  lookbackYears: z.number().int(),
  backfillCompletedAt: z.string().nullable(),
  data: z.array(nexusEntry),
});

export const nexusQuery = z.strictObject({ asOf: isoDate.optional() });

const sales = z.object({ gross: z.number().int(), retail: z.number().int(), taxable: z.number().int() });

export const nexusDetail = nexusEntry.extend({
  asOf: z.string(),
  months: z.array(
    z.object({
      month: z.string(),
      sales,
      marketplaceSales: sales,
      transactions: z.number().int(),
      marketplaceTransactions: z.number().int(),
      estimatedTax: z.number().int(),
      collectedTax: z.number().int(),
    }),
  ),
});

export const physicalNexusBody = z.strictObject({
  effectiveDate: isoDate,
  notes: z.string().max(2000).nullable().optional(),
});

export const physicalNexus = z.object({
  jurisdictionId: z.string(),
  effectiveDate: z.string(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const employeeBody = z.strictObject({
  name: z.string().max(200).nullable().optional(),
  region: z.string().regex(/^[A-Za-z0-9]{1,3}$/, { error: 'must be a region code such as TX' }),
  country: z.string().regex(/^[A-Za-z]{2}$/, { error: 'must be an ISO 3166 two-letter country code such as US' }),
  startDate: isoDate,
  endDate: isoDate.nullable().optional(),
});

export const employee = z.object({
  id: z.string(),
  name: z.string().nullable(),
  region: z.string(),
  country: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const alert = z.object({
  id: z.string(),
  kind: z.enum(['threshold_approaching', 'threshold_crossed', 'physical_presence']),
  jurisdictionId: z.string(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  delivery: z.object({
    email: z.enum(['pending', 'sent', 'failed', 'skipped']),
    webhook: z.enum(['pending', 'sent', 'failed', 'skipped']),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
});

const smtp = z.strictObject({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  secure: z.boolean().describe('TLS from the first byte (port 465); otherwise STARTTLS when the server offers it'),
  username: z.string().max(255).optional(),
  password: z.string().max(1000).optional(),
});

export const alertChannelsBody = z.strictObject({
  email: z
    .strictObject({
      to: z.array(z.email({ error: 'must be an email address' })).min(1).max(20),
      from: z.email({ error: 'must be an email address' }),
      smtp,
    })
    .nullable()
    .optional(),
  webhook: z
    .strictObject({
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
      /** A new signing secret even when the URL does not change. */
      rotateSecret: z.boolean().optional(),
    })
    .nullable()
    .optional(),
});

export const alertChannels = z.object({
  email: z
    .object({
      to: z.array(z.string()),
      from: z.string(),
      smtp: z.object({ host: z.string(), port: z.number().int(), secure: z.boolean(), username: z.string().nullable(), passwordSet: z.boolean() }),
    })
    .nullable(),
  webhook: z
    .object({
      url: z.string(),
      /** Shown only when it is created or rotated; verify `Levy-Signature` with it. */
      secret: z.string().optional(),
    })
    .nullable(),
});
