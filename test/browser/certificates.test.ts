/**
 * The customers and certificates screens in Chromium against a real server:
 * the list's badges checked against the API, search and status filter in
 * the address, a certificate's document preview, archiving it (confirmed,
 * then checked through the API and the list), a request emailed through a
 * real SMTP server and answered on the customer's page, its approval, and a
 * reprocess dry run whose figures are checked against the API's own.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../web/src/money.js';
import { startSmtp, type SmtpCatcher } from '../helpers/smtp.js';
import { goTo, SHOTS, startDashboard, type Dashboard } from './harness.js';

interface Certificate {
  id: string;
  customerId: string;
  status: string;
  number: string | null;
  effectiveDate: string;
}

interface DryRun {
  transactions: number;
  revised: number;
  corrected: number;
  unchanged: number;
  skipped: number;
  totals: Array<{ currency: string; taxBefore: number; taxAfter: number; difference: number }>;
  filedPeriods: Array<{ jurisdictionId: string; period: string; transactions: number }>;
  items: Array<{ id: string; action: string }>;
}

const LABEL: Record<string, string> = {
  active: 'Active',
  expiring_soon: 'Expiring soon',
  expired: 'Expired',
  archived: 'Archived',
  pending_review: 'Pending review',
  rejected: 'Rejected',
};

let dashboard: Dashboard;
let smtp: SmtpCatcher;
let today: string;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A certificate document as a scanner would give it: a PNG of a filled-in form, drawn by the browser. */
async function scannedCertificate(): Promise<Buffer> {
  const { page, close } = await dashboard.open(600);
  await page.setViewportSize({ width: 600, height: 380 });
  await page.setContent(
    '<body style="font-family:serif;padding:24px;border:6px double #333;margin:8px"><h2>Texas Sales and Use Tax Resale Certificate</h2>' +
      '<p>Purchaser: Lone Star Resellers LLC</p><p>Texas taxpayer number: TX-01-2345678</p><p>Signed: ________________ Date: 2023-01-01</p></body>',
  );
  const png = await page.screenshot({ type: 'png' });
  await close();
  return png;
}

