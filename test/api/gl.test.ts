/** The GL journal export and the reconciliation of a GL extract, through the API. */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type Client, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => {
  await api.close();
});

const austin = { postalCode: '78701', country: 'US' };
const seattle = { postalCode: '98101', country: 'US' };
const toronto = { country: 'CA', region: 'ON', postalCode: 'M5V 2T6' };
const vancouver = { country: 'CA', region: 'BC', postalCode: 'V6B 1A1' };

interface Line { date: string; account: string; jurisdictionId: string | null; period: string; debit: string; credit: string; currency: string; memo: string }

/** Exact: "12.34" → 1234, with the sign of a credit. */
const cents = (text: string) => Number(text.replace('.', ''));
const net = (lines: Line[], matches: (l: Line) => boolean) => lines.filter(matches).reduce((sum, l) => sum + cents(l.credit) - cents(l.debit), 0);
const inState = (state: string) => (l: Line) => l.jurisdictionId !== null && (l.jurisdictionId === state || l.jurisdictionId.startsWith(`${state}-`));

async function ledger(s: Client) {
  await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01', filingFrequency: 'monthly' });
  await s.call('PUT', '/v1/registrations/US-WA', { effectiveDate: '2020-01-01', filingFrequency: 'monthly' });
  await s.call('PUT', '/v1/registrations/CA', { effectiveDate: '2020-01-01', filingFrequency: 'monthly' });
  await s.call('PUT', '/v1/registrations/CA-BC', { effectiveDate: '2020-01-01', filingFrequency: 'monthly' });
  const sale = (id: string, date: string, currency: string, address: Record<string, string>, amount: number, extra: Record<string, unknown> = {}) =>
    s.call('POST', '/v1/transactions', { id, date, currency, commit: true, shipFrom: { country: 'US', region: 'CA', postalCode: '94105' }, customer: { address }, lines: [{ id: '1', productId: 'saas.b2c', amount }], ...extra });
  await sale('tx1', '2025-07-05', 'USD', austin, 10000);
  await sale('tx2', '2025-07-20', 'USD', austin, 33333);
  await sale('wa1', '2025-07-21', 'USD', seattle, 12345);
  await sale('tx3', '2025-08-02', 'USD', austin, 20000);
  await sale('mp', '2025-08-03', 'USD', austin, 7000, { marketplace: true });
  await sale('on1', '2025-07-09', 'CAD', toronto, 10000);
  await sale('bc1', '2025-08-09', 'CAD', vancouver, 20000);
  await s.call('POST', '/v1/transactions', { id: 'draft', date: '2025-07-06', currency: 'USD', customer: { address: austin }, lines: [{ productId: 'saas.b2c', amount: 999 }] });
  await s.call('POST', '/v1/transactions/tx2/refunds', { id: 'tx2-r', date: '2025-08-15', lines: [{ id: '1', amount: 11111 }] });
  await s.call('POST', '/v1/transactions/on1/refunds', { id: 'on1-r', date: '2025-08-16' });
}

