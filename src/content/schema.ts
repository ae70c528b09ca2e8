/**
 * The schema of Levy's tax content (`content/**.yaml`). One file per
 * jurisdiction; every value is dated (`from`, optional `to`) and cites the
 * law or official publication it comes from (`ref`). The loader is strict:
 * unknown keys, impossible dates, a float where a decimal string belongs
 * and a missing `ref` are load errors that name the file and the key path.
 */
import { z } from 'zod';
import { isIsoDate } from './dates.js';

export const isoDate = z
  .string({ error: 'must be a date written YYYY-MM-DD' })
  .refine(isIsoDate, { error: 'must be a real date written YYYY-MM-DD' });

/** A rate: a decimal string in [0, 1). Quoted so YAML never turns it into a float. */
export const rateString = z
  .string({ error: 'must be a quoted decimal string such as "0.0625"' })
  .regex(/^0(\.\d{1,8})?$/, { error: 'must be a decimal in [0, 1) such as "0.0625"' });

/** A share of the price in (0, 1]: the taxable base of a partially taxed item. */
export const fractionString = z
  .string({ error: 'must be a quoted decimal string such as "0.8"' })
  .regex(/^(0\.\d{0,7}[1-9]|1(\.0+)?)$/, { error: 'must be a decimal in (0, 1] such as "0.8"' });

const ref = z.string({ error: 'every value needs a ref (its legal source)' }).min(3);
const text = z.string().min(1);

const dated = {
  from: isoDate,
  to: isoDate.optional(),
  ref,
  note: text.optional(),
};

export const rateEntry = z.strictObject({
  ...dated,
  rate: rateString,
  /** Why the rate is what it is, when a plain number would mislead (e.g. "no sales tax"). */
  rule: text.optional(),
});

export const buyer = z.enum(['business', 'individual']);

export const taxabilityEntry = z.strictObject({
  ...dated,
  /** Only for this kind of buyer; without it the entry applies to any buyer. */
  buyer: buyer.optional(),
  taxable: z.boolean(),
  /** Share of the price that is taxed (Texas: "0.8" for SaaS). Default "1". */
  base: fractionString.optional(),
  /** A rate of its own for this category, replacing the jurisdiction's general rate. */
  rate: rateString.optional(),
  /** Whether local jurisdictions tax it too (default: yes when taxable). */
  local: z.boolean().optional(),
  /**
   * VAT/GST place of supply for buyers without a valid tax id: `destination`
   * (the customer's country) or `origin` (where the supplier is established,
   * so a supplier established elsewhere charges none here).
   */
  supply: z.enum(['destination', 'origin']).optional(),
  /** A short sentence a finance person can read on an invoice. */
  rule: text,
});

export const sourcingEntry = z.strictObject({
  ...dated,
  /** How an in-state seller sources its in-state sales. Remote sales are destination everywhere. */
  intrastate: z.enum(['destination', 'origin', 'hybrid']),
  /** For hybrid sourcing: the levels taken from the origin (California: state, county, city). */
  originLevels: z.array(z.enum(['state', 'county', 'city', 'special'])).optional(),
});

export const streamlinedEntry = z.strictObject({
  ...dated,
  status: z.enum(['full', 'associate', 'none']),
});

export const membershipEntry = z.strictObject({
  ...dated,
  /** The id of a union file (`EU`) whose common rules this jurisdiction follows. */
  union: text,
});

export const crossBorderEntry = z.strictObject({
  ...dated,
  /**
   * What a supplier not established here does for a business customer with a
   * valid tax id of this jurisdiction: `reverse_charge` (the customer accounts
   * for the tax) or `charge` (the supplier charges it as to anyone).
   */
  b2b: z.enum(['reverse_charge', 'charge']),
  rule: text,
});

/**
 * The window an economic-nexus threshold is measured over, as the state defines it.
 * - `calendar_year`: the previous calendar year only, or the current (to date) or previous one.
 * - `rolling_months`: the `months` before the test date; `testedAt` says whether every day counts
 *   (`daily`), or only the window ending at the last completed month or quarter (`month_end`,
 *   `quarter_end`; quarters end in `quarterEndMonths`, default March, June, September, December).
 * - `fixed_year`: the twelve months ending each year on `endsOn` (`MM-DD`), e.g. Connecticut's September 30.
 */
export const nexusPeriod = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('calendar_year'), years: z.enum(['previous', 'current_or_previous']) }),
  z.strictObject({
    kind: z.literal('rolling_months'),
    months: z.number().int().min(1).max(24),
    testedAt: z.enum(['daily', 'month_end', 'quarter_end']),
    quarterEndMonths: z.array(z.number().int().min(1).max(12)).length(4).optional(),
  }),
  z.strictObject({ kind: z.literal('fixed_year'), endsOn: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'must be MM-DD' }) }),
]);

/**
 * A US state's economic-nexus (remote seller) rule. `sales` is in whole US
 * dollars; without it no threshold-based rule was in force (the entry's
 * `rule` says what applied instead).
 */
