/**
 * AvaTax's request models, read as AvaTax reads them: property names in any
 * case (its own SDK sends `SingleLocation`), enums as names or numbers,
 * unknown properties ignored. Keys are first renamed to their canonical
 * spelling, then checked by zod.
 */
import { z } from 'zod';
import { AvaTaxError } from './errors.js';

const KNOWN = [
  'type', 'code', 'companyCode', 'date', 'customerCode', 'entityUseCode', 'customerUsageType', 'exemptionNo', 'exemptionCode', 'discount',
  'referenceCode', 'commit', 'currencyCode', 'addresses', 'lines', 'taxOverride', 'taxDate', 'reason', 'taxAmount', 'singleLocation', 'shipFrom',
  'shipTo', 'line1', 'line2', 'line3', 'city', 'region', 'country', 'postalCode', 'number', 'quantity', 'amount', 'taxCode', 'itemCode',
  'description', 'discounted', 'taxIncluded', 'adjustmentReason', 'adjustmentDescription', 'newTransaction', 'createTransactionModel',
  'refundTransactionCode', 'refundDate', 'refundType', 'refundPercentage', 'refundLines', 'purchaseOrderNo',
] as const;
const CANONICAL = new Map<string, string>(KNOWN.map((k) => [k.toLowerCase(), k]));

/** The value with every object key in its canonical case; other keys kept as sent. */
export function canonicalKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === '__proto__' || key === 'constructor') continue;
    out[CANONICAL.get(key.toLowerCase()) ?? key] = canonicalKeys(v);
  }
  return out;
}

/** An enum sent by name (any case) or by its number, read as its name. */
function avaEnum<const T extends readonly string[]>(names: Record<number, T[number]>, all: T) {
  return z.union([z.string(), z.number()]).transform((v, ctx) => {
    const name = typeof v === 'number' ? names[v] : all.find((n) => n.toLowerCase() === v.toLowerCase());
    if (name === undefined) {
      ctx.addIssue({ code: 'custom', message: `must be one of ${all.join(', ')}` });
      return z.NEVER;
    }
    return name as T[number];
  });
}

export const DOCUMENT_TYPES = ['SalesOrder', 'SalesInvoice', 'ReturnOrder', 'ReturnInvoice'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
const documentType = avaEnum({ 0: 'SalesOrder', 1: 'SalesInvoice', 4: 'ReturnOrder', 5: 'ReturnInvoice' }, DOCUMENT_TYPES);

const TAX_OVERRIDE_TYPES = ['None', 'TaxAmount', 'Exemption', 'TaxDate', 'AccruedTaxAmount', 'DeriveTaxable', 'OutOfHarbor', 'TaxAmountByTaxType', 'VendorChargedTax'] as const;
const taxOverride = z.object({
  type: avaEnum(Object.fromEntries(TAX_OVERRIDE_TYPES.map((t, i) => [i, t])), TAX_OVERRIDE_TYPES),
  taxDate: z.string().nullish(),
  reason: z.string().nullish(),
  taxAmount: z.number().nullish(),
});

export const addressInfo = z.object({
  line1: z.string().nullish(),
  line2: z.string().nullish(),
  line3: z.string().nullish(),
  city: z.string().nullish(),
  region: z.string().nullish(),
  country: z.string().nullish(),
  postalCode: z.string().nullish(),
});
export type AddressInfo = z.infer<typeof addressInfo>;

const addresses = z.object({ singleLocation: addressInfo.nullish(), shipFrom: addressInfo.nullish(), shipTo: addressInfo.nullish() });
export type Addresses = z.infer<typeof addresses>;

const text = z.union([z.string(), z.number()]).transform(String);

const lineItem = z.object({
  number: text.nullish(),
  quantity: z.number().nullish(),
  amount: z.number(),
  taxCode: z.string().nullish(),
  itemCode: z.string().nullish(),
  description: z.string().nullish(),
  discounted: z.boolean().nullish(),
  taxIncluded: z.boolean().nullish(),
  addresses: addresses.nullish(),
  entityUseCode: z.string().nullish(),
  customerUsageType: z.string().nullish(),
  exemptionCode: z.string().nullish(),
  taxOverride: taxOverride.nullish(),
});
export type LineItem = z.infer<typeof lineItem>;

export const createTransactionModel = z.object({
  type: documentType.nullish().transform((t) => t ?? 'SalesOrder'),
  code: text.nullish(),
  companyCode: z.string().nullish(),
  date: z.iso.date({ error: 'must be a date written YYYY-MM-DD' }),
  customerCode: text,
  entityUseCode: z.string().nullish(),
  customerUsageType: z.string().nullish(),
  exemptionNo: z.string().nullish(),
  discount: z.number().nullish(),
  referenceCode: z.string().nullish(),
  purchaseOrderNo: z.string().nullish(),
  commit: z.boolean().nullish(),
  currencyCode: z.string().nullish(),
  addresses: addresses.nullish(),
  lines: z.array(lineItem).min(1, { error: 'must have at least one line' }),
  taxOverride: taxOverride.nullish(),
});
export type CreateTransactionModel = z.infer<typeof createTransactionModel>;

export const adjustTransactionModel = z.object({
  adjustmentReason: z.union([z.string(), z.number()]).nullish(),
  adjustmentDescription: z.string().nullish(),
  newTransaction: createTransactionModel,
});

export const createOrAdjustModel = z.object({
  adjustmentReason: z.union([z.string(), z.number()]).nullish(),
  adjustmentDescription: z.string().nullish(),
  createTransactionModel,
});

const REFUND_TYPES = ['Full', 'Partial', 'TaxOnly', 'Percentage'] as const;
export const refundTransactionModel = z.object({
  refundTransactionCode: text.nullish(),
  refundDate: z.iso.date({ error: 'must be a date written YYYY-MM-DD' }),
  refundType: avaEnum({ 0: 'Full', 1: 'Partial', 2: 'TaxOnly', 3: 'Percentage' }, REFUND_TYPES).nullish().transform((t) => t ?? 'Full'),
  refundPercentage: z.number().nullish(),
  refundLines: z.array(text).nullish(),
  referenceCode: z.string().nullish(),
});

/** A body checked against `schema` after its keys are made canonical; AvaTax's ModelStateInvalid naming the first bad field otherwise. */
export function readModel<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  if (body === undefined || body === null || typeof body !== 'object') throw new AvaTaxError('ModelRequiredException', 'A request body (a JSON object) is required.', 400);
  const result = schema.safeParse(canonicalKeys(body));
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.join('.');
  if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) {
    throw new AvaTaxError('ValueRequiredError', `The field ${field} is required.`, 400, field);
  }
  throw AvaTaxError.invalid(`The field ${field} ${issue.message}.`, field);
}
