/**
 * Levy's answer as TaxJar's `tax` object. Figures are grouped by level
 * (state, county, city, special district; country for VAT/GST), counting
 * only jurisdictions Levy collects in. TaxJar names the same figure
 * differently at order, line and shipping level (tax_collectable vs
 * state_amount, special_district_taxable_amount vs special_taxable_amount):
 * the names below are TaxJar's, level by level.
 */
import { divideRoundHalfUpBig } from '../../money/round.js';
import { formatDecimal, parseDecimal, sum, type Decimal } from '../../money/decimal.js';
import type { CalculateResponse, LineJurisdiction, ResultLine } from '../../engine/schemas.js';
import { toDecimalNumber } from './money.js';
import { SHIPPING_LINE } from './invoice.js';

type Level = 'country' | 'state' | 'county' | 'city' | 'special';
const LEVELS: readonly Level[] = ['country', 'state', 'county', 'city', 'special'];

interface Figures {
  taxable: number;
  tax: number;
  rates: Map<string, string>;
}

function empty(): Record<Level, Figures> {
  return Object.fromEntries(LEVELS.map((l) => [l, { taxable: 0, tax: 0, rates: new Map() }])) as Record<Level, Figures>;
}

function collected(line: ResultLine): LineJurisdiction[] {
  return line.jurisdictions.filter((j) => j.collect);
}

/** One line's figures per level: its taxable base at that level, the tax, the rates of its jurisdictions. */
function lineFigures(line: ResultLine): Record<Level, Figures> {
  const figures = empty();
  for (const j of collected(line)) {
    const f = figures[j.level];
    f.taxable = Math.max(f.taxable, j.taxableAmount);
    f.tax += j.tax;
    f.rates.set(j.id, j.rate);
  }
  return figures;
}

function add(into: Record<Level, Figures>, from: Record<Level, Figures>): void {
  for (const l of LEVELS) {
    into[l].taxable += from[l].taxable;
    into[l].tax += from[l].tax;
    for (const [id, rate] of from[l].rates) into[l].rates.set(id, rate);
  }
}

function rateOf(rates: Iterable<string>): number {
  const list: Decimal[] = [...rates].map(parseDecimal);
  return list.length === 0 ? 0 : Number(formatDecimal(sum(list)));
}

function combinedRate(figures: Record<Level, Figures>): number {
  return rateOf(LEVELS.flatMap((l) => [...figures[l].rates.values()]));
}

/** amount_to_collect ÷ taxable_amount, as TaxJar defines `rate`, to four places rounded half up (exact integers, no float division). */
export function overallRate(tax: number, taxable: number): number {
  if (taxable === 0) return 0;
  const units = divideRoundHalfUpBig(BigInt(tax) * 10_000n, BigInt(taxable));
  return Number(formatDecimal({ units, scale: 4 }));
}

type Naming = 'order' | 'line' | 'shipping';

function levelFields(figures: Record<Level, Figures>, currency: string, naming: Naming): Record<string, number> {
  const money = (n: number) => toDecimalNumber(n, currency);
  const amountName = (level: string) => (naming === 'order' ? `${level}_tax_collectable` : `${level}_amount`);
  const out: Record<string, number> = {};
  if (figures.country.rates.size > 0) {
    out.country_taxable_amount = money(figures.country.taxable);
    out.country_tax_rate = rateOf(figures.country.rates.values());
    out.country_tax_collectable = money(figures.country.tax);
  }
  out.state_taxable_amount = money(figures.state.taxable);
  out[naming === 'order' ? 'state_tax_rate' : 'state_sales_tax_rate'] = rateOf(figures.state.rates.values());
  out[amountName('state')] = money(figures.state.tax);
  for (const level of ['county', 'city'] as const) {
    out[`${level}_taxable_amount`] = money(figures[level].taxable);
    out[`${level}_tax_rate`] = rateOf(figures[level].rates.values());
    out[amountName(level)] = money(figures[level].tax);
  }
  out[naming === 'shipping' ? 'special_taxable_amount' : 'special_district_taxable_amount'] = money(figures.special.taxable);
  out.special_tax_rate = rateOf(figures.special.rates.values());
  out[naming === 'order' ? 'special_district_tax_collectable' : 'special_district_amount'] = money(figures.special.tax);
  return out;
}

export interface TaxAnswerContext {
  hasNexus: boolean;
  /** Whether the request had line_items (TaxJar then itemizes them in the breakdown). */
  itemized: boolean;
  /** Present when the request sent a customer_id or exemption_type. */
  exemptionType?: string | undefined;
  /** Whether delivery charges are taxed at the destination. */
  freightTaxable: boolean;
}

export function taxAnswer(result: CalculateResponse, context: TaxAnswerContext): Record<string, unknown> {
  const currency = result.currency;
  const money = (n: number) => toDecimalNumber(n, currency);
  const shippingLine = result.lines.find((l) => l.id === SHIPPING_LINE);
  const shipping = shippingLine?.amount ?? 0;
  const exemption = context.exemptionType === undefined ? {} : { exemption_type: context.exemptionType };
  if (!context.hasNexus) {
    return {
      order_total_amount: money(result.subtotal - result.discount),
      shipping: money(shipping),
      taxable_amount: 0,
      amount_to_collect: 0,
      rate: 0,
      has_nexus: false,
      freight_taxable: context.freightTaxable,
      tax_source: null,
      ...exemption,
      jurisdictions: jurisdictionsOf(result),
    };
  }
  const order = empty();
  const lineItems: Array<Record<string, unknown>> = [];
  for (const line of result.lines) {
    const figures = lineFigures(line);
    add(order, figures);
    if (line.id === SHIPPING_LINE) continue;
    lineItems.push({
      id: line.id,
      taxable_amount: money(line.taxableAmount),
      tax_collectable: money(line.tax),
      combined_tax_rate: combinedRate(figures),
      ...levelFields(figures, currency, 'line'),
    });
  }
  const breakdown: Record<string, unknown> = {
    taxable_amount: money(result.taxableAmount),
    tax_collectable: money(result.tax),
    combined_tax_rate: combinedRate(order),
    ...levelFields(order, currency, 'order'),
  };
  if (shippingLine && shipping !== 0) {
    const figures = lineFigures(shippingLine);
    breakdown.shipping = {
      taxable_amount: money(shippingLine.taxableAmount),
      tax_collectable: money(shippingLine.tax),
      combined_tax_rate: combinedRate(figures),
      ...levelFields(figures, currency, 'shipping'),
    };
  }
  if (context.itemized) breakdown.line_items = lineItems;
  return {
    order_total_amount: money(result.subtotal - result.discount),
    shipping: money(shipping),
    taxable_amount: money(result.taxableAmount),
    amount_to_collect: money(result.tax),
    rate: overallRate(result.tax, result.taxableAmount),
    has_nexus: true,
    freight_taxable: context.freightTaxable,
    tax_source: result.address.sourcing === 'origin' ? 'origin' : 'destination',
    ...exemption,
    jurisdictions: jurisdictionsOf(result),
    breakdown,
  };
}

/** TaxJar writes county and city in capitals. */
export function jurisdictionsOf(result: CalculateResponse): Record<string, string> {
  const a = result.address;
  const out: Record<string, string> = { country: a.country };
  if (a.region) out.state = a.region;
  if (a.country === 'US' && a.county) out.county = a.county.toUpperCase();
  if (a.city) out.city = a.city.toUpperCase();
  return out;
}
