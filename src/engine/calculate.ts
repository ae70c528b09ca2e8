/**
 * One invoice → tax per line and per jurisdiction. Pure and synchronous:
 * everything it needs (content, ZIP data, imported tables, the seller) comes
 * in as values; the date comes with the request and is echoed back, so a
 * stored calculation can be run again exactly.
 *
 * The steps, each in its own module: validate (schemas.ts, compiled in validation/compile.ts); find each line's
 * tax category (products.ts); resolve the address to jurisdictions
 * (address.ts, sourcing.ts); per jurisdiction, decide registration,
 * exemption and buyer (plan.ts, exemptions.ts) and, per category,
 * taxability (taxability.ts); per line, the money (line.ts, amounts.ts);
 * then the invoice (assemble.ts).
 */
import type { ZipIndex } from '../address/zip-index.js';
import type { CompiledContent } from '../content/compile.js';
import { TaxError } from '../errors/tax-error.js';
import { allocate } from '../money/allocate.js';
import { minorUnits } from '../money/currency.js';
import type { ImportedRates } from '../rates/imported.js';
import { checkTaxId } from '../taxid/check.js';
import { resolveAddress, type AddressContext } from './address.js';
import { assemble } from './assemble.js';
import type { CheckedTaxId } from './exemptions.js';
import { buildLine } from './line.js';
import { planFor, type PlanContext } from './plan.js';
import { resolveProduct } from './products.js';
import { compileValidator } from '../validation/compile.js';
import { calculateRequest, type CalculateResponse, type NotTaxed, type ParsedRequest, type SellerContext, type Warning } from './schemas.js';
import { prepareSeller, type PreparedSeller } from './seller.js';
import { sourced } from './sourcing.js';

export interface EngineData {
  content: CompiledContent;
  zips: ZipIndex;
  imported: ImportedRates;
}

const requestValidator = compileValidator(calculateRequest);

export function calculate(data: EngineData, input: unknown, sellerInput?: SellerContext | PreparedSeller): CalculateResponse {
  return calculateParsed(data, requestValidator.parse(input), sellerInput);
}

/** For callers that validated the request against `calculateRequest` already (the API does, at its boundary). */
export function calculateParsed(data: EngineData, request: ParsedRequest, sellerInput?: SellerContext | PreparedSeller): CalculateResponse {
  const seller = prepareSeller(sellerInput);
  const warnings: Warning[] = [];
  const date = request.date;
  const currency = /^[A-Z]{3}$/.test(request.currency) ? request.currency : request.currency.toUpperCase();
  if (minorUnits(currency) === undefined) throw new TaxError('currency_unknown', `${request.currency} is not an ISO 4217 currency Levy can invoice in`, 'currency');

  const lineIds = lineIdsOf(request);
  const products = request.lines.map((line, i) => resolveProduct(line.productId, i, seller, data.content, warnings));

  const addressContext: AddressContext = { ...data, strict: seller.strictAddresses, date, warnings };
  const resolution = sourced(resolveAddress(request.customer.address, 'customer.address', addressContext), request, addressContext);
  if (resolution.jurisdictions.length === 0) {
    warnings.push({ code: 'jurisdiction_not_covered', message: `Levy has no tax content for ${resolution.country}: no tax is calculated`, param: 'customer.address.country' });
  }

  const taxIds = checkTaxIds(request, warnings);
  const planContext: PlanContext = {
    content: data.content,
    seller,
    date,
    mode: request.mode ?? 'collect',
    customerId: request.customer.id,
    customerType: request.customer.type ?? (request.customer.id ? seller.customers.get(request.customer.id)?.type : undefined) ?? 'business',
    transactionExemption: checkedExemption(request, data.content),
    taxIds,
    sellerCountry: request.shipFrom?.country.toUpperCase(),
  };
  const plans = resolution.jurisdictions.map((j) => planFor(j, planContext));
  const uncovered: NotTaxed | undefined =
    resolution.jurisdictions.length === 0
      ? { id: resolution.country, name: resolution.country, level: 'country', reason: 'not_covered', rule: 'Levy has no tax content for this country', ref: 'content/' }
      : undefined;

  const discounts = allocateDiscount(request, lineIds);
  const lines = request.lines.map((line, i) =>
    buildLine(
      {
        id: lineIds[i]!,
        productId: products[i]!.productId,
        category: products[i]!.category,
        amount: line.amount - discounts[i]!,
        discount: discounts[i]!,
        taxIncluded: line.taxIncluded ?? false,
      },
      plans,
      data.content,
      date,
      uncovered,
    ),
  );

  return assemble(request, currency, resolution, lines, plans, warnings);
}

/** The invoice's own exemption, its jurisdictions checked: a misspelt id would otherwise exempt nothing, silently. */
function checkedExemption(request: ParsedRequest, content: CompiledContent): ParsedRequest['exemption'] {
  const exemption = request.exemption;
  exemption?.jurisdictions?.forEach((id, i) => {
    if (!content.jurisdictions.has(id)) throw new TaxError('jurisdiction_unknown', `${id} is not a jurisdiction Levy has content for (US-TX, DE, CA-ON ...)`, `exemption.jurisdictions.${i}`);
  });
  return exemption;
}

function lineIdsOf(request: ParsedRequest): string[] {
  const ids = request.lines.map((line, i) => line.id ?? String(i + 1));
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw new TaxError('line_id_duplicate', `lines ${ids.indexOf(id)} and ${i} both have the id ${id}`, `lines.${i}.id`);
    seen.add(id);
  });
  return ids;
}

/** The invoice discount spread over the positive lines in proportion to their amounts. */
function allocateDiscount(request: ParsedRequest, lineIds: readonly string[]): number[] {
  const discount = request.discount ?? 0;
  if (discount < 0) throw new TaxError('parameter_invalid', 'discount must not be negative (a negative line adds a charge)', 'discount');
  if (discount === 0) return request.lines.map(() => 0);
  const weights = request.lines.map((l) => Math.max(l.amount, 0));
  const positive = weights.reduce((a, b) => a + b, 0);
  if (discount > positive) {
    throw new TaxError('discount_exceeds_subtotal', `the discount ${discount} exceeds the positive lines' total ${positive}`, 'discount');
  }
  return allocate(discount, weights, lineIds);
}

function checkTaxIds(request: ParsedRequest, warnings: Warning[]): CheckedTaxId[] {
  return (request.customer.taxIds ?? []).map((t, i) => {
    const check = checkTaxId(t.type, t.value);
    if (!check.valid) {
      warnings.push({
        code: 'tax_id_invalid',
        message: `${t.value} is not a well-formed ${t.type} number: the customer is treated as a consumer for VAT/GST`,
        param: `customer.taxIds.${i}.value`,
      });
    }
    return { type: t.type, value: t.value, valid: check.valid, country: check.country };
  });
}
