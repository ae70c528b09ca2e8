/**
 * The dashboard in Chromium against a real server: the demo seller and its
 * admin, signed in through the form, the nexus map checked state by state
 * against GET /v1/nexus, a state's panel opened by keyboard, screenshots
 * at desktop and phone widths in test-results/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatUsd } from '../../web/src/money.js';
import { SHOTS, signIn as signInAs, startDashboard, type Dashboard } from './harness.js';

const LABEL: Record<string, string> = {
  economic: 'Economic nexus',
  physical: 'Physical nexus',
  approaching: 'Approaching',
  registered: 'Registered',
  none: 'No nexus',
  no_sales_tax: 'No sales tax',
};

interface NexusEntry {
  jurisdictionId: string;
  name: string;
  status: string;
  threshold: { transactions: number | null } | null;
}

let dashboard: Dashboard;
let browser: Browser;
let base: string;
let login: { email: string; password: string };
let nexus: NexusEntry[];
let apiKey: string;

beforeAll(async () => {
  dashboard = await startDashboard();
  ({ browser, base, login, apiKey } = dashboard);
  nexus = (await dashboard.get<{ data: NexusEntry[] }>('/v1/nexus')).data;
});

afterAll(async () => {
  await dashboard?.close();
});

const signIn = (page: Page, password = login.password) => signInAs(page, login.email, password);

describe('serving the dashboard', () => {
  it('answers the app for its own paths, the API\'s 404 for the API\'s, and caches only hashed assets for long', async () => {
    const page = await fetch(`${base}/jurisdictions/US-TX`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const script = await fetch(`${base}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-type')).toMatch(/javascript/);

    const apiMiss = await fetch(`${base}/v1/no-such-thing`);
    expect(apiMiss.status).toBe(404);
    expect(((await apiMiss.json()) as { error: { code: string } }).error.code).toBeTruthy();
    expect((await fetch(`${base}/openapi.json`)).headers.get('content-type')).toMatch(/json/);
    expect((await fetch(`${base}/v1/nexus`)).status).toBe(401);
  });
});

describe('the dashboard', () => {
  it('signs in, colours every state by its nexus status, opens a state\'s panel, and signs out', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(base);

    // A wrong password is refused where the form is, and read out.
    await signIn(page, 'not the password at all');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('do not match');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');

    await signIn(page);
    await page.getByRole('heading', { name: 'Jurisdictions' }).waitFor();
    expect(await page.locator('header.top').textContent()).toContain(login.email);

    // Every state on the map says its status, in its attributes and in its accessible name.
    const shown = await page.locator('svg.us-map path[data-jurisdiction]').evaluateAll((paths) =>
      paths.map((p) => [p.getAttribute('data-jurisdiction'), p.getAttribute('data-status'), p.getAttribute('aria-label')]),
    );
    const expected = nexus.map((s) => [s.jurisdictionId, s.status, `${s.name}: ${LABEL[s.status]}`]);
    expect(shown.sort()).toEqual(expected.sort());
    expect(shown.length).toBe(51);
    expect(new Set(nexus.map((s) => s.status)).size).toBeGreaterThan(2);
    // The demo seller is registered in California, as its seed says.
    expect(await page.locator('svg.us-map [data-jurisdiction="US-CA"]').getAttribute('data-status')).toBe('registered');

    // Outside the US: the demo's VAT and GST registrations.
    const abroad = page.getByRole('region', { name: 'Registrations outside the US' });
    await expect.poll(() => abroad.textContent()).toContain('EU One-Stop Shop');
    expect(await abroad.textContent()).toContain('United Kingdom');

    await page.screenshot({ path: `${SHOTS}/dashboard-map-1440.png`, fullPage: true });

    // A state with a threshold, chosen by keyboard.
    const chosen = ['economic', 'physical', 'approaching', 'registered'].map((status) => nexus.find((s) => s.status === status && s.threshold !== null)).find(Boolean)!;
    const shape = page.locator(`svg.us-map [data-jurisdiction="${chosen.jurisdictionId}"]`);
    await shape.focus();
    await page.keyboard.press('Enter');
    const panel = page.locator(`section.panel[data-jurisdiction="${chosen.jurisdictionId}"]`);
    await panel.waitFor();
    expect(new URL(page.url()).pathname).toBe(`/jurisdictions/${chosen.jurisdictionId}`);
    expect(await page.evaluate('document.activeElement?.id')).toBe('state-panel-title');
    expect(await panel.getByRole('heading', { level: 2 }).textContent()).toContain(chosen.name);
    expect(await panel.textContent()).toContain(LABEL[chosen.status]);
    expect(await panel.getByRole('progressbar', { name: 'Sales' }).count()).toBe(1);
    if (chosen.threshold?.transactions) expect(await panel.getByRole('progressbar', { name: 'Transactions' }).count()).toBe(1);
    expect(await shape.getAttribute('aria-pressed')).toBe('true');

    // The monthly chart: bars, and the same months as a table.
    const chart = panel.locator('figure.chart svg[role="img"]');
    await chart.waitFor();
    const detail = (await (await fetch(`${base}/v1/nexus/${chosen.jurisdictionId}`, { headers: { authorization: `Bearer ${apiKey}` } })).json()) as { months: Array<{ month: string }> };
    expect(detail.months.length).toBeGreaterThan(0);
    const barMonths = await chart.locator('rect.bar').evaluateAll((rects) => rects.map((r) => r.getAttribute('data-month')));
    // A bar for every calendar month, with or without sales; a table row for each month with sales.
    expect(barMonths).toEqual(expect.arrayContaining(detail.months.map((m) => m.month)));
    expect(barMonths).toEqual([...barMonths].sort());
    expect(await panel.locator('figure.chart tbody tr th').allTextContents()).toEqual(detail.months.map((m) => m.month));
    expect(await panel.locator('.exposure').textContent()).toMatch(/^\$[\d,]+\.\d\d$/);

    await page.screenshot({ path: `${SHOTS}/dashboard-state-1440.png`, fullPage: true });

    // A reload keeps the session and the chosen state.
    await page.reload();
    await panel.waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    // At phone width the map comes first and the panel below it, nothing wider than the screen.
    const mapBox = (await page.locator('svg.us-map').boundingBox())!;
    const panelBox = (await panel.boundingBox())!;
    expect(panelBox.y).toBeGreaterThan(mapBox.y + mapBox.height - 1);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/dashboard-state-390.png`, fullPage: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists transactions by filter and shows one with its tax per jurisdiction, rule and reference', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const get = async (path: string) => (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${apiKey}` } })).json() as Promise<any>;
    await page.goto(base);
    await signIn(page);
    await page.getByRole('link', { name: 'Transactions' }).click();
    await page.getByRole('heading', { name: 'Transactions' }).waitFor();
    expect(await page.getByRole('link', { name: 'Transactions' }).getAttribute('aria-current')).toBe('page');

    const shownIds = () => page.locator('tbody tr[data-transaction]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-transaction')));
    // Newest first, as the API answers with order=desc.
    const newest = (await get('/v1/transactions?order=desc&limit=50')).data.map((t: { id: string }) => t.id);
    await expect.poll(shownIds).toEqual(newest);

    // The status filter asks the API and shows what it answers, in its order, and the address keeps it.
    await page.getByLabel('Status').selectOption('voided');
    await page.getByRole('button', { name: 'Apply' }).click();
    const voided = (await get('/v1/transactions?status=voided&order=desc&limit=50')).data.map((t: { id: string }) => t.id);
    expect(voided.length).toBeGreaterThan(0);
    await expect.poll(shownIds).toEqual(voided);
    expect(new URL(page.url()).search).toBe('?status=voided');
    expect(await page.locator('tbody tr[data-transaction] .badge').allTextContents()).toEqual(voided.map(() => 'voided'));
    await page.screenshot({ path: `${SHOTS}/transactions-1440.png`, fullPage: false });

    // A jurisdiction with a search, from a link someone sent: the form shows what the list is filtered by.
    const inWashington = (await get('/v1/transactions?jurisdiction=US-WA&q=inv&order=desc&limit=50')).data.map((t: { id: string }) => t.id);
    expect(inWashington.length).toBeGreaterThan(0);
    await page.goto(`${base}/transactions?jurisdiction=US-WA&q=inv`);
    await expect.poll(shownIds).toEqual(inWashington);
    expect(await page.getByLabel('Jurisdiction').inputValue()).toBe('US-WA');
    expect(await page.getByLabel('Search').inputValue()).toBe('inv');

    // A refunded sale, opened by its address: every line's jurisdictions with their rule and reference, its versions and refunds.
    const refund = (await get('/v1/transactions?type=refund&limit=1')).data[0];
    const sale = await get(`/v1/transactions/${encodeURIComponent(refund.originalId)}`);
    await page.goto(`${base}/transactions/${encodeURIComponent(sale.id)}`);
    const detail = page.locator(`section[data-transaction="${sale.id}"]`);
    await detail.waitFor();
    expect(await detail.getByRole('heading', { level: 1 }).textContent()).toContain(sale.id);
    for (const line of sale.lines) {
      const rows = detail.locator(`tbody[data-line="${line.id}"] tr[data-jurisdiction]`);
      expect(await rows.evaluateAll((r) => r.map((row) => row.getAttribute('data-jurisdiction')))).toEqual(line.jurisdictions.map((j: { id: string }) => j.id));
      for (const j of line.jurisdictions) {
        const text = await detail.locator(`tbody[data-line="${line.id}"] tr[data-jurisdiction="${j.id}"]`).textContent();
        expect(text).toContain(j.rule);
        expect(text).toContain(j.ref);
      }
    }
    expect(await detail.getByText(`Version ${sale.version}`, { exact: false }).count()).toBeGreaterThan(0);
    if (sale.customerId) expect(await detail.getByRole('link', { name: sale.customerId, exact: true }).getAttribute('href')).toBe(`/customers/${encodeURIComponent(sale.customerId)}`);
    expect(await detail.locator('[data-filing]').getAttribute('data-filing')).toBe(sale.filing ? 'filed' : 'open');
    await detail.getByRole('link', { name: refund.id }).waitFor();
    await page.screenshot({ path: `${SHOTS}/transaction-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/transaction-390.png`, fullPage: true });

    // The refund's own page links back to the sale.
    await detail.getByRole('link', { name: refund.id }).click();
    await page.locator(`section[data-transaction="${refund.id}"]`).getByRole('link', { name: sale.id }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists filing periods, shows a closed return against the API, exports it, and records its filing', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const get = async (path: string) => (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${apiKey}` } })).json() as Promise<any>;

    // A closed, unfiled quarter of a registered state with tax in it, newest first.
    const periods: Array<{ jurisdictionId: string; period: string; status: string }> = (await get('/v1/filing-periods')).data;
    let chosen: { jurisdictionId: string; period: string } | undefined;
    let expected: any;
    for (const p of periods.filter((p) => p.jurisdictionId.startsWith('US-') && p.status === 'closed')) {
      const report = await get(`/v1/returns/${p.jurisdictionId}/${p.period}`);
      if (report.taxCollected > 0 && report.grossSales > 0) {
        chosen = p;
        expected = report;
        break;
      }
    }
    expect(chosen).toBeDefined();
    const { jurisdictionId, period } = chosen!;

    await page.goto(base);
    await signIn(page);
    await page.getByRole('link', { name: 'Returns' }).click();
    await page.getByRole('heading', { name: 'Returns', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Returns' }).getAttribute('aria-current')).toBe('page');

    // Every registration's periods, grouped, newest first, each status in words.
    const group = page.locator(`section[data-registration="${jurisdictionId}"]`);
    await group.waitFor();
    const listed = await group.locator('tbody tr[data-period]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-period')));
    expect(listed).toEqual(periods.filter((p) => p.jurisdictionId === jurisdictionId).map((p) => p.period));
    expect(await group.locator(`tr[data-period="${period}"] .badge`).textContent()).toBe('Closed · not filed');
    expect(await page.locator('section[data-registration]').count()).toBe(new Set(periods.map((p) => p.jurisdictionId)).size);
    await page.screenshot({ path: `${SHOTS}/returns-1440.png`, fullPage: false });

    await group.getByRole('link', { name: period, exact: true }).click();
    const detail = page.locator(`section[data-return="${jurisdictionId}/${period}"]`);
    await detail.waitFor();
    expect(new URL(page.url()).pathname).toBe(`/returns/${jurisdictionId}/${period}`);
    expect(await detail.locator('tr[data-figure="taxCollected"] td').textContent()).toBe(formatUsd(expected.taxCollected));
    expect(await detail.locator('tr[data-figure="grossSales"] td').textContent()).toBe(formatUsd(expected.grossSales));
    expect(await detail.locator('tr[data-figure="taxableSales"] td').textContent()).toBe(formatUsd(expected.taxableSales));
    expect(await detail.locator('tbody tr[data-jurisdiction]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-jurisdiction')))).toEqual(
      expected.jurisdictions.map((j: { id: string }) => j.id),
    );
    const behind = (await get(`/v1/returns/${jurisdictionId}/${period}/transactions`)).data.map((t: { id: string }) => t.id);
    await expect.poll(() => detail.locator('table.return-transactions tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-transaction')))).toEqual(behind);
    expect(await detail.locator(`a[href="/transactions/${encodeURIComponent(behind[0])}"]`).count()).toBe(1);

    // The export is a plain link: the session cookie is enough for the file.
    const [download] = await Promise.all([page.waitForEvent('download'), detail.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`levy-return-${jurisdictionId}-${period}.csv`);
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain(`tax_collected,${jurisdictionId},,,,,,`);

    await page.screenshot({ path: `${SHOTS}/return-1440.png`, fullPage: true });

    // Filing: a date is required, and the answer is read out where the form is.
    await detail.getByLabel('Filed date').fill('');
    await detail.getByLabel('Confirmation number').fill('CONF-2041');
    await detail.getByRole('button', { name: 'Record filing' }).click();
    expect(await detail.getByText('Filed', { exact: true }).count()).toBe(0);
    const filedOn = new Date().toISOString().slice(0, 10);
    await detail.getByLabel('Filed date').fill(filedOn);
    await detail.getByRole('button', { name: 'Record filing' }).click();
    await expect.poll(() => detail.locator('.card-head .badge').textContent()).toBe('Filed');
    expect(await detail.locator('[data-filed-at]').textContent()).toBe(filedOn);
    expect(await detail.locator('[data-confirmation]').textContent()).toBe('CONF-2041');
    expect(await detail.getByRole('button', { name: 'Record filing' }).count()).toBe(0);
    const asFiled = await get(`/v1/returns/${jurisdictionId}/${period}`);
    expect(asFiled.status).toBe('filed');
    expect(asFiled.confirmation).toBe('CONF-2041');
    expect(await detail.locator('tr[data-figure="taxCollected"] td').textContent()).toBe(formatUsd(asFiled.taxCollected));

    // A reload reads the filed return from the API; the list says filed too.
    await page.reload();
    await detail.waitFor();
    expect(await detail.locator('.card-head .badge').textContent()).toBe('Filed');
    expect(await detail.locator('[data-confirmation]').textContent()).toBe('CONF-2041');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/return-390.png`, fullPage: true });
    // Its transactions now say which filed return holds them.
    await page.goto(`${base}/transactions/${encodeURIComponent(behind[0])}`);
    const held = page.locator('[data-filing]');
    await held.waitFor();
    expect(await held.getAttribute('data-filing')).toBe('filed');
    expect(await held.textContent()).toContain(`${jurisdictionId} ${period} return, filed ${filedOn}`);
    await page.goBack();
    await detail.waitFor();
    await detail.getByRole('button', { name: '← Returns' }).click();
    await expect.poll(() => page.locator(`section[data-registration="${jurisdictionId}"] tr[data-period="${period}"] .badge`).textContent()).toBe('Filed');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/returns-390.png`, fullPage: false });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says when a one-time link is spent or wrong, on the set-password page', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${base}/set-password?token=not-a-real-token`);
    await page.getByLabel('New password').fill('short');
    await page.getByLabel('Repeat it').fill('short');
    await page.getByRole('button', { name: 'Set password' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('at least 12 characters');
    await page.getByLabel('New password').fill('a long enough password');
    await page.getByLabel('Repeat it').fill('a long enough password');
    await page.getByRole('button', { name: 'Set password' }).click();
    // The server's refusal of an unknown token replaces the form's own message.
    await expect.poll(async () => (await page.getByRole('alert').textContent()) ?? '').toMatch(/link/i);
    await page.screenshot({ path: `${SHOTS}/set-password-390.png`, fullPage: true });
    await page.close();
  });
});
