/**
 * How the seller stands in one jurisdiction of an invoice (registered?
 * exempt? a business or a consumer under VAT?), and what that means for each
 * tax category on the invoice: its treatment, worked out once per invoice.
 */
import type { CompiledContent, Jurisdiction } from '../content/compile.js';
import type { Decimal } from '../money/decimal.js';
import { countryOf, exemptionFor, qualifyingTaxId, taxIdTypesOf, type CheckedTaxId, type Exemption, type TransactionExemption } from './exemptions.js';
import type { LineJurisdiction, NotTaxed } from './schemas.js';
import { isRegistered, type PreparedSeller } from './seller.js';
import { evaluate, type Buyer, type Evaluation } from './taxability.js';

export interface Plan {
  j: Jurisdiction;
  buyer: Buyer;
  domestic: boolean;
  collect: boolean;
  exemption?: Exemption | undefined;
  treatments: Map<string, Treatment>;
  /** Taxability by category for this jurisdiction, date, buyer and establishment (kept across invoices). */
  evaluations: Map<string, Evaluation | undefined>;
}

/** What a jurisdiction does to a line of one category: tax it (with what) or not (and why). */
export type Treatment =
  | { taxed: true; factor: Decimal; base?: Decimal | undefined; exempt: boolean; collect: boolean; entry: Omit<LineJurisdiction, 'taxableAmount' | 'exemptAmount' | 'tax' | 'notCollectedTax'> }
  | { taxed: false; entry: NotTaxed }
  | undefined;

export interface PlanContext {
  content: CompiledContent;
  seller: PreparedSeller;
  date: string;
  mode: 'collect' | 'estimate';
  customerId: string | undefined;
  customerType: Buyer;
  transactionExemption?: TransactionExemption | undefined;
  taxIds: readonly CheckedTaxId[];
  /** Where the seller is established (the ship-from country). */
  sellerCountry: string | undefined;
}

export function planFor(j: Jurisdiction, ctx: PlanContext): Plan {
  const { content, seller, date } = ctx;
  const domestic = ctx.sellerCountry === countryOf(j);
  // Under VAT and GST a customer is a business for tax purposes when it gives a valid tax id.
  const vatLike = taxIdTypesOf(j, content).length > 0;
  const buyer: Buyer = vatLike ? (qualifyingTaxId(j, { content, taxIds: ctx.taxIds }) ? 'business' : 'individual') : ctx.customerType;
  const membership = j.unions.at(date);
  const oss = membership ? content.unions.get(membership.union)?.oneStopShop : undefined;
  const collect =
    ctx.mode === 'estimate' ||
    j.registrations.some((id) => isRegistered(seller, id, date)) ||
    (oss !== undefined && !domestic && isRegistered(seller, oss.registration, date));
  const exemption = exemptionFor(j, {
    content,
    seller,
    date,
    customerId: ctx.customerId,
    transactionExemption: ctx.transactionExemption,
    taxIds: ctx.taxIds,
    sellerCountry: ctx.sellerCountry,
  });
  return { j, buyer, domestic, collect, exemption, treatments: new Map(), evaluations: remembered(j, date, buyer, domestic) };
}

export function treatmentOf(plan: Plan, category: string, content: CompiledContent, date: string): Treatment {
  if (plan.treatments.has(category)) return plan.treatments.get(category);
  let evaluation = plan.evaluations.get(category);
  if (evaluation === undefined && !plan.evaluations.has(category)) {
    evaluation = evaluate(plan.j, category, plan.buyer, { content, date, domestic: plan.domestic });
    plan.evaluations.set(category, evaluation);
  }
  const treatment = treat(plan, evaluation);
  plan.treatments.set(category, treatment);
  return treatment;
}

function treat(plan: Plan, evaluation: Evaluation | undefined): Treatment {
  if (!evaluation) return undefined;
  const { j, exemption } = plan;
  if (!evaluation.taxed) {
    return { taxed: false, entry: { id: j.id, name: j.name, level: j.level, reason: evaluation.reason, rule: evaluation.rule, ref: evaluation.ref } };
  }
  return {
    taxed: true,
    factor: evaluation.factor,
    base: evaluation.base,
    exempt: exemption !== undefined,
    collect: plan.collect,
    entry: {
      id: j.id,
      name: j.name,
      level: j.level,
      taxName: j.taxName,
      rate: evaluation.rate,
      collect: plan.collect,
      rule: exemption ? exemptionRule(exemption, evaluation.rule) : evaluation.rule,
      ref: exemption?.kind === 'reverse_charge' ? exemption.ref : evaluation.ref,
      exemption: exemption?.kind,
    },
  };
}

/**
 * Taxability depends only on the jurisdiction, date, buyer, supplier's
 * establishment and category, so it is remembered across invoices: per
 * jurisdiction object and date (a bounded map), one map of evaluations by
 * category for each kind of buyer and establishment.
 */
const memory = new WeakMap<Jurisdiction, Map<string, Array<Map<string, Evaluation | undefined>>>>();
const REMEMBER_AT_MOST = 1024;

function remembered(j: Jurisdiction, date: string, buyer: Buyer, domestic: boolean): Map<string, Evaluation | undefined> {
  let byDate = memory.get(j);
  if (!byDate) memory.set(j, (byDate = new Map()));
  let slots = byDate.get(date);
  if (!slots) {
    if (byDate.size >= REMEMBER_AT_MOST) byDate.clear();
    byDate.set(date, (slots = []));
  }
  const slot = (buyer === 'business' ? 0 : 2) + (domestic ? 1 : 0);
  return (slots[slot] ??= new Map());
}

function exemptionRule(exemption: Exemption, rule: string): string {
  switch (exemption.kind) {
    case 'customer_exempt':
      return `exempt: the customer is exempt (otherwise: ${rule})`;
    case 'transaction_exempt':
      return `exempt: the invoice claims a ${exemption.reason} exemption${exemption.number ? ` (${exemption.number})` : ''} (otherwise: ${rule})`;
    case 'certificate':
      return `exempt by certificate ${exemption.certificateId} (otherwise: ${rule})`;
    case 'reverse_charge':
      return `reverse charge: ${exemption.rule}`;
  }
}
