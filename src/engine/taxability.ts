/**
 * Whether a jurisdiction taxes a category on a date, for a kind of buyer,
 * and on what base at what rate. A local follows its state's rule (same
 * base, its own rate) unless it has a rule of its own; a union member
 * follows the union's rules unless it has its own.
 */
import type { CompiledContent, Jurisdiction, Lanes, RateValue, TaxRule } from '../content/compile.js';
import { TaxError } from '../errors/tax-error.js';
import { multiply, type Decimal } from '../money/decimal.js';
import type { NotTaxed } from './schemas.js';

export type Buyer = 'business' | 'individual';

export type Evaluation =
  | { taxed: true; rate: string; factor: Decimal; base?: Decimal | undefined; rule: string; ref: string }
  | { taxed: false; reason: NotTaxed['reason']; rule: string; ref: string };

export interface TaxabilityContext {
  content: CompiledContent;
  date: string;
  /** The seller is established in the jurisdiction's country (shipFrom). */
  domestic: boolean;
}

const LOCAL = new Set(['county', 'city', 'special']);

/** undefined: the jurisdiction does not exist on that date (a local tax not yet in force or ended). */
export function evaluate(j: Jurisdiction, category: string, buyer: Buyer, ctx: TaxabilityContext): Evaluation | undefined {
  const local = LOCAL.has(j.level);
  const rate = j.rates.at(ctx.date);
  if (!rate) {
    if (local) return undefined;
    throw new TaxError('content_unavailable', `Levy's content has no ${j.name} rate for ${ctx.date} (content covers 2020-01-01 on)`, 'date');
  }
  const universal = ctx.content.categories.get(category)?.everywhere;
  if (universal) return { taxed: false, reason: 'not_taxable', rule: universal.rule, ref: universal.ref };
  if (rate.decimal.units === 0n && !hasOwnRule(j, category)) {
    if (local) return undefined;
    return { taxed: false, reason: 'no_sales_tax', rule: rate.rule ?? `${j.name} has no ${j.taxName}`, ref: rate.ref };
  }
  const rule = ruleFor(j, category, buyer, ctx);
  // A local that only follows its state says nothing the state's own entry does not.
  if (local && rule && !rule.taxable && !hasOwnRule(j, category) && !rule.excludedLocally) return undefined;
  if (!rule) {
    if (local) return { taxed: false, reason: 'not_taxable', rule: `Levy's content has no rule for ${category} here`, ref: j.file };
    throw new TaxError('content_unavailable', `Levy's content has no ${j.name} rule for ${category} on ${ctx.date}`, 'date');
  }
  if (!rule.taxable) return { taxed: false, reason: 'not_taxable', rule: rule.rule, ref: rule.ref };
  if (rule.supply === 'origin' && !ctx.domestic) {
    return { taxed: false, reason: 'place_of_supply', rule: rule.rule, ref: rule.ref };
  }
  return taxedAt(rule, rate);
}

function taxedAt(rule: TaxRule, rate: RateValue): Evaluation {
  const own = rule.rate;
  const decimal = own?.decimal ?? rate.decimal;
  return {
    taxed: true,
    rate: own?.text ?? rate.rate,
    factor: rule.base ? multiply(rule.base, decimal) : decimal,
    base: rule.base,
    rule: rule.rule,
    ref: own ? rule.ref : rate.ref === rule.ref ? rule.ref : `${rule.ref}; rate: ${rate.ref}`,
  };
}

function hasOwnRule(j: Jurisdiction, category: string): boolean {
  return j.rules.has(category);
}

/** The rule in force, with locals following their parent and members their union. */
export function ruleFor(j: Jurisdiction, category: string, buyer: Buyer, ctx: TaxabilityContext): TaxRule | undefined {
  const own = j.rules.get(category);
  if (own) return pick(own, buyer, ctx.date);
  if (LOCAL.has(j.level) && j.parent) {
    const parent = ctx.content.jurisdictions.get(j.parent);
    const inherited = parent ? ruleFor(parent, category, buyer, ctx) : undefined;
    if (!inherited) return undefined;
    if (inherited.taxable && !inherited.local) {
      return { ...inherited, taxable: false, base: undefined, rate: undefined, rule: `${inherited.rule}; local taxes do not apply`, excludedLocally: true };
    }
    // A local taxes on its state's base at its own rate.
    return { ...inherited, rate: undefined };
  }
  const membership = j.unions.at(ctx.date);
  const lanes = membership ? ctx.content.unions.get(membership.union)?.rules.get(category) : undefined;
  return lanes ? pick(lanes, buyer, ctx.date) : undefined;
}

function pick(lanes: Lanes, buyer: Buyer, date: string): TaxRule | undefined {
  return lanes[buyer].at(date) ?? lanes.any.at(date);
}
