/**
 * The Data sources screen in Chromium against a real server: a bad CSV's
 * errors by row, a corrected file with a product id the seller does not
 * have, assigned one by one (file input) or in a batch (dropped on the
 * zone), committed with its progress, marked complete, and the employee
 * import, each checked against the API. Screenshots at 1440 and 390 px.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validTransactionRow } from '../../src/imports/transactions-csv.test-helpers.js';
import type { Employee, ImportError, ImportView } from '../../web/src/imports-types.js';
import type { Product, TaxCategory } from '../../web/src/settings-types.js';
import { goTo, SHOTS, startDashboard, type Dashboard } from './harness.js';

let dashboard: Dashboard;

beforeAll(async () => {
  dashboard = await startDashboard();
});

afterAll(async () => {
  await dashboard?.close();
});

const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

function csv(rows: Array<Record<string, string>>): string {
  const header = Object.keys(validTransactionRow);
  return [header.join(','), ...rows.map((r) => header.map((h) => quote(r[h] ?? '')).join(','))].join('\n') + '\n';
}

/** `count` one-line sales for one customer, the first `unknown.length` of them using the unknown product ids. */
function sales(prefix: string, customerId: string, count: number, unknown: string[]): Array<Record<string, string>> {
  return Array.from({ length: count }, (_, i) => ({
    ...validTransactionRow,
    transaction_id: `${prefix}-${i + 1}`,
    customer_id: customerId,
    date: `2024-02-${String(1 + (i % 28)).padStart(2, '0')}`,
    product_id: unknown[i] ?? 'pro-plan',
    amount: `${100 + i}.25`,
    tax_collected: '8.27',
  }));
}

const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