describe('the GL journal', () => {
  it('ties to the returns: each state\'s and registration\'s lines for a month sum to its return\'s tax collected', async () => {
    const s = await api.seller();
    await ledger(s);
    const journal = (await s.call('GET', '/v1/gl/journal?from=2025-07-01&to=2025-08-31')).body;
    const lines: Line[] = journal.lines;
    for (const period of ['2025-07', '2025-08']) {
      const month = (l: Line) => l.period === period;
      for (const state of ['US-TX', 'US-WA']) {
        const report = (await s.call('GET', `/v1/returns/${state}/${period}`)).body;
        expect(net(lines, (l) => month(l) && inState(state)(l))).toBe(report.taxCollected);
      }
      for (const registration of ['CA', 'CA-BC']) {
        const report = (await s.call('GET', `/v1/returns/${registration}/${period}`)).body;
        expect(net(lines, (l) => month(l) && l.jurisdictionId !== null && report.covers.includes(l.jurisdictionId) && l.currency === 'CAD')).toBe(report.taxCollected);
      }
    }
    const quarter = (await s.call('GET', '/v1/returns/US-TX/2025-Q3')).body;
    expect(net(lines, inState('US-TX'))).toBe(quarter.taxCollected);
    expect(quarter.taxCollected).toBeGreaterThan(0);

    // Each level of the return is a line of its own; refunds debit, sales credit.
    expect(new Set(lines.filter(inState('US-TX')).map((l) => l.jurisdictionId))).toEqual(new Set(['US-TX', 'US-TX-CITY-AUSTIN', 'US-TX-SPECIAL-CAPMETRO']));
    const refunded = lines.find((l) => l.period === '2025-08' && l.jurisdictionId === 'US-TX' && cents(l.debit) > 0)!;
    expect(refunded.memo).toBe('sales tax refunded: Texas (US-TX), 2025-08');
    expect(refunded).toMatchObject({ date: '2025-08-31', account: '2200', credit: '0.00', currency: 'USD' });
    expect(lines.some((l) => l.jurisdictionId === 'CA-BC' && l.memo.startsWith('PST collected'))).toBe(true);

    // Balanced: the clearing account takes the other side, per month and currency.
    expect(journal.totals).toEqual([
      { currency: 'CAD', debit: expect.any(String), credit: expect.any(String) },
      { currency: 'USD', debit: expect.any(String), credit: expect.any(String) },
    ]);
    for (const t of journal.totals) expect(t.debit).toBe(t.credit);
    const clearing = lines.filter((l) => l.jurisdictionId === null);
    expect(clearing.every((l) => l.account === '1200')).toBe(true);
    expect(clearing.map((l) => `${l.period} ${l.currency}`)).toEqual(['2025-07 CAD', '2025-07 USD', '2025-08 CAD', '2025-08 CAD', '2025-08 USD', '2025-08 USD']);
    expect(journal.accounts).toEqual({ taxPayable: '2200', clearing: '1200', byJurisdiction: {} });
  });

  it('posts to the accounts mapped in settings: a jurisdiction\'s own, its state\'s, or the default', async () => {
    const s = await api.seller();
    await ledger(s);
    expect((await s.call('GET', '/v1/settings')).body.glAccounts).toBeUndefined();
    const patched = await s.call('PATCH', '/v1/settings', { glAccounts: { clearing: '1250', byJurisdiction: { 'US-TX': '2210', CA: '2250' } } });
    expect(patched.body.glAccounts).toEqual({ taxPayable: '2200', clearing: '1250', byJurisdiction: { 'US-TX': '2210', CA: '2250' } });
    expect((await s.call('GET', '/v1/settings')).body.glAccounts).toEqual(patched.body.glAccounts);
    const lines: Line[] = (await s.call('GET', '/v1/gl/journal?from=2025-07-01&to=2025-07-31')).body.lines;
    const accountOf = (id: string | null) => [...new Set(lines.filter((l) => l.jurisdictionId === id).map((l) => l.account))];
    expect(accountOf('US-TX-CITY-AUSTIN')).toEqual(['2210']);
    expect(accountOf('US-WA')).toEqual(['2200']);
    expect(accountOf('CA-ON')).toEqual(['2250']);
    expect(accountOf(null)).toEqual(['1250']);

    const unknown = await s.call('PATCH', '/v1/settings', { glAccounts: { byJurisdiction: { 'US-XX': '2299' } } });
    expect(unknown.body.error).toMatchObject({ code: 'jurisdiction_unknown', param: 'glAccounts.byJurisdiction.US-XX' });
    expect((await s.call('PATCH', '/v1/settings', { glAccounts: { taxPayable: ' 2200' } })).status).toBe(400);
    expect((await s.call('PATCH', '/v1/settings', { glAccounts: null })).body.glAccounts).toBeNull();
    expect((await s.call('GET', '/v1/gl/journal?from=2025-07-01&to=2025-07-31')).body.accounts).toEqual({ taxPayable: '2200', clearing: '1200', byJurisdiction: {} });
  });

  it('is a CSV file with a header row and amounts like 1234.56', async () => {
    const s = await api.seller();
    await ledger(s);
    const json = (await s.call('GET', '/v1/gl/journal?from=2025-07-01&to=2025-08-31')).body;
    const csv = await api.app.inject({ method: 'GET', url: '/v1/gl/journal?from=2025-07-01&to=2025-08-31&format=csv', headers: { authorization: `Bearer ${s.key}` } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csv.body.trimEnd().split('\r\n');
    expect(rows[0]).toBe('date,account,jurisdiction_id,jurisdiction_name,period,debit,credit,currency,memo');
    expect(rows).toHaveLength(json.lines.length + 1);
    const first = json.lines[0] as Line;
    expect(rows[1]!.startsWith(`${first.date},${first.account},${first.jurisdictionId ?? ''},`)).toBe(true);
    for (const row of rows.slice(1)) expect(row).toMatch(/^\d{4}-\d{2}-\d{2},[^,]+,[^,]*,.*,\d{4}-\d{2},\d+\.\d{2},\d+\.\d{2},(USD|CAD),/);

    expect((await s.call('GET', '/v1/gl/journal?from=2025-08-01&to=2025-07-01')).body.error).toMatchObject({ code: 'parameter_invalid', param: 'to' });
    expect((await s.call('GET', '/v1/gl/journal?from=2025-07-01')).status).toBe(400);
  });
});

describe('reconciling a GL extract', () => {
  const exportOf = async (api: TestApi, s: Client, range: string) =>
    (await api.app.inject({ method: 'GET', url: `/v1/gl/journal?${range}&format=csv`, headers: { authorization: `Bearer ${s.key}` } })).body;
  const reconcile = (s: Client, range: string, csv: string, headers: Record<string, string> = {}) =>
    s.call('POST', `/v1/gl/reconciliations?${range}`, csv, { 'content-type': 'text/csv', ...headers });

  it('is balanced when the export itself comes back', async () => {
    const s = await api.seller();
    await ledger(s);
    const range = 'from=2025-07-01&to=2025-08-31';
    const result = await reconcile(s, range, await exportOf(api, s, range));
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ balanced: true, differences: [], clearingCompared: true, ignoredRows: 0, matchedOn: ['period', 'currency', 'jurisdictionId', 'account'] });
    for (const t of result.body.totals) expect([t.glDebit, t.glCredit]).toEqual([t.ledgerDebit, t.ledgerCredit]);
  });

  it('finds each kind of difference, by period, jurisdiction and account', async () => {
    const s = await api.seller();
    await ledger(s);
    const range = 'from=2025-07-01&to=2025-07-31';
    const parsed: Array<Record<string, string>> = parse(await exportOf(api, s, range), { columns: true });
    const wa = parsed.find((r) => r['jurisdiction_id'] === 'US-WA')!;
    const texas = parsed.find((r) => r['jurisdiction_id'] === 'US-TX')!;
    const oneCentMore = (text: string) => {
      const digits = String(cents(text) + 1).padStart(3, '0');
      return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
    };
    const gl = parsed.filter((r) => r !== wa).map((r) => (r === texas ? { ...r, credit: oneCentMore(r['credit']!) } : r));
    gl.push({ period: '2025-07', account: '2200', jurisdiction_id: 'US-NY', debit: '', credit: '10.00', currency: 'USD' });
    // Columns reordered and renamed as a GL system might write them, the memo left out.
    const csv = ['Account,Period,Jurisdiction ID,Currency,Debit,Credit', ...gl.map((r) => [r['account'], r['period'], r['jurisdiction_id'], r['currency'], r['debit'], r['credit']].join(','))].join('\n');

    const result = (await reconcile(s, range, csv)).body;
    expect(result.balanced).toBe(false);
    expect(result.differences).toEqual([
      { period: '2025-07', currency: 'USD', jurisdictionId: 'US-NY', account: '2200', kind: 'missing_in_ledger', ledger: '0.00', gl: '10.00', difference: '-10.00' },
      { period: '2025-07', currency: 'USD', jurisdictionId: 'US-TX', account: '2200', kind: 'amount_differs', ledger: texas['credit'], gl: expect.any(String), difference: '-0.01' },
      { period: '2025-07', currency: 'USD', jurisdictionId: 'US-WA', account: '2200', kind: 'missing_in_gl', ledger: wa['credit'], gl: '0.00', difference: wa['credit'] },
    ]);
  });

  it('answers a bad row with the row and column, and nothing else', async () => {
    const s = await api.seller();
    const range = 'from=2025-07-01&to=2025-07-31';
    const bad = await reconcile(s, range, 'period,account,debit,credit\n2025-07,2200,0,1.00\n2025-07,2200,"1,000.00",0\n');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'csv_invalid', param: 'rows.3.debit', message: expect.stringContaining('row 3, column debit') });
    expect((await reconcile(s, range, 'period,debit,credit\n2025-07,0,1.00\n')).body.error).toMatchObject({ code: 'csv_invalid', param: 'rows.1.account' });
    expect((await s.call('POST', `/v1/gl/reconciliations?${range}`, { period: '2025-07' })).status).toBe(415);
    expect((await reconcile(s, 'from=2025-07-01&to=2025-07-31&currency=usd', 'period,account,debit,credit\n')).body.error).toMatchObject({ param: 'currency' });
  });
});
