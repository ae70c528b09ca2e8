/**
 * One invoice → tax per line and per jurisdiction. Pure and synchronous:
 * everything it needs (content, ZIP data, imported tables, the seller) comes
 * in as values; the date comes with the request and is echoed back, so a
 * stored calculation can be run again exactly.
 *
 * The steps, each in its own module: resolve the address to jurisdictions
 * (address.ts); per jurisdiction, decide registration and exemption
 * (exemptions.ts); per line, find the category (products.ts) and its
 * taxability (taxability.ts); compute the money (amounts.ts); add it up.
 */
import type { ZipIndex } from '../address/zip-index.js';
import type { CompiledContent, Jurisdiction } from '../content/compile.js';
import { TaxError } from '../errors/tax-error.js';
import { allocate } from '../money/allocate.js';
import { minorUnits } from '../money/currency.js';
import type { ImportedRates } from '../rates/imported.js';
import { checkTaxId } from '../taxid/check.js';
import { resolveAddress, type AddressContext, type Resolution } from './address.js';
import { lineAmounts } from './amounts.js';
import { countryOf, exemptionFor, qualifyingTaxId, taxIdTypesOf, type CheckedTaxId, type Exemption } from './exemptions.js';
import { resolveProduct } from './products.js';
import {
  calculateRequest,
  type CalculateResponse,
  type LineJurisdiction,
  type NotTaxed,
  type ParsedRequest,
  type ResultLine,
  type SellerContext,
  type Warning,
} from './schemas.js';
import { isRegistered, prepareSeller, type PreparedSeller } from './seller.js';
import { evaluate, type Buyer, type Evaluation } from './taxability.js';
import { zodToTaxError } from './validation.js';

export interface EngineData {
  content: CompiledContent;
  zips: ZipIndex;
  imported: ImportedRates;
}

/** How the seller stands in one jurisdiction of this invoice. */
interface Plan {
  j: Jurisdiction;
  buyer: Buyer;
  domestic: boolean;
  collect: boolean;
  exemption?: Exemption | undefined;
}

const LEVEL_ORDER = { country: 0, state: 1, county: 2, city: 3, special: 4 } as const;

export function calculate(data: EngineData, input: unknown, sellerInput?: SellerContext): CalculateResponse {
  const parsed = calculateRequest.safeParse(input);
  if (!parsed.success) throw zodToTaxError(parsed.error, undefined, 'parameter_invalid', input);
  const request = parsed.data;
  const seller = prepareSeller(sellerInput);
  const warnings: Warning[] = [];
  const date = request.date;
  const currency = request.currency.toUpperCase();
  if (minorUnits(currency) === undefined) throw new TaxError('currency_unknown', `${request.currency} is not an ISO 4217 currency Levy can invoice in`, 'currency');

  const lineIds = lineIdsOf(request);
  const products = request.lines.map((line, i) => resolveProduct(line.productId, `lines.${i}.productId`, seller, data.content, warnings));

  const addressContext: AddressContext = { ...data, strict: seller.strictAddresses, date, warnings };
  const resolution = sourced(resolveAddress(request.customer.address, 'customer.address', addressContext), request, addressContext);
  if (resolution.jurisdictions.length === 0) {
    warnings.push({ code: 'jurisdiction_not_covered', message: `Levy has no tax content for ${resolution.country}: no tax is calculated`, param: 'customer.address.country' });
  }

  const taxIds = checkTaxIds(request, warnings);
  const sellerCountry = request.shipFrom?.country.toUpperCase();
  const customerType = request.customer.type ?? (request.customer.id ? seller.customers.get(request.customer.id)?.type : undefined) ?? 'business';
  const plans = resolution.jurisdictions.map((j) => planFor(j, { data, seller, date, request, taxIds, sellerCountry, customerType }));

  const discounts = allocateDiscount(request, lineIds);
  const evaluations = new Map<string, Evaluation | undefined>();
  const lines = request.lines.map((line, i): ResultLine => {
    const category = products[i]!.category;
    const taxed: Array<{ plan: Plan; evaluation: Extract<Evaluation, { taxed: true }> }> = [];
    const notTaxed: NotTaxed[] = [];
    for (const plan of plans) {
      const key = `${plan.j.id}|${category}|${plan.buyer}|${plan.domestic}`;
      let evaluation = evaluations.get(key);
      if (!evaluations.has(key)) {
        evaluation = evaluate(plan.j, category, plan.buyer, { content: data.content, date, domestic: plan.domestic });
        evaluations.set(key, evaluation);
      }
      if (!evaluation) continue;
      if (evaluation.taxed) taxed.push({ plan, evaluation });
      else notTaxed.push({ id: plan.j.id, name: plan.j.name, level: plan.j.level, reason: evaluation.reason, rule: evaluation.rule, ref: evaluation.ref });
    }
    if (resolution.jurisdictions.length === 0) {
      notTaxed.push({ id: resolution.country, name: resolution.country, level: 'country', reason: 'not_covered', rule: 'Levy has no tax content for this country', ref: 'content/' });
    }
    const amount = line.amount - discounts[i]!;
    const money = lineAmounts(
      amount,
      line.taxIncluded ?? false,
      taxed.map(({ plan, evaluation }) => ({ factor: evaluation.factor, base: evaluation.base, exempt: plan.exemption !== undefined, collect: plan.collect })),
    );
    return {
      id: lineIds[i]!,
      productId: products[i]!.productId,
      taxCategory: category,
      amount: money.net,
      taxIncluded: line.taxIncluded ?? false,
      discount: discounts[i]!,
      taxableAmount: money.taxableAmount,
      nonTaxableAmount: money.nonTaxableAmount,
      exemptAmount: money.exemptAmount,
      tax: money.tax,
      jurisdictions: taxed.map(({ plan, evaluation }, k): LineJurisdiction => {
        const part = money.parts[k]!;
        const exemption = plan.exemption;
        return {
          id: plan.j.id,
          name: plan.j.name,
          level: plan.j.level,
          taxName: plan.j.taxName,
          rate: evaluation.rate,
          taxableAmount: part.taxableAmount,
          exemptAmount: part.exemptAmount,
          tax: part.tax,
          collect: plan.collect,
          notCollectedTax: part.notCollectedTax,
          rule: exemption ? exemptionRule(exemption, evaluation.rule) : evaluation.rule,
          ref: exemption?.kind === 'reverse_charge' ? exemption.ref : evaluation.ref,
          ...(exemption ? { exemption: exemption.kind } : {}),
        };
      }),
      notTaxed,
    };
  });

  return assemble(request, currency, resolution, lines, plans, warnings);
}

