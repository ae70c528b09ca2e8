/**
 * Levy's calculation as AvaTax's TransactionModel: the same figures, in the
 * currency's decimal numbers, with a detail per jurisdiction on each line and
 * a summary per jurisdiction. Jurisdictions that do not tax a line appear as
 * details with no tax and the line's amount as non-taxable, as AvaTax shows
 * them.
 */
import type { CompiledContent } from '../../content/compile.js';
import type { CalculateResponse, ResultLine } from '../../engine/schemas.js';
import type { DocumentType } from './model.js';
import type { LineEcho } from './request.js';
import { toMajorNumber } from './money.js';

export type AvaStatus = 'Temporary' | 'Saved' | 'Committed' | 'Cancelled' | 'Adjusted';

export interface AnswerContext {
  id: number;
  code: string;
  companyCode: string;
  type: DocumentType;
  status: AvaStatus;
  version: number;
  customerCode: string | null;
  /** Per Levy line id: the itemCode and taxCode the request sent. */
  lines?: Map<string, LineEcho> | undefined;
  exemptNo?: string | null | undefined;
  entityUseCode?: string | null | undefined;
  referenceCode?: string | null | undefined;
  taxDate?: string | undefined;
  adjustmentReason?: string | undefined;
  adjustmentDescription?: string | null | undefined;
}

export interface Include {
  lines: boolean;
  details: boolean;
  summary: boolean;
}

const JURIS_TYPE = { country: 'CNT', state: 'STA', county: 'CTY', city: 'CIT', special: 'STJ' } as const;
const JURISDICTION_TYPE = { country: 'Country', state: 'State', county: 'County', city: 'City', special: 'Special' } as const;

/** `$include` as AvaTax reads it: Details implies Lines, Summary implies Details; absent means all. */
export function includeOf(raw: string | undefined): Include {
  if (raw === undefined || raw.trim() === '') return { lines: true, details: true, summary: true };
  const parts = new Set(raw.split(',').map((p) => p.trim().toLowerCase()));
  const summary = parts.has('summary');
  const details = summary || parts.has('details');
  return { lines: details || parts.has('lines'), details, summary };
}

function detailsOf(line: ResultLine, result: CalculateResponse, money: (n: number) => number) {
  const base = { country: result.address.country, region: result.address.region ?? '', taxType: 'Sales', rateType: 'General', rateTypeCode: 'G', unitOfBasis: 'PerCurrencyUnit', sourcing: 'Destination' };
  const taxed = line.jurisdictions.map((j) => ({
    ...base,
    jurisType: JURIS_TYPE[j.level],
    jurisdictionType: JURISDICTION_TYPE[j.level],
    jurisCode: j.id,
    jurisName: j.name,
    taxName: j.taxName,
    rate: Number(j.rate),
    tax: money(j.tax),
    taxCalculated: money(j.tax),
    taxableAmount: money(j.taxableAmount),
    exemptAmount: money(j.exemptAmount),
    nonTaxableAmount: money(line.amount - line.discount - j.taxableAmount - j.exemptAmount),
    inState: true,
  }));
  const untaxed = line.notTaxed.map((j) => ({
    ...base,
    jurisType: JURIS_TYPE[j.level],
    jurisdictionType: JURISDICTION_TYPE[j.level],
    jurisCode: j.id,
    jurisName: j.name,
    taxName: j.name,
    rate: 0,
    tax: 0,
    taxCalculated: 0,
    taxableAmount: 0,
    exemptAmount: 0,
    nonTaxableAmount: money(line.amount - line.discount),
    inState: true,
  }));
  return [...taxed, ...untaxed];
}

function summaryOf(result: CalculateResponse, money: (n: number) => number) {
  const rates = new Map<string, { rate: string; taxName: string }>();
  for (const l of result.lines) for (const j of l.jurisdictions) if (!rates.has(j.id)) rates.set(j.id, { rate: j.rate, taxName: j.taxName });
  return result.jurisdictions.map((j) => ({
    country: result.address.country,
    region: result.address.region ?? '',
    jurisType: JURISDICTION_TYPE[j.level],
    jurisCode: j.id,
    jurisName: j.name,
    taxAuthorityType: 45,
    taxType: 'Sales',
    taxName: rates.get(j.id)?.taxName ?? j.name,
    rateType: 'General',
    rateTypeCode: 'G',
    rate: Number(rates.get(j.id)?.rate ?? '0'),
    taxable: money(j.taxableAmount),
    tax: money(j.tax),
    taxCalculated: money(j.tax),
    nonTaxable: money(result.subtotal - result.discount - j.taxableAmount - j.exemptAmount),
    exemption: money(j.exemptAmount),
  }));
}

export function transactionModel(result: CalculateResponse, ctx: AnswerContext, content: CompiledContent, include: Include = includeOf(undefined)) {
  const money = (n: number) => toMajorNumber(n, result.currency);
  const lines = result.lines.map((l) => {
    const echo = ctx.lines?.get(l.id);
    return {
      id: 0,
      transactionId: ctx.id,
      lineNumber: l.id,
      itemCode: echo?.itemCode ?? l.productId,
      taxCode: echo?.taxCode ?? content.categories.get(l.taxCategory)?.avataxCode ?? '',
      description: echo?.description ?? '',
      quantity: echo?.quantity ?? 1,
      lineAmount: money(l.amount),
      discountAmount: money(l.discount),
      taxableAmount: money(l.taxableAmount),
      exemptAmount: money(l.exemptAmount + l.nonTaxableAmount),
      tax: money(l.tax),
      taxCalculated: money(l.tax),
      isItemTaxable: l.jurisdictions.length > 0 && l.nonTaxableAmount === 0,
      taxIncluded: l.taxIncluded,
      taxDate: ctx.taxDate ?? result.date,
      reportingDate: result.date,
      entityUseCode: ctx.entityUseCode ?? '',
      exemptNo: ctx.exemptNo ?? '',
      sourcing: 'Destination',
      ...(include.details ? { details: detailsOf(l, result, money) } : {}),
    };
  });
  return {
    id: ctx.id,
    code: ctx.code,
    companyId: 0,
    companyCode: ctx.companyCode,
    date: result.date,
    taxDate: ctx.taxDate ?? result.date,
    status: ctx.status,
    type: ctx.type,
    currencyCode: result.currency,
    customerCode: ctx.customerCode ?? '',
    customerVendorCode: ctx.customerCode ?? '',
    entityUseCode: ctx.entityUseCode ?? '',
    exemptNo: ctx.exemptNo ?? '',
    referenceCode: ctx.referenceCode ?? '',
    reconciled: false,
    locked: false,
    version: ctx.version,
    // AvaTax's totalAmount is the lines' amounts before tax and before the document discount.
    totalAmount: money(result.subtotal),
    totalDiscount: money(result.discount),
    totalExempt: money(result.exemptAmount + result.nonTaxableAmount),
    totalTaxable: money(result.taxableAmount),
    totalTax: money(result.tax),
    totalTaxCalculated: money(result.tax),
    adjustmentReason: ctx.adjustmentReason ?? 'NotAdjusted',
    adjustmentDescription: ctx.adjustmentDescription ?? '',
    region: result.address.region ?? '',
    country: result.address.country,
    softwareVersion: 'Levy',
    ...(include.lines ? { lines } : {}),
    ...(include.summary ? { summary: summaryOf(result, money) } : {}),
    messages: result.warnings.map((w) => ({ summary: w.message, details: w.message, refersTo: w.param ?? '', severity: 'Warning', source: 'Levy' })),
  };
}
