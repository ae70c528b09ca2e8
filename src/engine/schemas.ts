/**
 * The calculate request, the seller context and the answer, as zod schemas:
 * one source for validation, for the TypeScript types and (in the API) for
 * the OpenAPI document. Shapes follow the API contract (docs/api.md).
 */
import { z } from 'zod';
import { REASONS } from '../certificates/status.js';

/** A calendar date; the pattern knows month lengths and leap years (2026-02-29 is refused). */
export const isoDate = z.iso.date({ error: 'must be a real date written YYYY-MM-DD' });

/** An amount in the currency's minor unit: an integer, exact in a double. */
export const minorUnits = z.int({ error: 'must be an integer amount in minor units (cents)' });

// Request fields carry no length limits of their own: the API bounds the
// body's size, and each check here is paid on every line of every invoice.
const shortText = (max: number) => z.string().max(max);

export const address = z.strictObject({
  line1: z.string().optional(),
  line2: z.string().optional(),
  city: z.string().optional(),
  /** State, province or region: a two-letter code in the US and Canada. */
  region: z.string().optional(),
  postalCode: z.string().optional(),
  /** ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Za-z]{2}$/, { error: 'must be an ISO 3166 two-letter country code such as US or DE' }),
});

export const taxId = z.strictObject({
  /** Stripe's tax id types: eu_vat, gb_vat, ch_vat, no_vat, au_abn, nz_gst, ca_bn, ca_gst_hst, ca_qst, jp_trn, sg_gst ... */
  type: z.string(),
  value: z.string(),
});

export const buyerType = z.enum(['business', 'individual']);

export const customer = z.strictObject({
  id: z.string().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  type: buyerType.optional(),
  taxIds: z.array(taxId).max(10).optional(),
  address,
});

export const line = z.strictObject({
  id: z.string().optional(),
  productId: z.string(),
  amount: minorUnits,
  /** Informational: `amount` is the line's total, quantity already applied. */
  quantity: z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?$/)]).optional(),
  taxIncluded: z.boolean().optional(),
  description: z.string().optional(),
});

/**
 * An exemption the buyer claims for this one invoice (a resale or government
 * purchase stated on the order rather than by a certificate on file). It is
 * part of the request, so it is stored with the transaction's version and a
 * recalculation keeps it.
 */
export const transactionExemption = z.strictObject({
  reason: z.enum(REASONS),
  /** The buyer's exemption or permit number, as given. */
  number: z.string().min(1).max(100).optional(),
  /** Jurisdictions it covers (a state covers its local taxes); every jurisdiction of the invoice when absent. */
  jurisdictions: z.array(z.string().min(2).max(40)).min(1).max(100).optional(),
});

export const calculateRequest = z.strictObject({
  date: isoDate,
  currency: z.string().regex(/^[A-Za-z]{3}$/, { error: 'must be an ISO 4217 currency code such as USD' }),
  /** `estimate` computes tax everywhere, as if the seller were registered in every jurisdiction. */
  mode: z.enum(['collect', 'estimate']).optional(),
  customer,
  shipFrom: address.optional(),
  lines: z.array(line).min(1, { error: 'must have at least one line' }).max(1000),
  discount: minorUnits.optional(),
  exemption: transactionExemption.optional(),
});

export const registration = z.strictObject({
  jurisdictionId: z.string().min(2).max(40),
  effectiveDate: isoDate,
  endDate: isoDate.optional(),
  registrationNumber: shortText(100).optional(),
  filingFrequency: z.enum(['monthly', 'quarterly', 'annual']).optional(),
});

export const product = z.strictObject({
  id: z.string().min(1).max(200),
  name: shortText(200).optional(),
  taxCategory: z.string().min(1).max(100),
  externalIds: z.array(z.string().min(1).max(200)).optional(),
});

export const sellerSettings = z.strictObject({
  accountingTimeZone: shortText(64).optional(),
  unknownProduct: z.enum(['error', 'default']).optional(),
  defaultProductId: z.string().min(1).nullable().optional(),
  addressValidation: z.enum(['strict', 'lenient']).optional(),
});

export const sellerCustomer = z.strictObject({
  id: z.string().min(1).max(200),
  name: shortText(200).optional(),
  type: buyerType.optional(),
  exempt: z.boolean().optional(),
});

export const certificate = z.strictObject({
  id: z.string().min(1).max(200),
  customerId: z.string().min(1).max(200),
  jurisdictions: z.array(z.string().min(2).max(40)).min(1),
  reason: shortText(40).optional(),
  number: shortText(100).optional(),
  effectiveDate: isoDate,
  expirationDate: isoDate.nullable().optional(),
  archived: z.boolean().optional(),
  /** Submissions not yet approved never exempt a sale. */
  status: z.enum(['active', 'pending_review', 'rejected']).optional(),
});

