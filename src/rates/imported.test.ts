import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadEngine, type Engine } from '../index.js';
import { compare, formatDecimal, parseDecimal, sum, type Decimal } from '../money/decimal.js';
import { parseZip5Table } from './avalara-zip5.js';
import { importTables } from './store.js';

const FIXTURES = new URL('../../test/fixtures/avalara/', import.meta.url);

async function fixtureFiles(): Promise<Array<{ path: string; text: string }>> {
  const names = (await readdir(FIXTURES)).filter((n) => n.endsWith('.csv'));
  return Promise.all(names.map(async (n) => ({ path: n, text: await readFile(new URL(n, FIXTURES), 'utf8') })));
}

/** The combined rate a taxable sale of goods gets in a ZIP, and where its locals came from. */
function combinedRate(engine: Engine, state: string, zip: string, date: string) {
  const answer = engine.calculate({
    date,
    currency: 'USD',
    mode: 'estimate',
    customer: { address: { region: state, postalCode: zip, country: 'US' } },
    lines: [{ productId: 'goods.general', amount: 100_000 }],
  });
  const jurisdictions = answer.lines[0]!.jurisdictions;
  return { rate: sum(jurisdictions.map((j) => parseDecimal(j.rate))), jurisdictions };
}

describe('imported Avalara ZIP5 tables', () => {
  it('give every ZIP whose parts add up exactly the table\'s combined rate (real December 2025 rows)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'levy-import-'));
    const files = await fixtureFiles();
    await importTables(dataDir, files);
    const engine = await loadEngine({ dataDir });
    let checked = 0;
    for (const file of files) {
      const table = parseZip5Table(file.path, file.text);
      for (const row of table.rows) {
        const parts = sum([row.state, row.county, row.city, row.special].map(parseDecimal));
        if (compare(parts, parseDecimal(row.combined)) !== 0) continue;
        const { rate, jurisdictions } = combinedRate(engine, table.state, row.zip, '2025-12-15');
        expect({ zip: row.zip, state: table.state, rate: formatDecimal(rate) }).toEqual({ zip: row.zip, state: table.state, rate: formatDecimal(parseDecimal(row.combined)) });
        // The state part is the content's statewide rate (California 7.25%, not the table's 6%).
        expect(jurisdictions[0]!.id).toBe(`US-${table.state}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('take precedence over the default local content from their month on, and not before', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'levy-import-'));
    const header = 'State,ZipCode,TaxRegionName,EstimatedCombinedRate,StateRate,EstimatedCountyRate,EstimatedCityRate,EstimatedSpecialRate,RiskLevel';
    await importTables(dataDir, [{ path: 'TAXRATES_ZIP5_TX202512.csv', text: `${header}\nTX,78701,AUSTIN,0.087500,0.062500,0.000000,0.015000,0.010000,1\n` }]);
    const engine = await loadEngine({ dataDir });
    const after = combinedRate(engine, 'TX', '78701', '2026-01-10');
    expect(formatDecimal(after.rate)).toBe('0.0875');
    expect(after.jurisdictions.map((j) => j.id)).toEqual(['US-TX', 'US-TX-CITY-AUSTIN', 'US-TX-SPECIAL-AUSTIN']);
    expect(after.jurisdictions[1]!.ref).toContain('TAXRATES_ZIP5_TX202512.csv');
    const before = combinedRate(engine, 'TX', '78701', '2025-11-30');
    expect(before.jurisdictions.map((j) => j.id)).toEqual(['US-TX', 'US-TX-CITY-AUSTIN', 'US-TX-SPECIAL-CAPMETRO']);
    expect(formatDecimal(before.rate)).toBe('0.0825');
  });

  it('reconcile any split of the statewide rate, for generated tables in every taxing state', async () => {
    const engine = await loadEngine();
    const states = [...engine.content.jurisdictions.values()].filter((j) => j.level === 'state' && j.id.startsWith('US-') && j.rates.at('2025-12-01')!.decimal.units > 0n);
    const rate = fc.integer({ min: 0, max: 60_000 }).map((n) => `0.${String(n).padStart(6, '0')}`);
    const row = fc.record({ zip: fc.constantFrom('00501', '10001', '30301', '60601', '73301', '85001', '90012', '94105', '98101'), county: rate, city: rate, special: rate });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...states), fc.integer({ min: -20_000, max: 20_000 }), row, async (state, split, r) => {
        // The table moves `split` millionths between its state part and its local parts.
        const statewide = state.rates.at('2025-12-01')!.decimal;
        const tableState = sum([statewide, { units: BigInt(split), scale: 6 }]);
        fc.pre(tableState.units >= 0n);
        const [county, city, special] = [r.county, r.city, r.special].map(parseDecimal) as [Decimal, Decimal, Decimal];
        // A table whose state part is short of the statewide rate holds the rest in its local parts.
        fc.pre(split >= 0 || compare(sum([county, city, special]), { units: BigInt(-split), scale: 6 }) >= 0);
        const combined = sum([tableState, county, city, special]);
        const st = state.id.slice(3);
        const text = [
          'State,ZipCode,TaxRegionName,EstimatedCombinedRate,StateRate,EstimatedCountyRate,EstimatedCityRate,EstimatedSpecialRate,RiskLevel',
          [st, r.zip, 'SOMEWHERE', ...[combined, tableState, county, city, special].map((v) => formatDecimal(v, 6))].join(',') + ',0',
        ].join('\n');
        const dataDir = await mkdtemp(join(tmpdir(), 'levy-import-'));
        await importTables(dataDir, [{ path: `TAXRATES_ZIP5_${st}202512.csv`, text }]);
        const withTable = await loadEngine({ dataDir });
        const answer = withTable.calculate({
          date: '2025-12-20',
          currency: 'USD',
          mode: 'estimate',
          customer: { address: { region: st, postalCode: r.zip, country: 'US' } },
          lines: [{ productId: 'goods.general', amount: 100_000 }],
        }, { settings: { addressValidation: 'lenient' } });
        const got = sum(answer.lines[0]!.jurisdictions.map((j) => parseDecimal(j.rate)));
        expect(formatDecimal(got)).toBe(formatDecimal(combined));
      }),
      { numRuns: 25 },
    );
  });
});