async function putDocument(certificateId: string, content: Buffer, type: string): Promise<void> {
  const response = await fetch(`${dashboard.base}/v1/certificates/${certificateId}/file`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${dashboard.apiKey}`, 'content-type': type },
    body: content,
  });
  expect(response.status).toBe(200);
}

async function createCertificate(body: Record<string, unknown>): Promise<Certificate> {
  const created = await dashboard.send<Certificate>('POST', '/v1/certificates', body);
  expect(created.status).toBe(201);
  return created.body;
}

const listed = (page: Page) =>
  page.locator('table.certificate-list tbody tr[data-certificate]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-certificate'), r.querySelector('.badge')?.textContent ?? null]));

beforeAll(async () => {
  dashboard = await startDashboard();
  smtp = await startSmtp();
  today = new Date().toISOString().slice(0, 10);
  // Certificates in every state a date gives, beside the demo's active resale certificate.
  await dashboard.send('PUT', '/v1/customers/cus_school', { name: 'Lincoln High School', type: 'business', exempt: true, email: 'office@lincoln.test', address: { region: 'TX', postalCode: '78701', country: 'US' } });
  await createCertificate({ customerId: 'cus_acme', jurisdictions: ['US-CA'], reason: 'resale', number: 'CA-SR-778', effectiveDate: '2022-01-01', expirationDate: addDays(today, 10) });
  await createCertificate({ customerId: 'cus_acme', jurisdictions: ['US-NV'], reason: 'resale', number: 'NV-OLD-1', effectiveDate: '2019-01-01', expirationDate: '2021-12-31' });
  const old = await createCertificate({ customerId: 'cus_school', jurisdictions: ['US-TX'], reason: 'educational', number: 'EDU-2020', effectiveDate: '2020-01-01' });
  expect((await dashboard.send('POST', `/v1/certificates/${old.id}/archive`)).status).toBe(200);
});

afterAll(async () => {
  await dashboard?.close();
  await smtp?.close();
});

describe('customers and certificates', () => {
  it('lists certificates with their statuses, searches them, previews a document, and archives a certificate', async () => {
    await putDocument('cert_resale_tx', await scannedCertificate(), 'image/png');
    const { page, errors, close } = await dashboard.signedIn(1440);
    await goTo(page, 'Customers');
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();

    // Every certificate, with the badge of the status the API gives it.
    const all = (await dashboard.get<{ data: Certificate[] }>('/v1/certificates?limit=100')).data;
    expect(new Set(all.map((c) => c.status))).toEqual(new Set(['active', 'expiring_soon', 'expired', 'archived']));
    await expect.poll(() => listed(page)).toEqual(all.map((c) => [c.id, LABEL[c.status]]));
    await page.screenshot({ path: `${SHOTS}/certificates-list-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/certificates-list-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 1000 });

    // A search by the customer's name, kept in the address.
    await page.getByLabel('Search').fill('Lone Star');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => listed(page)).toEqual([['cert_resale_tx', 'Active']]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('Lone Star');
    // The status filter goes to the address too, and a reload keeps both.
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Status').selectOption('expiring_soon');
    await expect.poll(() => new URL(page.url()).search).toBe('?status=expiring_soon');
    await page.reload();
    const soon = (await dashboard.get<{ data: Certificate[] }>('/v1/certificates?status=expiring_soon')).data;
    await expect.poll(() => listed(page)).toEqual(soon.map((c) => [c.id, 'Expiring soon']));
    expect(await page.getByLabel('Status').inputValue()).toBe('expiring_soon');
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => listed(page)).toEqual(all.map((c) => [c.id, LABEL[c.status]]));

    // The certificate, its facts and its document.
    await page.getByRole('link', { name: 'TX-01-2345678' }).click();
    const detail = page.locator('.certificate-detail[data-certificate="cert_resale_tx"]');
    await detail.waitFor();
    expect(await detail.getByRole('heading', { level: 1 }).textContent()).toBe('Certificate TX-01-2345678');
    expect(await detail.locator('.certificate-head .badge').textContent()).toBe('Active');
    await detail.getByRole('link', { name: 'Lone Star Resellers LLC' }).waitFor();
    const preview = detail.getByRole('img', { name: /Certificate document/ });
    await expect.poll(() => preview.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth)).toBe(600);
    await detail.getByRole('link', { name: 'Download the document' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/certificate-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/certificate-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1440, height: 1000 });

    // Archive: asked first; cancelling changes nothing.
    await detail.getByRole('button', { name: 'Archive' }).click();
    const confirm = page.getByRole('dialog', { name: 'Archive this certificate?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect((await dashboard.get<Certificate>('/v1/certificates/cert_resale_tx')).status).toBe('active');
    await detail.getByRole('button', { name: 'Archive' }).click();
    await confirm.getByRole('button', { name: 'Archive certificate' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => detail.locator('.certificate-head .badge').textContent()).toBe('Archived');
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('certificate-title');
    expect((await dashboard.get<Certificate>('/v1/certificates/cert_resale_tx')).status).toBe('archived');
    await page.screenshot({ path: `${SHOTS}/certificate-archived-1440.png`, fullPage: true });

    // The list says so.
    await detail.getByRole('link', { name: '← Customers' }).click();
    await page.getByLabel('Status').selectOption('archived');
    await expect.poll(() => listed(page)).toContainEqual(['cert_resale_tx', 'Archived']);
    const archived = (await dashboard.get<{ data: Certificate[] }>('/v1/certificates?status=archived')).data;
    expect(await listed(page)).toEqual(archived.map((c) => [c.id, 'Archived']));
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the impact of reprocessing before it starts, then follows the run to its end', async () => {
    const { page, errors, close } = await dashboard.signedIn(1440);
    // The resale certificate no longer exempts: reprocessing its customer's sales would tax them.
    if ((await dashboard.get<Certificate>('/v1/certificates/cert_resale_tx')).status !== 'archived') await dashboard.send('POST', '/v1/certificates/cert_resale_tx/archive');
    await page.goto(`${dashboard.base}/certificates/cert_resale_tx`);
    const section = page.getByRole('region', { name: 'Reprocess past sales' });
    await section.waitFor();
    expect(await section.getByLabel('Invoices from').inputValue()).toBe('2023-01-01');
    await section.getByLabel('Invoices to').fill(today);
    await section.getByRole('button', { name: 'Show the impact' }).click();
    const impact = section.locator('[data-impact]');
    await impact.waitFor();

    const api = await dashboard.send<DryRun>('POST', '/v1/certificates/cert_resale_tx/reprocess', { from: '2023-01-01', to: today, preferCustomerAddress: false, dryRun: true });
    expect(api.status).toBe(200);
    const dry = api.body;
    expect(dry.transactions).toBeGreaterThan(0);
    expect(await impact.locator('[data-counts]').textContent()).toBe(
      `${dry.transactions} sale${dry.transactions === 1 ? '' : 's'}: ${dry.revised} revised, ${dry.corrected} corrected in the open period, ${dry.unchanged} unchanged, ${dry.skipped} skipped.`,
    );
    for (const t of dry.totals) {
      const row = impact.locator(`table.impact-totals tr[data-currency="${t.currency}"]`);
      expect(await row.locator('[data-figure="taxBefore"]').textContent()).toBe(formatMoney(t.taxBefore, t.currency));
      expect(await row.locator('[data-figure="taxAfter"]').textContent()).toBe(formatMoney(t.taxAfter, t.currency));
      expect(await row.locator('[data-figure="difference"]').textContent()).toBe(`${t.difference > 0 ? '+' : ''}${formatMoney(t.difference, t.currency)}`);
    }
    expect(await impact.locator('[data-filed-period]').evaluateAll((li) => li.map((l) => l.getAttribute('data-filed-period')))).toEqual(dry.filedPeriods.map((p) => `${p.jurisdictionId}/${p.period}`));
    expect(await impact.locator('tr[data-item]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-item'), r.getAttribute('data-action')]))).toEqual(dry.items.map((i) => [i.id, i.action]));
    expect(dry.revised + dry.corrected).toBeGreaterThan(0);
    expect((await dashboard.get<{ data: unknown[] }>('/v1/reprocessings?certificateId=cert_resale_tx')).data).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/certificate-reprocess-1440.png`, fullPage: true });

    await impact.getByRole('button', { name: 'Start reprocessing' }).click();
    const run = section.locator('.run');
    await expect.poll(() => run.getAttribute('data-status'), { timeout: 30_000 }).toBe('completed');
    const runs = (await dashboard.get<{ data: Array<{ id: string; status: string; total: number; done: number }> }>('/v1/reprocessings?certificateId=cert_resale_tx')).data;
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'completed', total: dry.items.length, done: dry.items.length });
    expect(await run.getByRole('status').textContent()).toContain(`Finished: ${runs[0]!.done} of ${runs[0]!.total} sales processed`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/certificate-reprocess-390.png`, fullPage: true });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await close();
  });

  it('explains a request without email, emails one, takes the customer\'s answer and approves it', async () => {
    const { page, errors, close } = await dashboard.signedIn(1440);
    await page.goto(`${dashboard.base}/customers/cus_school`);
    await page.getByRole('heading', { name: /Lincoln High School/, level: 1 }).waitFor();

    // No email channel yet: the screen says why nothing went out and where to set it up.
    await page.getByRole('button', { name: 'Email the request' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'no email channel' });
    await refusal.waitFor();
    await refusal.getByRole('link', { name: 'Settings' }).waitFor();

    const set = await dashboard.send('PUT', '/v1/alert-channels', { email: { to: ['finance@seller.test'], from: 'billing@seller.test', smtp: { host: '127.0.0.1', port: smtp.port, secure: false } } });
    expect(set.status).toBe(200);
    await page.getByLabel('Jurisdictions asked for').fill('US-TX');
    await page.getByRole('button', { name: 'Email the request' }).click();
    await page.getByRole('status').filter({ hasText: 'Emailed a link to office@lincoln.test' }).waitFor();
    const mail = smtp.received.find((m) => m.to.includes('office@lincoln.test'));
    expect(mail).toBeDefined();
    const token = /certificate-requests\/([A-Za-z0-9_-]{43})/.exec(mail!.raw.replace(/=\r\n/g, ''))?.[1];
    expect(token).toBeDefined();
    await page.locator('tr[data-request]').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/customer-1440.png`, fullPage: true });

    // The customer answers on the page the link opens.
    const customer = await dashboard.open(390);
    await customer.page.goto(`${dashboard.base}/certificate-requests/${token}`);
    expect(await customer.page.locator('#jurisdictions').inputValue()).toBe('US-TX');
    await customer.page.locator('#reason').selectOption('educational');
    await customer.page.locator('#number').fill('EDU-2026-77');
    await customer.page.locator('#effectiveDate').fill('2024-01-01');
    await customer.page.locator('#document').setInputFiles({ name: 'certificate.png', mimeType: 'image/png', buffer: await scannedCertificate() });
    await customer.page.locator('form button[type="submit"], form input[type="submit"]').first().click();
    await customer.page.getByText('Thank you').first().waitFor();
    await customer.close();

    const pending = (await dashboard.get<{ data: Certificate[] }>('/v1/certificates?customerId=cus_school&status=pending_review')).data;
    expect(pending).toHaveLength(1);
    await page.goto(`${dashboard.base}/customers?status=pending_review`);
    await expect.poll(() => listed(page)).toEqual([[pending[0]!.id, 'Pending review']]);
    await page.getByRole('link', { name: 'EDU-2026-77' }).click();
    const detail = page.locator(`.certificate-detail[data-certificate="${pending[0]!.id}"]`);
    await detail.getByRole('region', { name: 'Review' }).waitFor();
    await expect.poll(() => detail.getByRole('img', { name: /Certificate document/ }).evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(600);
    await page.screenshot({ path: `${SHOTS}/certificate-review-1440.png`, fullPage: true });
    await detail.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => detail.locator('.certificate-head .badge').textContent()).toBe('Active');
    const approved = await dashboard.get<Certificate & { reviewedAt: string | null }>(`/v1/certificates/${pending[0]!.id}`);
    expect(approved.status).toBe('active');
    expect(approved.reviewedAt).not.toBeNull();
    expect(errors).toEqual([]);
    await close();
  });

  it('lists every customer, searches them by name in the address, and adds one by its id', async () => {
    const { page, errors, close } = await dashboard.signedIn(1440);
    await goTo(page, 'Customers');
    await page.getByRole('navigation', { name: 'Customers views' }).getByRole('link', { name: 'All customers' }).click();
    const shown = () => page.locator('table.customer-list tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-customer')));
    const all = (await dashboard.get<{ data: Array<{ id: string; name: string | null }> }>('/v1/customers?limit=50')).data;
    expect(all.length).toBeGreaterThan(1);
    await expect.poll(shown).toEqual(all.map((c) => c.id));
    expect(new URL(page.url()).search).toBe('?view=customers');

    const named = all.find((c) => c.name)!;
    const word = named.name!.split(' ')[0]!;
    await page.getByLabel('Search').fill(word);
    await page.getByRole('button', { name: 'Search' }).click();
    const matching = (await dashboard.get<{ data: Array<{ id: string }> }>(`/v1/customers?q=${encodeURIComponent(word)}`)).data.map((c) => c.id);
    await expect.poll(shown).toEqual(matching);
    expect(new URL(page.url()).searchParams.get('q')).toBe(word);
    await page.screenshot({ path: `${SHOTS}/customers-1440.png`, fullPage: true });

    // A customer not recorded yet opens blank; saving records it.
    await page.getByLabel('Customer id').fill('cus_new_from_screen');
    await page.getByRole('button', { name: 'Open or add' }).click();
    await page.getByText('No record for customer cus_new_from_screen yet').waitFor();
    expect((await dashboard.send('GET', '/v1/customers/cus_new_from_screen')).status).toBe(404);
    await page.getByLabel('Name').fill('Made On Screen Inc.');
    await page.getByRole('button', { name: /^Save/ }).click();
    await expect.poll(async () => (await dashboard.send<{ name: string }>('GET', '/v1/customers/cus_new_from_screen')).body?.name).toBe('Made On Screen Inc.');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${dashboard.base}/customers?view=customers`);
    await expect.poll(shown).toContain('cus_new_from_screen');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/customers-390.png`, fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });
});
