/**
 * One line of the answer: its treatment by each jurisdiction of the invoice
 * and the money that follows (amounts.ts).
 */
import type { CompiledContent } from '../content/compile.js';
import { lineAmounts, type TaxedJurisdiction } from './amounts.js';
import { treatmentOf, type Plan } from './plan.js';
import type { LineJurisdiction, NotTaxed, ResultLine } from './schemas.js';

export interface LineInput {
  id: string;
  productId: string;
  category: string;
  /** After the line's share of the invoice discount. */
  amount: number;
  discount: number;
  taxIncluded: boolean;
}

export function buildLine(line: LineInput, plans: readonly Plan[], content: CompiledContent, date: string, uncovered?: NotTaxed): ResultLine {
  const taxed: Array<Extract<NonNullable<ReturnType<typeof treatmentOf>>, { taxed: true }>> = [];
  const notTaxed: NotTaxed[] = [];
  for (const plan of plans) {
    const t = treatmentOf(plan, line.category, content, date);
    if (!t) continue;
    if (t.taxed) taxed.push(t);
    else notTaxed.push(copyNotTaxed(t.entry));
  }
  if (uncovered) notTaxed.push(copyNotTaxed(uncovered));
  const money = lineAmounts(line.amount, line.taxIncluded, taxed satisfies TaxedJurisdiction[]);
  // Literal objects of one shape (no spreads): answers are built by the
  // million, and V8 keeps same-shaped objects fast to build and to read.
  const jurisdictions = taxed.map((t, k): LineJurisdiction => {
    const part = money.parts[k]!;
    const e = t.entry;
    return {
      id: e.id,
      name: e.name,
      level: e.level,
      taxName: e.taxName,
      rate: e.rate,
      taxableAmount: part.taxableAmount,
      exemptAmount: part.exemptAmount,
      tax: part.tax,
      collect: e.collect,
      notCollectedTax: part.notCollectedTax,
      rule: e.rule,
      ref: e.ref,
      exemption: e.exemption,
    };
  });
  return {
    id: line.id,
    productId: line.productId,
    taxCategory: line.category,
    amount: money.net,
    taxIncluded: line.taxIncluded,
    discount: line.discount,
    taxableAmount: money.taxableAmount,
    nonTaxableAmount: money.nonTaxableAmount,
    exemptAmount: money.exemptAmount,
    tax: money.tax,
    jurisdictions,
    notTaxed,
  };
}

function copyNotTaxed(e: NotTaxed): NotTaxed {
  return { id: e.id, name: e.name, level: e.level, reason: e.reason, rule: e.rule, ref: e.ref };
}
