import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError, loadContentFiles } from './load.js';
import { contentProblems } from './validate.js';

const categories = `categories:
  - id: goods.general
    name: General goods
    description: Tangible personal property.
    avataxCode: P0000000
    taxjarCode: ""
`;

const validState = `id: US-ZZ
name: Zedland
level: state
sourcing:
  - { from: "2000-01-01", intrastate: destination, ref: "Zed. Code §1" }
streamlined:
  - { from: "2000-01-01", status: none, ref: "Zed. Code §2" }
rates:
  - { from: "2000-01-01", rate: "0.05", ref: "Zed. Code §3" }
nexus:
  - from: "2019-01-01"
    sales: 100000
    transactions: 200
    operator: or
    period: { kind: calendar_year, years: current_or_previous }
    counts: gross
    marketplace: false
    rule: remote sellers over $100,000 or 200 sales
    ref: "Zed. Code §5"
taxability:
  goods.general:
    - { from: "2000-01-01", taxable: true, rule: goods are taxable, ref: "Zed. Code §4" }
`;

async function problemsOf(files: Record<string, string>): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'levy-content-'));
  for (const [path, text] of Object.entries({ 'categories.yaml': categories, ...files })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  try {
    return contentProblems(await loadContentFiles(dir));
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
}

describe('the content loader', () => {
  it('accepts a complete state', async () => {
    expect(await problemsOf({ 'us/zz.yaml': validState })).toEqual([]);
  });

  // One malformed file per failure mode; each problem names the file and the key path.
  const cases: Array<[string, string, string]> = [
    ['a rate written as a number (YAML would read a float)', validState.replace('rate: "0.05"', 'rate: 0.05'), 'us/zz.yaml: rates.0.rate: must be a quoted decimal string'],
    ['a rate of 100% or more', validState.replace('"0.05"', '"1.5"'), 'us/zz.yaml: rates.0.rate: must be a decimal in [0, 1)'],
    ['an impossible date', validState.replace('from: "2000-01-01", rate', 'from: "2019-02-29", rate'), 'us/zz.yaml: rates.0.from: must be a real date'],
    ['a missing ref', validState.replace(', ref: "Zed. Code §3"', ''), 'us/zz.yaml: rates.0.ref: every value needs a ref'],
    ['an unknown key', validState.replace('level: state', 'level: state\nrat: "0.05"'), 'us/zz.yaml: (top level): Unrecognized key: "rat"'],
    ['a duplicate key', validState.replace('name: Zedland', 'name: Zedland\nname: Zed'), 'us/zz.yaml: Map keys must be unique'],
    [
      'entries out of date order',
      validState.replace('  - { from: "2000-01-01", rate: "0.05", ref: "Zed. Code §3" }', '  - { from: "2010-01-01", rate: "0.06", ref: "Zed. Code §9" }\n  - { from: "2000-01-01", rate: "0.05", ref: "Zed. Code §8" }'),
      'us/zz.yaml: rates.1: from (2000-01-01) must come after',
    ],
    ['content that starts after 2020-01-01', validState.replace('from: "2000-01-01", rate', 'from: "2021-01-01", rate'), 'us/zz.yaml: rates must cover every day from 2020-01-01'],
    ['a rate that ends without a successor', validState.replace('rate: "0.05",', 'rate: "0.05", to: "2024-12-31",'), 'us/zz.yaml: rates must cover every day from 2020-01-01 on, with no gap and no end'],
    ['a category without a rule', validState.replace(/taxability:[\s\S]*/, 'taxability: {}\n'), 'us/zz.yaml: taxability: no rule for category goods.general'],
    ['a rule for a category not in the catalog', `${validState}  toys:\n    - { from: "2000-01-01", taxable: true, rule: toys, ref: x.y }\n`, 'us/zz.yaml: taxability.toys: not a category in categories.yaml'],
    ['a business-only rule with no rule for individuals', validState.replace('taxable: true, rule', 'buyer: business, taxable: true, rule'), 'taxability.goods.general: must cover every day from 2020-01-01 on, for any buyer or for both'],
    ['a nexus threshold without its period', validState.replace('    period: { kind: calendar_year, years: current_or_previous }\n', ''), 'us/zz.yaml: nexus.0.period: a threshold needs period'],
    ['a transaction test without its operator', validState.replace('    operator: or\n', ''), 'us/zz.yaml: nexus.0.operator: transactions and operator go together'],
    ['nexus rules that start after 2020-01-01', validState.replace('from: "2019-01-01"', 'from: "2021-01-01"'), 'us/zz.yaml: nexus must cover every day from 2020-01-01 on'],
    ['a file whose id does not match its path', validState.replace('id: US-ZZ', 'id: US-ZY'), 'us/zz.yaml: id should be US-ZZ'],
    ['a local with no where', 'id: US-ZZ-CITY-A\nname: A\nlevel: city\nparent: US-ZZ\nrates:\n  - { from: "2000-01-01", rate: "0.01", ref: "ord. 1" }\n', 'us/zz/a.yaml: a city needs where:'],
    ['a parent that does not exist', 'id: US-ZQ-CITY-A\nname: A\nlevel: city\nparent: US-ZQ\nwhere: { cities: [A] }\nrates:\n  - { from: "2000-01-01", rate: "0.01", ref: "ord. 1" }\n', 'parent US-ZQ is not a jurisdiction'],
  ];

  it.each(cases)('refuses %s', async (_name, text, message) => {
    const path = text.startsWith('id: US-ZZ-') || text.startsWith('id: US-ZQ-') ? 'us/zz/a.yaml' : 'us/zz.yaml';
    const files: Record<string, string> = path === 'us/zz.yaml' ? { [path]: text } : { 'us/zz.yaml': validState, [path]: text };
    const problems = await problemsOf(files);
    expect(problems.join('\n')).toContain(message);
  });

  it('lists every problem at once, not only the first', async () => {
    const problems = await problemsOf({ 'us/zz.yaml': validState.replace('rate: "0.05"', 'rate: 0.05').replace('"2000-01-01", status', '"2000-13-01", status') });
    expect(problems.length).toBeGreaterThanOrEqual(2);
  });
});
