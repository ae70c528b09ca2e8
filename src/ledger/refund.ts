/**
 * A refund reverses a committed sale pro rata, with the sale's own address,
 * rates, rules and registrations: nothing is recalculated, so a 2026 refund
 * of a 2024 sale gives back 2024's tax.
 *
 * Every figure is refunded cumulatively: after refunds totalling x of a
 * line's amount A, exactly round(f × x / A) of each figure f has been given
 * back (rounded half up). So partial refunds never sum to more than was
 * charged, and refunding the whole line returns each figure to the cent.
 */
import { TaxError } from '../errors/tax-error.js';
import { summarize } from '../engine/assemble.js';
import type { CalculateResponse, LineJurisdiction, ResultLine } from '../engine/schemas.js';
import { divideRoundHalfUpBig } from '../money/round.js';
import { groupBy } from '../util/group.js';

export interface RefundRequest {
  date: string;
  /** Amounts refunded per original line (positive, in the line's own terms); the whole remainder when absent. */
  lines?: Array<{ id: string; amount: number }> | undefined;
}

/** `f × part / whole`, rounded half up, exactly. */
function share(f: number, part: number, whole: number): number {
  if (part === whole) return f;
  const sign = whole < 0 ? -1n : 1n;
  return Number(divideRoundHalfUpBig(BigInt(f) * BigInt(part) * sign, BigInt(whole) * sign));
}

/**
 * @param original the sale's stored answer
 * @param previous the answers of its earlier refunds that still stand (not voided)
 */
export function refundOf(original: CalculateResponse, previous: readonly CalculateResponse[], request: RefundRequest): CalculateResponse {
  const refunded = groupBy(previous.flatMap((p) => p.lines), (l) => l.id);
  const byId = new Map(original.lines.map((l) => [l.id, l]));

  const asked = new Map<string, number>();
  if (request.lines) {
    request.lines.forEach((l, i) => {
      if (!byId.has(l.id)) throw new TaxError('refund_line_unknown', `the original transaction has no line ${l.id}`, `lines.${i}.id`);
      if (asked.has(l.id)) throw new TaxError('line_id_duplicate', `line ${l.id} is named twice`, `lines.${i}.id`);
      asked.set(l.id, l.amount);
    });
  }

  const lines: ResultLine[] = [];
  original.lines.forEach((line) => {
    const before = refunded.get(line.id) ?? [];
    // Earlier refunds carry negative amounts: what has been given back, in the line's own sign.
    const done = -before.reduce((a, l) => a + l.amount, 0);
    const remaining = line.amount - done;
    const index = request.lines?.findIndex((l) => l.id === line.id) ?? -1;
    let amount: number;
    if (!request.lines) amount = remaining;
    else if (!asked.has(line.id)) return;
    else {
      const magnitude = asked.get(line.id)!;
      amount = line.amount < 0 ? -magnitude : magnitude;
      if (Math.abs(amount) > Math.abs(remaining)) {
        throw new TaxError(
          'refund_exceeds_original',
          `line ${line.id}: refunding ${magnitude} would exceed what was charged (${Math.abs(line.amount)}, of which ${Math.abs(done)} already refunded)`,
          `lines.${index}.amount`,
        );
      }
    }
    if (amount === 0) return;
    lines.push(refundLine(line, done, done + amount));
  });
  if (lines.length === 0) {
    throw new TaxError('refund_exceeds_original', 'everything the original transaction charged has been refunded already', 'lines');
  }

  const sums = summarize(lines);
  return {
    ...original,
    date: request.date,
    subtotal: lines.reduce((a, l) => a + l.amount, 0),
    discount: 0,
    taxableAmount: sums.taxableAmount,
    nonTaxableAmount: sums.nonTaxableAmount,
    exemptAmount: sums.exemptAmount,
    tax: sums.tax,
    total: sums.total,
    lines,
    jurisdictions: sums.jurisdictions,
    notCollected: sums.notCollected,
    warnings: [],
  };
}

/** The part of `line` between `from` and `to` of its amount, as negative figures. */
function refundLine(line: ResultLine, from: number, to: number): ResultLine {
  // Written as a difference, not a negation, so that nothing refunded is +0, never -0.
  const give = (f: number) => share(f, from, line.amount) - share(f, to, line.amount);
  const jurisdictions = line.jurisdictions.map((j): LineJurisdiction => ({
    ...j,
    taxableAmount: give(j.taxableAmount),
    exemptAmount: give(j.exemptAmount),
    tax: give(j.tax),
    notCollectedTax: give(j.notCollectedTax),
  }));
  const amount = from - to;
  const taxableAmount = give(line.taxableAmount);
  const exemptAmount = give(line.exemptAmount);
  return {
    ...line,
    amount,
    discount: 0,
    taxableAmount,
    exemptAmount,
    nonTaxableAmount: amount - taxableAmount - exemptAmount,
    tax: jurisdictions.reduce((a, j) => a + j.tax, 0),
    jurisdictions,
  };
}