function planFor(
  j: Jurisdiction,
  ctx: {
    data: EngineData;
    seller: PreparedSeller;
    date: string;
    request: ParsedRequest;
    taxIds: readonly CheckedTaxId[];
    sellerCountry: string | undefined;
    customerType: Buyer;
  },
): Plan {
  const { data, seller, date } = ctx;
  const domestic = ctx.sellerCountry === countryOf(j);
  // Under VAT and GST a customer is a business for tax purposes when it gives a valid tax id.
  const vatLike = taxIdTypesOf(j, data.content).length > 0;
  const buyer: Buyer = vatLike ? (qualifyingTaxId(j, { content: data.content, taxIds: ctx.taxIds }) ? 'business' : 'individual') : ctx.customerType;
  const registrationIds = [...j.registrations];
  const membership = j.unions.at(date);
  const oss = membership ? data.content.unions.get(membership.union)?.oneStopShop : undefined;
  if (oss && !domestic) registrationIds.push(oss.registration);
  const collect = ctx.request.mode === 'estimate' || registrationIds.some((id) => isRegistered(seller, id, date));
  const exemption = exemptionFor(j, {
    content: data.content,
    seller,
    date,
    customerId: ctx.request.customer.id,
    taxIds: ctx.taxIds,
    sellerCountry: ctx.sellerCountry,
  });
  return { j, buyer, domestic, collect, exemption };
}

/**
 * In-state sales of a seller in an origin-based state take their local
 * taxes from where the seller ships (California: county and city from the
 * origin, district taxes from the destination).
 */
