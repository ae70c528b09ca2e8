/**
 * Cross-checks our standard VAT/GST rates against the `sales-tax` npm
 * package, which keeps EU, UK, Canadian and Australian rates current (its US
 * state rates are wrong for several states, so they are not compared).
 */
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type Engine } from '../index.js';
import { compare, parseDecimal, sum } from '../money/decimal.js';
import { previousDay } from './dates.js';

interface PeerRate {
  rate: number;
  before?: Record<string, { rate: number }>;
  states?: Record<string, PeerRate & { type: string }>;
}
const peer = createRequire(import.meta.url)('sales-tax/res/sales_tax_rates.json') as Record<string, PeerRate>;
const EU = (createRequire(import.meta.url)('sales-tax/res/region_countries.json') as { EU: string[] }).EU;

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

/** The peer's rate (a float in its JSON) as an exact decimal: String() gives its shortest decimal form. */
const exact = (rate: number) => parseDecimal(String(rate));

function ours(id: string, date: string) {
  const rate = engine.content.jurisdictions.get(id)?.rates.at(date);
  if (!rate) throw new Error(`no ${id} rate on ${date}`);
  return rate.decimal;
}

/**
 * Where the package is wrong, and why; each key is a change date as the
 * package has it, each value the date the law gives. The comparison uses
 * the law's date, so a fix in the package shows up here as a failure.
 */
const KNOWN_DIFFERENCES: Record<string, { law: string; reason: string }> = {
  'RO 2025-08-02': { law: '2025-08-01', reason: 'Law 141/2025 applies 21% from 1 August 2025; the package dates the change a day later' },
};

/** Each date on which the peer states a rate: today's, and the day before each change it records. */
function datedRates(entry: PeerRate, id: string): Array<[string, number]> {
  const dates: Array<[string, number]> = [['2026-06-01', entry.rate]];
  for (const [instant, previous] of Object.entries(entry.before ?? {})) {
    // Instants are local midnights written in UTC (2020-12-31T22:00Z is 1 January in Berlin).
    const changed = new Date(Date.parse(instant) + 12 * 3600_000).toISOString().slice(0, 10);
    dates.push([previousDay(KNOWN_DIFFERENCES[`${id} ${changed}`]?.law ?? changed), previous.rate]);
  }
  return dates;
}

describe('standard rates agree with the sales-tax package', () => {
  it('covers the 27 EU members', () => {
    expect(EU).toHaveLength(27);
  });

  it.each([...EU, 'GB', 'AU'])('%s', (country) => {
    for (const [date, rate] of datedRates(peer[country]!, country)) {
      expect({ country, date, rate: compare(ours(country, date), exact(rate)) === 0 ? 'same' : `ours ${ours(country, date).units}/${ours(country, date).scale}` }).toEqual({ country, date, rate: 'same' });
    }
  });

  it('Canada: GST, and each province\'s HST, PST or QST', () => {
    const ca = peer.CA!;
    expect(compare(ours('CA', '2026-06-01'), exact(ca.rate))).toBe(0);
    for (const [province, entry] of Object.entries(ca.states ?? {})) {
      for (const [date, rate] of datedRates(entry, `CA-${province}`)) {
        // The package stores HST as its provincial part; our HST provinces carry the whole harmonized rate.
        const expected = entry.type === 'hst' ? sum([exact(rate), exact(ca.rate)]) : exact(rate);
        expect({ province, date, same: compare(ours(`CA-${province}`, date), expected) === 0 }).toEqual({ province, date, same: true });
      }
    }
  });
});
