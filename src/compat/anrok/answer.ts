/**
 * Levy's calculation in Anrok's answer shape. Anrok groups a line's taxes by
 * juris (a state, a province, a country) and lists the taxes levied there
 * (state, county, city, district) under it; a juris that taxes nothing says
 * why. Amounts: `taxAmountToCollect` is an integer of minor units (what the
 * invoice adds: a tax-included line adds nothing); the rest are decimal
 * strings of minor units. Levy's figures are integers, so the strings are
 * exact.
 */
import type { CalculateResponse, LineJurisdiction, NotTaxed, ResultLine } from '../../engine/schemas.js';

export interface NotTaxedReason {
  type: 'exempt' | 'jurisHasNoTax' | 'notCollecting' | 'productNotTaxed';
  reason?: { type: 'reverseCharge' | 'customerExempt' | 'transactionExempt' };
}

export interface AnrokTax {
  taxName: string;
  taxableAmount: string;
  taxAmount: string;
  taxRate: string;
}

export interface AnrokJuris {
  name: string;
  taxes: AnrokTax[] | null;
  notTaxedReason: NotTaxedReason | null;
}

export interface AnrokLine {
  id: string | null;
  taxAmountToCollect: number;
  preTaxAmount: string;
  jurises: AnrokJuris[];
}

export interface AnrokAnswer {
  taxAmountToCollect: number;
  preTaxAmount: string;
  lineItems: AnrokLine[];
  jurisSummaries: Array<{ name: string; notTaxedReasons: NotTaxedReason[] | null }>;
}

/** The juris a Levy jurisdiction belongs to: itself for a state or country, else its nearest such ancestor. */
export type JurisOf = (jurisdictionId: string) => { id: string; name: string };

const EXEMPTION_REASONS = {
  reverse_charge: 'reverseCharge',
  customer_exempt: 'customerExempt',
  transaction_exempt: 'transactionExempt',
  certificate: 'customerExempt',
} as const;

function taxOf(j: LineJurisdiction): AnrokTax {
  return { taxName: `${j.name} ${j.taxName}`, taxableAmount: String(j.taxableAmount), taxAmount: String(j.tax), taxRate: j.rate };
}

function notTaxedOf(n: NotTaxed): NotTaxedReason {
  return { type: n.reason === 'not_taxable' ? 'productNotTaxed' : 'jurisHasNoTax' };
}

/** One juris of a line: its collected taxes, or why it collects none. */
function jurisOf(name: string, rows: LineJurisdiction[], notTaxed: NotTaxed[]): AnrokJuris {
  const collected = rows.filter((r) => r.collect && r.exemption === undefined);
  if (collected.length > 0) return { name, taxes: collected.map(taxOf), notTaxedReason: null };
  const exempt = rows.find((r) => r.exemption !== undefined);
  if (exempt?.exemption) return { name, taxes: null, notTaxedReason: { type: 'exempt', reason: { type: EXEMPTION_REASONS[exempt.exemption] } } };
  if (rows.length > 0) return { name, taxes: null, notTaxedReason: { type: 'notCollecting' } };
  return { name, taxes: null, notTaxedReason: notTaxedOf(notTaxed[0]!) };
}

function lineOf(line: ResultLine, requestId: string | null, jurisOfId: JurisOf): AnrokLine {
  const groups = new Map<string, { name: string; rows: LineJurisdiction[]; notTaxed: NotTaxed[] }>();
  const group = (id: string) => {
    const juris = jurisOfId(id);
    let g = groups.get(juris.id);
    if (!g) groups.set(juris.id, (g = { name: juris.name, rows: [], notTaxed: [] }));
    return g;
  };
  for (const j of line.jurisdictions) group(j.id).rows.push(j);
  for (const n of line.notTaxed) group(n.id).notTaxed.push(n);
  // A tax-included amount already holds its tax: the invoice adds nothing for it.
  const preTax = line.amount - line.discount;
  return {
    id: requestId,
    taxAmountToCollect: line.taxIncluded ? 0 : line.tax,
    preTaxAmount: String(preTax),
    jurises: [...groups.values()].map((g) => jurisOf(g.name, g.rows, g.notTaxed)),
  };
}

/** `requestLineIds` are the ids the caller sent (null where it sent none), in order. */
export function anrokAnswer(result: CalculateResponse, requestLineIds: ReadonlyArray<string | null>, jurisOfId: JurisOf): AnrokAnswer {
  const lineItems = result.lines.map((line, i) => lineOf(line, requestLineIds[i] ?? null, jurisOfId));
  const summaries = new Map<string, NotTaxedReason[] | null>();
  for (const line of lineItems) {
    for (const j of line.jurises) {
      const seen = summaries.get(j.name);
      if (j.notTaxedReason === null) summaries.set(j.name, null);
      else if (seen === undefined) summaries.set(j.name, [j.notTaxedReason]);
      else if (seen !== null && !seen.some((r) => JSON.stringify(r) === JSON.stringify(j.notTaxedReason))) seen.push(j.notTaxedReason);
    }
  }
  return {
    taxAmountToCollect: lineItems.reduce((sum, l) => sum + l.taxAmountToCollect, 0),
    preTaxAmount: String(result.lines.reduce((sum, l) => sum + l.amount - l.discount, 0)),
    lineItems,
    jurisSummaries: [...summaries.entries()].map(([name, notTaxedReasons]) => ({ name, notTaxedReasons })),
  };
}

/** The juris resolver over the tax content's jurisdictions (parent links). */
export function jurisResolver(jurisdictions: ReadonlyMap<string, { id: string; name: string; level: string; parent?: string | undefined }>): JurisOf {
  return (id) => {
    let j = jurisdictions.get(id);
    while (j && j.level !== 'state' && j.level !== 'country' && j.parent) j = jurisdictions.get(j.parent);
    return j ? { id: j.id, name: j.name } : { id, name: id };
  };
}
