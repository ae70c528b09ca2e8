/**
 * Rates for a location, from Levy's engine: a quote of general goods (and a
 * shipping line, for freight_taxable) in estimate mode, as if the seller
 * collected everywhere, read back level by level. Rates are decimal
 * strings, as TaxJar's documented answers and official client carry them.
 */
import type { Engine } from '../../engine/load-engine.js';
import type { Address, CalculateResponse } from '../../engine/schemas.js';
import { formatDecimal, parseDecimal, sum } from '../../money/decimal.js';
import { divideRoundHalfUpBig } from '../../money/round.js';
import { zipIndex } from '../../address/zip-index.js';
import { currencyOf } from './invoice.js';
import { freightTaxable } from './taxes.js';

const PROBE = 1_000_000;

export function probe(engine: Engine, address: Address, date: string): CalculateResponse {
  const currency = currencyOf(engine.content, address.country);
  return engine.calculateValidated({
    date,
    currency,
    mode: 'estimate',
    customer: { address },
    lines: [
      { id: 'goods', productId: 'goods.general', amount: PROBE },
      { id: 'shipping', productId: 'shipping', amount: PROBE },
    ],
  });
}

function levelRate(result: CalculateResponse, level: string): string {
  const line = result.lines[0]!;
  const rates = line.jurisdictions.filter((j) => j.level === level).map((j) => parseDecimal(j.rate));
  return rates.length === 0 ? '0.0' : formatDecimal(sum(rates), 1);
}

export function combinedRateOf(result: CalculateResponse): string {
  const rates = result.lines[0]!.jurisdictions.map((j) => parseDecimal(j.rate));
  return rates.length === 0 ? '0.0' : formatDecimal(sum(rates), 1);
}

export function rateObject(result: CalculateResponse, zip: string): Record<string, unknown> {
  const a = result.address;
  const freight = freightTaxable(result);
  if (a.country === 'US') {
    const county = levelRate(result, 'county');
    const city = levelRate(result, 'city');
    const special = levelRate(result, 'special');
    return {
      zip,
      country: 'US',
      country_rate: '0.0',
      state: a.region ?? null,
      state_rate: levelRate(result, 'state'),
      county: a.county?.toUpperCase() ?? null,
      county_rate: county,
      city: a.city?.toUpperCase() ?? null,
      city_rate: city,
      combined_district_rate: special,
      combined_rate: combinedRateOf(result),
      freight_taxable: freight,
    };
  }
  if (a.country === 'CA') return { zip, city: a.city ?? null, state: a.region ?? null, country: 'CA', combined_rate: combinedRateOf(result), freight_taxable: freight };
  return { zip, country: a.country, name: null, country_rate: levelRate(result, 'country'), standard_rate: levelRate(result, 'country'), combined_rate: combinedRateOf(result), freight_taxable: freight };
}

let summaryCache: { date: string; rates: Array<Record<string, unknown>> } | undefined;

/**
 * US states: the minimum is the state's own rate, the average the mean
 * combined rate over the state's ZIP codes (to four places, half up),
 * computed by the engine once a day per process.
 */
export function summaryRates(engine: Engine, date: string): Array<Record<string, unknown>> {
  if (summaryCache?.date === date) return summaryCache.rates;
  const zips = zipIndex();
  const out: Array<Record<string, unknown>> = [];
  const states = [...engine.content.jurisdictions.values()].filter((j) => j.level === 'state' && j.id.startsWith('US-')).sort((a, b) => a.id.localeCompare(b.id));
  for (const state of states) {
    const code = state.id.slice(3);
    const list = zips.inState(code);
    if (list.length === 0) continue;
    let minimum = '0';
    let total = { units: 0n, scale: 0 };
    for (const z of list) {
      const result = probe(engine, { country: 'US', region: code, postalCode: z.zip }, date);
      if (minimum === '0') minimum = levelRate(result, 'state');
      total = sum([total, parseDecimal(combinedRateOf(result))]);
    }
    const average = divideRoundHalfUpBig(total.units * 10n ** BigInt(4), BigInt(list.length) * 10n ** BigInt(total.scale));
    out.push({
      country_code: 'US',
      country: 'United States',
      region_code: code,
      region: state.name,
      minimum_rate: { label: 'State Tax', rate: Number(minimum) },
      average_rate: { label: 'Tax', rate: Number(formatDecimal({ units: average, scale: 4 })) },
    });
  }
  summaryCache = { date, rates: out };
  return out;
}