export const sellerContext = z.strictObject({
  registrations: z.array(registration).optional(),
  products: z.array(product).optional(),
  settings: sellerSettings.optional(),
  customers: z.array(sellerCustomer).optional(),
  certificates: z.array(certificate).optional(),
});

const level = z.enum(['country', 'state', 'county', 'city', 'special']);

export const lineJurisdiction = z.object({
  id: z.string(),
  name: z.string(),
  level,
  taxName: z.string(),
  rate: z.string(),
  taxableAmount: z.number().int(),
  exemptAmount: z.number().int(),
  tax: z.number().int(),
  collect: z.boolean(),
  /** What the tax would be where the seller is not registered (collect: false). */
  notCollectedTax: z.number().int(),
  rule: z.string(),
  ref: z.string(),
  exemption: z.enum(['certificate', 'customer_exempt', 'transaction_exempt', 'reverse_charge']).optional(),
});

/** A jurisdiction that does not tax the line, and why. */
export const notTaxed = z.object({
  id: z.string(),
  name: z.string(),
  level,
  reason: z.enum(['not_taxable', 'no_sales_tax', 'place_of_supply', 'not_covered']),
  rule: z.string(),
  ref: z.string(),
});

export const resultLine = z.object({
  id: z.string(),
  productId: z.string(),
  taxCategory: z.string(),
  amount: z.number().int(),
  taxIncluded: z.boolean(),
  discount: z.number().int(),
  taxableAmount: z.number().int(),
  nonTaxableAmount: z.number().int(),
  exemptAmount: z.number().int(),
  tax: z.number().int(),
  jurisdictions: z.array(lineJurisdiction),
  notTaxed: z.array(notTaxed),
});

export const jurisdictionTotal = z.object({
  id: z.string(),
  name: z.string(),
  level,
  taxableAmount: z.number().int(),
  exemptAmount: z.number().int(),
  tax: z.number().int(),
  notCollectedTax: z.number().int(),
  collect: z.boolean(),
});

export const exemption = z.object({
  kind: z.enum(['certificate', 'customer_exempt', 'transaction_exempt', 'reverse_charge']),
  certificateId: z.string().optional(),
  /** A transaction exemption's reason and number, as the request gave them. */
  reason: z.string().optional(),
  number: z.string().optional(),
  jurisdictions: z.array(z.string()),
  taxId: z.string().optional(),
});

export const warning = z.object({ code: z.string(), message: z.string(), param: z.string().optional() });

export const resolvedAddress = z.object({
  country: z.string(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  county: z.string().optional(),
  city: z.string().optional(),
  /** How precisely the jurisdictions were found: zip5, zip3 (state by ZIP prefix), region, country. */
  resolution: z.enum(['zip5', 'zip3', 'region', 'country']),
  /** Present when an in-state sale took local taxes from the ship-from address. */
  sourcing: z.enum(['origin', 'hybrid']).optional(),
});

export const calculateResponse = z.object({
  date: z.string(),
  currency: z.string(),
  mode: z.enum(['collect', 'estimate']),
  subtotal: z.number().int(),
  discount: z.number().int(),
  taxableAmount: z.number().int(),
  nonTaxableAmount: z.number().int(),
  exemptAmount: z.number().int(),
  tax: z.number().int(),
  total: z.number().int(),
  address: resolvedAddress,
  lines: z.array(resultLine),
  jurisdictions: z.array(jurisdictionTotal),
  notCollected: z.array(
    z.object({ id: z.string(), name: z.string(), level, taxableAmount: z.number().int(), tax: z.number().int(), reason: z.literal('not_registered') }),
  ),
  exemptions: z.array(exemption),
  warnings: z.array(warning),
});

export type CalculateRequest = z.input<typeof calculateRequest>;
export type ParsedRequest = z.output<typeof calculateRequest>;
export type SellerContext = z.input<typeof sellerContext>;
export type ParsedSeller = z.output<typeof sellerContext>;
export type CalculateResponse = z.infer<typeof calculateResponse>;
export type ResultLine = z.infer<typeof resultLine>;
export type LineJurisdiction = z.infer<typeof lineJurisdiction>;
export type NotTaxed = z.infer<typeof notTaxed>;
export type Warning = z.infer<typeof warning>;
export type Exemption = z.infer<typeof exemption>;
export type ResolvedAddress = z.infer<typeof resolvedAddress>;
export type Address = z.output<typeof address>;
