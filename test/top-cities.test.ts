/**
 * The combined rate on general goods in one ZIP of each of the most
 * populous US cities, and its parts by level, as official sources give them
 * (test/cases/top-cities.yaml, each case with its reference).
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadEngine, type Engine } from '../src/index.js';
import { formatDecimal, parseDecimal, sum } from '../src/money/decimal.js';

interface CityCase {
  city: string;
  state: string;
  zip: string;
  date: string;
  combined: string;
  parts: Record<'state' | 'county' | 'city' | 'special', string>;
  ref: string;
}

const cases = parse(await readFile(new URL('cases/top-cities.yaml', import.meta.url), 'utf8')) as CityCase[];

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const rateSum = (rates: string[]) => formatDecimal(sum(rates.map(parseDecimal)));

describe('combined rates in the most populous US cities', () => {
  it('covers at least the 25 most populous', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases.map((c) => [`${c.city}, ${c.state} ${c.zip}: ${c.combined}`, c] as const))('%s', (_name, c) => {
    const answer = engine.calculate({
      date: c.date,
      currency: 'USD',
      mode: 'estimate',
      customer: { address: { region: c.state, postalCode: c.zip, country: 'US' } },
      lines: [{ productId: 'goods.general', amount: 100_000 }],
    });
    const jurisdictions = answer.lines[0]!.jurisdictions;
    const byLevel = (level: string) => rateSum(['0', ...jurisdictions.filter((j) => j.level === level).map((j) => j.rate)]);
    expect({
      combined: rateSum(['0', ...jurisdictions.map((j) => j.rate)]),
      state: byLevel('state'),
      county: byLevel('county'),
      city: byLevel('city'),
      special: byLevel('special'),
    }).toEqual({
      combined: formatDecimal(parseDecimal(c.combined)),
      ...Object.fromEntries(Object.entries(c.parts).map(([k, v]) => [k, formatDecimal(parseDecimal(v))])),
    });
  });
});
