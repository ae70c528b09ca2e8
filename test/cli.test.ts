/**
 * The `levy` command as a user runs it: real processes, real files.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

function levy(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(TSX, [join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
    child.stdin!.end(stdin ?? '');
  });
}

const AUSTIN_SAAS = {
  date: '2026-11-15',
  currency: 'USD',
  customer: { address: { postalCode: '78701', country: 'US' } },
  lines: [{ productId: 'saas.b2b', amount: 10000 }],
  seller: { registrations: [{ jurisdictionId: 'US-TX', effectiveDate: '2020-01-01' }] },
};

describe('levy calc', () => {
  it('calculates the example request with its seller section', async () => {
    const { code, stdout } = await levy(['calc', 'examples/first-calculation.json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ tax: 594, total: 14094, lines: [{ tax: 594 }, { tax: 0 }] });
  });

  it('reads stdin', async () => {
    const { code, stdout } = await levy(['calc'], JSON.stringify(AUSTIN_SAAS));
    expect(code).toBe(0);
    expect(JSON.parse(stdout).tax).toBe(660);
  });

  it('prints a bad request\'s error to stderr and exits 1', async () => {
    const { code, stdout, stderr } = await levy(['calc'], JSON.stringify({ ...AUSTIN_SAAS, lines: [{ productId: 'saas.b2b', amount: 99.5 }] }));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(JSON.parse(stderr)).toMatchObject({ error: { type: 'invalid_request', code: 'amount_not_integer', param: 'lines.0.amount' } });
  });

  it('says when the input is not JSON', async () => {
    const { code, stderr } = await levy(['calc'], '{ "date": ');
    expect(code).toBe(1);
    expect(stderr).toContain('not valid JSON');
  });
});

describe('levy content check', () => {
  it('validates the content and summarises it', async () => {
    const { code, stdout } = await levy(['content', 'check']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^content ok: \d+ files/);
    expect(stdout).toContain('51 US states and DC (no sales tax: US-AK, US-DE, US-MT, US-NH, US-OR)');
  });
});

describe('levy rates import', () => {
  const header = 'State,ZipCode,TaxRegionName,EstimatedCombinedRate,StateRate,EstimatedCountyRate,EstimatedCityRate,EstimatedSpecialRate,RiskLevel';

  it('refuses a table with a bad row, naming the line, and keeps nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'levy-cli-'));
    const file = join(dir, 'TAXRATES_ZIP5_TX202512.csv');
    await writeFile(file, `${header}\nTX,78701,AUSTIN,0.0875,0.0625,0,0.015,0.01,1\nTX,78702,AUSTIN,high,0.0625,0,0.015,0.01,1\n`);
    const { code, stderr } = await levy(['rates', 'import', '--format', 'avalara-zip5', '--data-dir', join(dir, 'data'), file]);
    expect(code).toBe(1);
    expect(stderr).toContain('nothing was imported');
    expect(stderr).toContain('TAXRATES_ZIP5_TX202512.csv: line 3: EstimatedCombinedRate "high"');
    const list = await levy(['rates', 'list', '--data-dir', join(dir, 'data')]);
    expect(list.stdout).toContain('no rate tables imported');
  });

  it('imports a table that levy calc then uses for its ZIP codes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'levy-cli-'));
    const file = join(dir, 'TAXRATES_ZIP5_TX202512.csv');
    await writeFile(file, `${header}\nTX,78701,AUSTIN,0.087500,0.062500,0.000000,0.015000,0.010000,1\n`);
    const data = join(dir, 'data');
    const imported = await levy(['rates', 'import', '--format', 'avalara-zip5', '--data-dir', data, file]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('TAXRATES_ZIP5_TX202512.csv: 1 ZIP codes in TX, in force from 2025-12-01');
    const request = join(dir, 'request.json');
    await writeFile(request, JSON.stringify(AUSTIN_SAAS));
    const { stdout } = await levy(['calc', '--data-dir', data, request]);
    // 80% of 10000 at 6.25% + 1.5% + 1% = 8000 × 8.75% = 700
    expect(JSON.parse(stdout).tax).toBe(700);
    expect(await readFile(join(data, 'rates', 'manifest.json'), 'utf8')).toContain('"state": "TX"');
  });

  it('refuses an unknown format', async () => {
    const { code, stderr } = await levy(['rates', 'import', '--format', 'sst', 'x.csv']);
    expect(code).toBe(1);
    expect(stderr).toContain('unknown --format sst');
  });
});

describe('levy demo', () => {
  it('explains a sample invoice line by line, with rules and references', async () => {
    const { code, stdout } = await levy(['demo', '--data-dir', join(tmpdir(), 'levy-no-data')]);
    expect(code).toBe(0);
    expect(stdout).toContain('Texas (state) 6.25% on 72.00 USD: tax 4.50 USD');
    expect(stdout).toContain('total 140.94 USD');
  });
});
