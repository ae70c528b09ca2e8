/**
 * The money of one line: its tax per jurisdiction and its split into
 * taxable, non-taxable and exempt parts.
 *
 * Tax on a price without tax: each jurisdiction's tax is the price times
 * its base times its rate, kept exact and rounded once, half up.
 *
 * Tax on a price that includes tax: the line's total tax is the price less
 * the price divided by (1 + the sum of the collecting jurisdictions' base ×
 * rate), rounded once, and that total is split across those jurisdictions in
 * proportion to their base × rate by largest remainder. The net amount plus
 * the taxes is then exactly the price.
 */
import { allocate } from '../money/allocate.js';
import type { Decimal } from '../money/decimal.js';
import { divideRoundHalfUpBig, multiplyRound } from '../money/round.js';

export interface TaxedJurisdiction {
  factor: Decimal;
  base?: Decimal | undefined;
  exempt: boolean;
  collect: boolean;
}

export interface JurisdictionAmounts {
  taxableAmount: number;
  exemptAmount: number;
  tax: number;
  notCollectedTax: number;
}

export interface LineAmounts {
  /** The amount without tax (a tax-included price less its tax). */
  net: number;
  parts: JurisdictionAmounts[];
  tax: number;
  taxableAmount: number;
  exemptAmount: number;
  nonTaxableAmount: number;
}

export function lineAmounts(amount: number, taxIncluded: boolean, taxed: readonly TaxedJurisdiction[]): LineAmounts {
  const included = taxIncluded ? includedTaxes(amount, taxed) : undefined;
  const net = included?.net ?? amount;
  const parts = taxed.map((t, i): JurisdictionAmounts => {
    const base = t.base ? multiplyRound(net, t.base) : net;
    if (t.exempt) return { taxableAmount: 0, exemptAmount: base, tax: 0, notCollectedTax: 0 };
    const tax = included?.taxes.get(i) ?? multiplyRound(net, t.factor);
    return t.collect
      ? { taxableAmount: base, exemptAmount: 0, tax, notCollectedTax: 0 }
      : { taxableAmount: base, exemptAmount: 0, tax: 0, notCollectedTax: tax };
  });

  let tax = 0;
  let taxable = 0;
  let exempt = 0;
  for (const p of parts) {
    tax += p.tax;
    if (Math.abs(p.taxableAmount) > Math.abs(taxable)) taxable = p.taxableAmount;
    if (Math.abs(p.exemptAmount) > Math.abs(exempt)) exempt = p.exemptAmount;
  }
  // Jurisdictions may disagree (one exempts what another taxes): the line
  // reports the largest taxable share, and what an exemption removed beyond it.
  const room = Math.abs(net) - Math.abs(taxable);
  if (Math.abs(exempt) > room) exempt = Math.sign(net) * room;
  return { net, parts, tax, taxableAmount: taxable, exemptAmount: exempt, nonTaxableAmount: net - taxable - exempt };
}

function includedTaxes(gross: number, taxed: readonly TaxedJurisdiction[]): { net: number; taxes: Map<number, number> } | undefined {
  const collecting = taxed.map((t, i) => ({ t, i })).filter(({ t }) => t.collect && !t.exempt && t.factor.units !== 0n);
  if (collecting.length === 0) return undefined;
  const scale = Math.max(...collecting.map(({ t }) => t.factor.scale));
  const units = collecting.map(({ t }) => t.factor.units * 10n ** BigInt(scale - t.factor.scale));
  const one = 10n ** BigInt(scale);
  const total = units.reduce((a, b) => a + b, 0n);
  const net = Number(divideRoundHalfUpBig(BigInt(gross) * one, one + total));
  const shares = allocate(gross - net, units.map(Number));
  return { net, taxes: new Map(collecting.map(({ i }, k) => [i, shares[k]!])) };
}