export const nexusEntry = z
  .strictObject({
    ...dated,
    sales: z.number().int().positive().optional(),
    transactions: z.number().int().positive().optional(),
    /** How the two tests combine: `or` (either) or `and` (both). Required with `transactions`. */
    operator: z.enum(['or', 'and']).optional(),
    /** The sales amount must be exceeded ("more than"), not only reached. */
    over: z.boolean().optional(),
    /** The transaction count must be exceeded ("more than 100 sales"), not only reached. */
    transactionsOver: z.boolean().optional(),
    period: nexusPeriod.optional(),
    /** Which sales are summed: all (`gross`), all but sales for resale (`retail`), or only taxable ones. */
    counts: z.enum(['gross', 'retail', 'taxable']).optional(),
    /** Whether sales made through a marketplace facilitator count toward the remote seller's own threshold. */
    marketplace: z.boolean().optional(),
    /**
     * When collection must begin once the threshold is crossed: `next_transaction`,
     * the first day of the `next_month`, `next_quarter` or `next_year`. Without it,
     * the day the test is first met (for a window that has to end first, the day after it ends).
     */
    starts: z.enum(['next_transaction', 'next_month', 'next_quarter', 'next_year']).optional(),
    rule: text,
  })
  .superRefine((e, ctx) => {
    if (e.sales === undefined) {
      if (e.transactions !== undefined || e.operator !== undefined || e.period !== undefined) {
        ctx.addIssue({ code: 'custom', message: 'an entry without a sales threshold has no transactions, operator or period', path: ['sales'] });
      }
      return;
    }
    for (const key of ['period', 'counts', 'marketplace'] as const) {
      if (e[key] === undefined) ctx.addIssue({ code: 'custom', message: `a threshold needs ${key}`, path: [key] });
    }
    if ((e.transactions === undefined) !== (e.operator === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'transactions and operator go together', path: ['operator'] });
    }
  });

export const whereSelector = z.strictObject({
  /** Postal place names as the ZIP data gives them. */
  cities: z.array(text).optional(),
  /** County names as the ZIP data gives them (without "County"). */
  counties: z.array(text).optional(),
  zips: z.array(z.string().regex(/^\d{5}$/)).optional(),
  excludeZips: z.array(z.string().regex(/^\d{5}$/)).optional(),
});

export const level = z.enum(['country', 'state', 'county', 'city', 'special']);

const jurisdictionId = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]+)*$/, {
  error: 'must be an upper-case id such as US-TX, US-TX-CITY-AUSTIN, DE or CA-ON',
});

export const taxabilityMap = z.record(z.string(), z.array(taxabilityEntry).min(1));

export const jurisdictionFile = z.strictObject({
  id: jurisdictionId,
  name: text,
  level,
  /** The jurisdiction this one sits in (a US local's state; a province's country). */
  parent: jurisdictionId.optional(),
  /** Registration ids that cover this jurisdiction (default: its own id; a US local: its state). */
  registrations: z.array(jurisdictionId).optional(),
  /** The tax's own name, printed on invoices ("GST", "HST", "VAT", "sales tax"). */
  taxName: text.optional(),
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  /** Canadian HST provinces: the provincial rate includes the federal GST, which then does not apply separately. */
  harmonized: z.boolean().optional(),
  /** Tax id types (Stripe's names, e.g. eu_vat, gb_vat, au_abn) that identify a business customer here. */
  taxIdTypes: z.array(text).optional(),
  unions: z.array(membershipEntry).optional(),
  sourcing: z.array(sourcingEntry).optional(),
  streamlined: z.array(streamlinedEntry).optional(),
  crossBorder: z.array(crossBorderEntry).optional(),
  /**
   * US states: whether places in the state levy general sales taxes of their
   * own. Where they do and Levy has no local rates for a ZIP, the answer
   * warns that local taxes are missing.
   */
  localSalesTax: z.strictObject({ levied: z.boolean(), ref, note: text.optional() }).optional(),
  rates: z.array(rateEntry).min(1),
  taxability: taxabilityMap.optional(),
  /** US states (and Alaska's remote seller commission): the economic-nexus threshold history. */
  nexus: z.array(nexusEntry).optional(),
  where: whereSelector.optional(),
});

export const unionFile = z.strictObject({
  id: jurisdictionId,
  name: text,
  level: z.literal('union'),
  /** The registration id under which a non-established seller collects for every member (EU-OSS). */
  oneStopShop: z.strictObject({ registration: jurisdictionId, ref, rule: text }).optional(),
  crossBorder: z.array(crossBorderEntry).optional(),
  taxability: taxabilityMap,
});

export const categoryEntry = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/),
  name: text,
  description: text,
  /** The nearest Avalara AvaTax tax code. */
  avataxCode: text,
  /** The nearest TaxJar product tax code ("" where TaxJar uses none, for general goods). */
  taxjarCode: z.string(),
  /** A rule that holds everywhere (only for `nontaxable`): no jurisdiction file needs to repeat it. */
  everywhere: z
    .strictObject({ taxable: z.literal(false), rule: text, ref })
    .optional(),
});

export const categoriesFile = z.strictObject({
  categories: z.array(categoryEntry).min(1),
});

export type RateEntry = z.infer<typeof rateEntry>;
export type TaxabilityEntry = z.infer<typeof taxabilityEntry>;
export type NexusEntry = z.infer<typeof nexusEntry>;
export type NexusPeriod = z.infer<typeof nexusPeriod>;
export type SourcingEntry = z.infer<typeof sourcingEntry>;
export type JurisdictionFile = z.infer<typeof jurisdictionFile>;
export type UnionFile = z.infer<typeof unionFile>;
export type CategoryEntry = z.infer<typeof categoryEntry>;
export type Level = z.infer<typeof level>;
export type Buyer = z.infer<typeof buyer>;