function sourced(destination: Resolution, request: ParsedRequest, ctx: AddressContext): Resolution {
  const from = request.shipFrom;
  const state = destination.jurisdictions[0];
  if (!from || from.country.toUpperCase() !== 'US' || destination.address.country !== 'US' || !state) return destination;
  if (from.region?.toUpperCase() !== destination.address.region) return destination;
  const sourcing = state.sourcing.at(ctx.date);
  if (!sourcing || sourcing.intrastate === 'destination') return destination;
  const originLevels = new Set<string>(sourcing.originLevels ?? (sourcing.intrastate === 'origin' ? ['county', 'city', 'special'] : []));
  const originWarnings: Warning[] = [];
  let origin: Resolution;
  try {
    origin = resolveAddress(from, 'shipFrom', { ...ctx, strict: false, warnings: originWarnings });
  } catch (error) {
    if (!(error instanceof TaxError)) throw error;
    ctx.warnings.push({ code: 'origin_unresolved', message: `the ship-from address could not be resolved (${error.message}): destination sourcing used`, param: 'shipFrom' });
    return destination;
  }
  if (origin.address.resolution !== 'zip5') {
    ctx.warnings.push({ code: 'origin_unresolved', message: 'the ship-from address has no usable ZIP code: destination sourcing used', param: 'shipFrom.postalCode' });
    return destination;
  }
  const locals = [
    ...origin.jurisdictions.slice(1).filter((j) => originLevels.has(j.level)),
    ...destination.jurisdictions.slice(1).filter((j) => !originLevels.has(j.level)),
  ];
  return {
    ...destination,
    address: { ...destination.address, sourcing: sourcing.intrastate },
    jurisdictions: [state, ...locals],
  };
}

function lineIdsOf(request: ParsedRequest): string[] {
  const ids = request.lines.map((line, i) => line.id ?? String(i + 1));
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw new TaxError('line_id_duplicate', `lines ${seen.get(id)} and ${i} both have the id ${id}`, `lines.${i}.id`);
    seen.set(id, i);
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

function exemptionRule(exemption: Exemption, rule: string): string {
  switch (exemption.kind) {
    case 'customer_exempt':
      return `exempt: the customer is exempt (otherwise: ${rule})`;
    case 'certificate':
      return `exempt by certificate ${exemption.certificateId} (otherwise: ${rule})`;
    case 'reverse_charge':
      return `reverse charge: ${exemption.rule}`;
  }
}

function assemble(
  request: ParsedRequest,
  currency: string,
  resolution: Resolution,
  lines: ResultLine[],
  plans: readonly Plan[],
  warnings: Warning[],
): CalculateResponse {
  const totals = new Map<string, CalculateResponse['jurisdictions'][number]>();
  let taxable = 0;
  let nonTaxable = 0;
  let exempt = 0;
  let tax = 0;
  let net = 0;
  for (const line of lines) {
    taxable += line.taxableAmount;
    nonTaxable += line.nonTaxableAmount;
    exempt += line.exemptAmount;
    tax += line.tax;
    net += line.amount;
    for (const j of line.jurisdictions) {
      const t = totals.get(j.id) ?? { id: j.id, name: j.name, level: j.level, taxableAmount: 0, exemptAmount: 0, tax: 0, notCollectedTax: 0, collect: j.collect };
      t.taxableAmount += j.taxableAmount;
      t.exemptAmount += j.exemptAmount;
      t.tax += j.tax;
      t.notCollectedTax += j.notCollectedTax;
      totals.set(j.id, t);
    }
  }
  const jurisdictions = [...totals.values()].sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || (a.id < b.id ? -1 : 1));

  const exemptions = new Map<string, CalculateResponse['exemptions'][number]>();
  for (const plan of plans) {
    const e = plan.exemption;
    if (!e || !totals.has(plan.j.id)) continue;
    const key = e.kind === 'certificate' ? `c:${e.certificateId}` : e.kind === 'reverse_charge' ? `r:${e.taxId}` : e.kind;
    const entry = exemptions.get(key) ?? {
      kind: e.kind,
      ...(e.kind === 'certificate' ? { certificateId: e.certificateId } : {}),
      ...(e.kind === 'reverse_charge' ? { taxId: e.taxId } : {}),
      jurisdictions: [],
    };
    entry.jurisdictions.push(plan.j.id);
    exemptions.set(key, entry);
  }

  return {
    date: request.date,
    currency,
    mode: request.mode ?? 'collect',
    subtotal: request.lines.reduce((a, l) => a + l.amount, 0),
    discount: request.discount ?? 0,
    taxableAmount: taxable,
    nonTaxableAmount: nonTaxable,
    exemptAmount: exempt,
    tax,
    total: net + tax,
    address: resolution.address,
    lines,
    jurisdictions,
    notCollected: jurisdictions
      .filter((j) => !j.collect && (j.notCollectedTax !== 0 || j.taxableAmount !== 0))
      .map((j) => ({ id: j.id, name: j.name, level: j.level, taxableAmount: j.taxableAmount, tax: j.notCollectedTax, reason: 'not_registered' as const })),
    exemptions: [...exemptions.values()],
    warnings: dedupe(warnings),
  };
}

function dedupe(warnings: Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}|${w.param ?? ''}|${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