async function importIdOf(page: Page): Promise<string> {
  await page.waitForURL(/\/data-sources\/imports\/[^/]+$/);
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

/** Records every text the progress status announces, so a commit too fast to catch with a poll still proves it showed progress. */
// Browser-side code as strings: the server's tsconfig has no DOM types.
async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const seen = (window.progressSeen = []);
    new MutationObserver(() => {
      const status = document.querySelector('.commit-progress [role="status"]');
      const bar = document.querySelector('.commit-progress [role="progressbar"]');
      if (status) seen.push(status.textContent + ' | ' + bar?.getAttribute('aria-valuenow'));
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  })()`);
}

const progressSeen = (page: Page) => page.evaluate<string[]>('window.progressSeen');

/** Drops a file on an upload zone as a browser does: a DataTransfer holding a File, through dragenter, dragover and drop. */
async function dropFile(page: Page, kind: string, name: string, text: string): Promise<void> {
  await page.evaluate(`(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: 'text/csv' }));
    const zone = document.querySelector('.dropzone[data-kind="${kind}"]');
    for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  })()`);
}

/** Nothing wider than a phone's screen; on failure, names the elements that stick out. */
async function noSidewaysScroll(page: Page): Promise<void> {
  const wide = await page.evaluate<string[]>(`[...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-scroll, nav'))
    .map((e) => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))`);
  expect(wide).toEqual([]);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
}

describe('importing transactions', () => {
  it('shows a bad file\'s errors by row, then imports the corrected file once its new product is assigned, with progress, and marks the backfill complete', async () => {
    const { page, errors, close } = await dashboard.signedIn(1440);
    await goTo(page, 'Data sources');
    await page.getByRole('heading', { name: 'Data sources', level: 1 }).waitFor();
    expect(await page.getByRole('link', { name: 'Download the template' }).first().getAttribute('href')).toBe('/v1/imports/template.csv?kind=transactions');
    await page.screenshot({ path: `${SHOTS}/imports-data-sources-1440.png`, fullPage: true });

    // A file with two bad rows: a thousands separator, and a date that does not exist.
    const good = sales('IMP', 'cus_import_one', 300, ['widget-classic']);
    const bad = [good[0]!, { ...good[1]!, amount: '1,234.56' }, { ...good[2]!, date: '2024-13-01' }];
    await page.getByLabel('Transactions CSV file').setInputFiles(file('history-bad.csv', csv(bad)));
    const badId = await importIdOf(page);
    await page.getByText('Nothing was imported').waitFor();
    const badView = await dashboard.get<ImportView>(`/v1/imports/${badId}`);
    expect(badView.status).toBe('invalid');
    expect(await page.locator('.badge[data-status]').first().textContent()).toBe('Has errors');
    const apiErrors = (await dashboard.get<{ data: ImportError[] }>(`/v1/imports/${badId}/errors`)).data;
    expect(apiErrors.map((e) => [e.row, e.column])).toEqual(expect.arrayContaining([[3, 'amount'], [4, 'date']]));
    const table = page.locator('table.errors-table');
    await table.locator('tbody tr').first().waitFor();
    const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [Number(r.getAttribute('data-row')), r.getAttribute('data-column'), r.querySelector('td.message')!.textContent]));
    expect(shown).toEqual(apiErrors.map((e) => [e.row, e.column ?? '', e.message]));
    expect(await table.locator('tr[data-row="3"]').textContent()).toContain('1,234.56');
    await page.screenshot({ path: `${SHOTS}/imports-errors-1440.png`, fullPage: true });

    // The corrected file, uploaded from the bad import's page: a product id the seller does not have.
    await page.getByLabel('Corrected CSV file').setInputFiles(file('history.csv', csv(good)));
    await page.waitForURL((url) => url.pathname !== `/data-sources/imports/${encodeURIComponent(badId)}`);
    const id = await importIdOf(page);
    await page.getByText('All looks good!').waitFor();
    expect(await page.locator('.all-good').textContent()).toContain('300 rows, 300 transactions');
    await page.getByRole('heading', { name: 'New products detected' }).waitFor();
    const row = page.locator('tr[data-new-product="widget-classic"]');
    expect(await row.textContent()).toContain('Not assigned');
    expect((await dashboard.get<ImportView>(`/v1/imports/${id}`)).newProducts).toEqual([{ productId: 'widget-classic', rows: 1, assignedTo: null }]);

    // Continuing before assigning it is refused, and says why.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.continue [role="alert"]').textContent()).toContain('not assigned');

    // Assigned on its own row to an existing product.
    await page.getByLabel('Assign widget-classic to', { exact: true }).selectOption({ label: 'Hardware kit (hardware-kit)' });
    await page.getByRole('button', { name: 'Assign widget-classic' }).click();
    await expect.poll(() => row.locator('.assigned-to').textContent()).toContain('Hardware kit (hardware-kit)');
    expect(await row.locator('.assigned-to').getAttribute('data-assigned')).toBe('product:hardware-kit');
    expect((await dashboard.get<ImportView>(`/v1/imports/${id}`)).newProducts[0]!.assignedTo).toEqual({ productId: 'hardware-kit' });
    // The refusal no longer holds, so it is no longer shown.
    expect(await page.locator('.continue [role="alert"]').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/imports-assigned-1440.png`, fullPage: true });

    // Continue: the progress is shown (and announced) while it runs, then the result.
    await recordProgress(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Imported', level: 2 }).waitFor({ timeout: 45_000 });
    const seen = await progressSeen(page);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatch(/of 300 transactions done/);
    expect(await page.evaluate('document.activeElement?.id')).toBe('step-import-title');

    const committed = await dashboard.get<ImportView>(`/v1/imports/${id}`);
    expect(committed.status).toBe('committed');
    expect(committed.progress).toMatchObject({ done: 300, total: 300, written: 300, failed: 0 });
    expect(await page.locator('[data-result="written"]').textContent()).toBe(String(committed.progress.written));
    expect(await page.locator('[data-result="failed"]').textContent()).toBe('0');
    expect(await page.locator('.commit-result [role="status"]').textContent()).toContain('Imported 300 transactions');

    // What the screen said is in the ledger: every row, and the new product id now an external id of the product it was assigned to.
    const ledger = await dashboard.get<{ data: Array<{ id: string; status: string; source?: string }> }>('/v1/transactions?customerId=cus_import_one&limit=500');
    expect(ledger.data.map((t) => t.id).sort()).toEqual(good.map((r) => r.transaction_id).sort());
    expect(new Set(ledger.data.map((t) => t.status))).toEqual(new Set(['committed']));
    expect((await dashboard.get<Product>('/v1/products/hardware-kit')).externalIds).toContain('widget-classic');

    // Mark complete: the backfill is recorded, and focus lands on what changed.
    await page.getByRole('button', { name: 'Mark complete' }).click();
    await page.getByRole('heading', { name: 'Backfill complete' }).waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe('step-complete-title');
    const completed = await dashboard.get<ImportView>(`/v1/imports/${id}`);
    expect(completed.status).toBe('completed');
    expect(completed.progress.completedAt).not.toBeNull();
    expect((await dashboard.get<{ backfillCompletedAt: string | null }>('/v1/nexus')).backfillCompletedAt).not.toBeNull();
    expect(await page.locator('.badge[data-status]').first().textContent()).toBe('Backfill complete');
    await page.screenshot({ path: `${SHOTS}/imports-complete-1440.png`, fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/imports-complete-390.png`, fullPage: true });

    // The past imports list says what the API says of each.
    await page.getByRole('link', { name: '← Data sources' }).click();
    await page.locator(`tr[data-import="${id}"]`).waitFor();
    for (const [importId, label] of [
      [badId, 'Has errors'],
      [id, 'Backfill complete'],
    ] as const) {
      expect(await page.locator(`tr[data-import="${importId}"] .badge`).textContent()).toBe(label);
    }
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/imports-data-sources-390.png`, fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });

  it('takes a file dropped on the zone and assigns its new products in a batch, at phone width', async () => {
    const { page, errors, close } = await dashboard.signedIn(390);
    await goTo(page, 'Data sources');
    await page.getByRole('heading', { name: 'Data sources', level: 1 }).waitFor();
    await noSidewaysScroll(page);

    const rows = sales('DROP', 'cus_import_two', 4, ['addon-alpha', 'addon-beta', 'addon-gamma']);
    await dropFile(page, 'transactions', 'dropped.csv', csv(rows));
    const id = await importIdOf(page);
    await page.getByText('All looks good!').waitFor();
    expect((await dashboard.get<ImportView>(`/v1/imports/${id}`)).fileName).toBe('dropped.csv');
    await page.locator('tr[data-new-product]').nth(2).waitFor();
    expect(await page.locator('tr[data-new-product]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-new-product')))).toEqual(['addon-alpha', 'addon-beta', 'addon-gamma']);
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/imports-new-products-390.png`, fullPage: true });

    // All selected at once, to a new product in a tax category.
    const category = (await dashboard.get<{ data: TaxCategory[] }>('/v1/tax-categories')).data.find((c) => c.id === 'saas.b2b')!;
    await page.getByLabel('Select all').check();
    await page.getByLabel('Assign 3 selected to').selectOption({ label: category.name });
    await page.getByRole('button', { name: 'Assign selected' }).click();
    await expect.poll(() => page.locator('.new-products [role="status"]').textContent()).toBe('All 3 new product ids are assigned.');
    const assigned = await dashboard.get<ImportView>(`/v1/imports/${id}`);
    expect(assigned.newProducts.map((p) => p.assignedTo)).toEqual([{ taxCategory: 'saas.b2b' }, { taxCategory: 'saas.b2b' }, { taxCategory: 'saas.b2b' }]);
    expect(await page.locator('tr[data-new-product] .assigned-to').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-assigned')))).toEqual(Array(3).fill('category:saas.b2b'));
    await page.screenshot({ path: `${SHOTS}/imports-batch-assigned-390.png`, fullPage: true });

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Imported', level: 2 }).waitFor({ timeout: 45_000 });
    expect((await dashboard.get<ImportView>(`/v1/imports/${id}`)).progress.written).toBe(4);
    const ledger = await dashboard.get<{ data: Array<{ id: string }> }>('/v1/transactions?customerId=cus_import_two');
    expect(ledger.data.map((t) => t.id).sort()).toEqual(rows.map((r) => r.transaction_id).sort());
    expect((await dashboard.get<Product>('/v1/products/addon-beta')).taxCategory).toBe('saas.b2b');
    await noSidewaysScroll(page);
    await page.screenshot({ path: `${SHOTS}/imports-result-390.png`, fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });
});

describe('importing employees', () => {
  it('imports an employee list through the screen, as GET /v1/employees then lists it', async () => {
    const { page, errors, close } = await dashboard.signedIn(1440);
    await goTo(page, 'Data sources');
    const text = ['employee_id,name,region,country,start_date,end_date', 'E-100,Ada Lopez,NV,US,2023-01-10,', 'E-101,Sam Okafor,OR,US,2022-06-01,2024-02-29', ''].join('\n');
    await page.getByLabel('Employees CSV file').setInputFiles(file('staff.csv', text));
    const id = await importIdOf(page);
    await page.getByText('All looks good!').waitFor();
    expect(await page.locator('.all-good').textContent()).toContain('2 rows, 2 employees');
    // An employee import has no products and no backfill to mark.
    expect(await page.getByRole('heading', { name: 'New products detected' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Imported', level: 2 }).waitFor({ timeout: 45_000 });
    expect(await page.getByRole('button', { name: 'Mark complete' }).count()).toBe(0);
    expect((await dashboard.get<ImportView>(`/v1/imports/${id}`)).status).toBe('committed');

    const employees = (await dashboard.get<{ data: Employee[] }>('/v1/employees?limit=500')).data;
    expect(employees.find((e) => e.id === 'E-100')).toMatchObject({ name: 'Ada Lopez', region: 'NV', country: 'US', startDate: '2023-01-10', endDate: null });
    expect(employees.find((e) => e.id === 'E-101')).toMatchObject({ name: 'Sam Okafor', region: 'OR', startDate: '2022-06-01', endDate: '2024-02-29' });
    await page.screenshot({ path: `${SHOTS}/imports-employees-result-1440.png`, fullPage: true });

    await page.getByRole('link', { name: 'See the employees' }).click();
    await page.locator('tr[data-employee="E-101"]').waitFor();
    const listed = await page.locator('tr[data-employee]').evaluateAll((trs) => trs.map((t) => t.getAttribute('data-employee')));
    expect(listed.sort()).toEqual(employees.map((e) => e.id).sort());
    expect(await page.locator('tr[data-employee="E-101"]').textContent()).toContain('2024-02-29');
    await page.screenshot({ path: `${SHOTS}/imports-employees-1440.png`, fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });
});
