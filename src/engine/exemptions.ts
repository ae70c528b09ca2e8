/**
 * What exempts a sale in a jurisdiction, in order: the customer is exempt;
 * the invoice itself claims an exemption covering the jurisdiction (the
 * buyer's statement on this order, kept with the request); a certificate
 * covers the jurisdiction on the invoice date; or the customer
 * is a business with a valid tax id of a country where a supplier
 * established elsewhere does not charge VAT/GST (the reverse charge).
 */
import type { CompiledContent, CrossBorder, Jurisdiction } from '../content/compile.js';
import type { ParsedRequest } from './schemas.js';
import type { PreparedSeller } from './seller.js';

export type TransactionExemption = NonNullable<ParsedRequest['exemption']>;

export type Exemption =
  | { kind: 'customer_exempt' }
  | { kind: 'transaction_exempt'; reason: TransactionExemption['reason']; number?: string | undefined }
  | { kind: 'certificate'; certificateId: string }
  | { kind: 'reverse_charge'; taxId: string; rule: string; ref: string };

export interface CheckedTaxId {
  type: string;
  value: string;
  valid: boolean;
  country?: string | undefined;
}

export interface ExemptionContext {
  content: CompiledContent;
  seller: PreparedSeller;
  date: string;
  customerId: string | undefined;
  /** The exemption the request claims for this invoice, if any. */
  transactionExemption?: TransactionExemption | undefined;
  taxIds: readonly CheckedTaxId[];
  sellerCountry: string | undefined;
}

export function exemptionFor(j: Jurisdiction, ctx: ExemptionContext): Exemption | undefined {
  const customer = ctx.customerId === undefined ? undefined : ctx.seller.customers.get(ctx.customerId);
  if (customer?.exempt) return { kind: 'customer_exempt' };
  const claimed = ctx.transactionExemption;
  if (claimed && (claimed.jurisdictions === undefined || claimed.jurisdictions.some((id) => coverageOf(j).has(id)))) {
    return { kind: 'transaction_exempt', reason: claimed.reason, ...(claimed.number !== undefined ? { number: claimed.number } : {}) };
  }
  const certificate = certificateFor(j, ctx);
  if (certificate) return { kind: 'certificate', certificateId: certificate };
  const crossBorder = crossBorderRule(j, ctx);
  if (crossBorder?.b2b === 'reverse_charge' && ctx.sellerCountry !== countryOf(j)) {
    const id = qualifyingTaxId(j, ctx);
    if (id) return { kind: 'reverse_charge', taxId: id.value, rule: crossBorder.rule, ref: crossBorder.ref };
  }
  return undefined;
}

function certificateFor(j: Jurisdiction, ctx: ExemptionContext): string | undefined {
  if (ctx.customerId === undefined) return undefined;
  const covers = coverageOf(j);
  for (const c of ctx.seller.certificatesByCustomer.get(ctx.customerId) ?? []) {
    if (c.archived || (c.status !== undefined && c.status !== 'active')) continue;
    if (c.effectiveDate > ctx.date || (c.expirationDate && ctx.date > c.expirationDate)) continue;
    if (c.jurisdictions.some((id) => covers.has(id))) return c.id;
  }
  return undefined;
}

/** The ids that, named by a certificate or a transaction exemption, cover `j`: itself, its registrations, its parent (a state covers its locals). */
function coverageOf(j: Jurisdiction): ReadonlySet<string> {
  return new Set([j.id, ...j.registrations, ...(j.parent ? [j.parent] : [])]);
}

/** Own rule, else the union's (while a member), else the parent country's (a province). */
function crossBorderRule(j: Jurisdiction, ctx: ExemptionContext): CrossBorder | undefined {
  const own = j.crossBorder.at(ctx.date);
  if (own) return own;
  const membership = j.unions.at(ctx.date);
  const union = membership ? ctx.content.unions.get(membership.union)?.crossBorder.at(ctx.date) : undefined;
  if (union) return union;
  const parent = j.parent ? ctx.content.jurisdictions.get(j.parent) : undefined;
  return parent && parent.level === 'country' ? crossBorderRule(parent, ctx) : undefined;
}

/** The country a VAT/GST jurisdiction belongs to: itself, or its parent for a province. */
export function countryOf(j: Jurisdiction): string {
  return j.level === 'country' || !j.parent ? j.id.slice(0, 2) : j.parent.slice(0, 2);
}

/** A valid tax id of a type this jurisdiction (or its country) accepts, issued by its country. */
export function qualifyingTaxId(j: Jurisdiction, ctx: Pick<ExemptionContext, 'content' | 'taxIds'>): CheckedTaxId | undefined {
  const types = taxIdTypesOf(j, ctx.content);
  const country = countryOf(j);
  return ctx.taxIds.find((t) => t.valid && types.includes(t.type) && t.country === country);
}

export function taxIdTypesOf(j: Jurisdiction, content: CompiledContent): readonly string[] {
  if (j.taxIdTypes.length > 0) return j.taxIdTypes;
  const parent = j.parent ? content.jurisdictions.get(j.parent) : undefined;
  return parent && parent.level === 'country' ? parent.taxIdTypes : [];
}
