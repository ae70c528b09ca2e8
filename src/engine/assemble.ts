/**
 * Lines → invoice: totals, the jurisdictions summary, what was not
 * collected and what exempted the sale. Every invoice figure is a sum of
 * line figures, so the two always agree.
 */
import type { Resolution } from './address.js';
import type { Plan } from './plan.js';
import type { CalculateResponse, ParsedRequest, ResultLine, Warning } from './schemas.js';

const LEVEL_ORDER = { country: 0, state: 1, county: 2, city: 3, special: 4 } as const;

/** What every answer sums from its lines: totals, jurisdictions, and the tax not collected. */
export function summarize(lines: readonly ResultLine[]) {
  const totals = new Map<string, CalculateResponse['jurisdictions'][number]>();
  let taxableAmount = 0;
  let nonTaxableAmount = 0;
  let exemptAmount = 0;
  let tax = 0;
  let net = 0;
  for (const line of lines) {
    taxableAmount += line.taxableAmount;
    nonTaxableAmount += line.nonTaxableAmount;
    exemptAmount += line.exemptAmount;
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
  const notCollected = jurisdictions
    .filter((j) => !j.collect && (j.notCollectedTax !== 0 || j.taxableAmount !== 0))
    .map((j) => ({ id: j.id, name: j.name, level: j.level, taxableAmount: j.taxableAmount, tax: j.notCollectedTax, reason: 'not_registered' as const }));
  return { taxableAmount, nonTaxableAmount, exemptAmount, tax, total: net + tax, jurisdictions, notCollected };
}

export function assemble(
  request: ParsedRequest,
  currency: string,
  resolution: Resolution,
  lines: ResultLine[],
  plans: readonly Plan[],
  warnings: Warning[],
): CalculateResponse {
  const sums = summarize(lines);
  const exemptions = new Map<string, CalculateResponse['exemptions'][number]>();
  const taxing = new Set(sums.jurisdictions.map((j) => j.id));
  for (const plan of plans) {
    const e = plan.exemption;
    if (!e || !taxing.has(plan.j.id)) continue;
    const key = e.kind === 'certificate' ? `c:${e.certificateId}` : e.kind === 'reverse_charge' ? `r:${e.taxId}` : e.kind;
    const entry = exemptions.get(key) ?? {
      kind: e.kind,
      ...(e.kind === 'certificate' ? { certificateId: e.certificateId } : {}),
      ...(e.kind === 'transaction_exempt' ? { reason: e.reason, ...(e.number !== undefined ? { number: e.number } : {}) } : {}),
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
    taxableAmount: sums.taxableAmount,
    nonTaxableAmount: sums.nonTaxableAmount,
    exemptAmount: sums.exemptAmount,
    tax: sums.tax,
    total: sums.total,
    address: resolution.address,
    lines,
    jurisdictions: sums.jurisdictions,
    notCollected: sums.notCollected,
    exemptions: [...exemptions.values()],
    warnings: dedupe(warnings),
  };
}

function dedupe(warnings: Warning[]): Warning[] {
  if (warnings.length < 2) return warnings;
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}|${w.param ?? ''}|${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
