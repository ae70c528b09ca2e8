/**
 * Products and Settings in Chromium against a real server: the demo admin
 * batch-assigns a tax category and sets the default product; changes the
 * time zone; creates, uses and revokes an API key; invites a user; sets
 * SMTP and a webhook. The invited member then sees Settings read-only.
 * Everything the screens show or change is checked against the API;
 * screenshots at 1440 and 390 px land in test-results/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, SHOTS, signIn, startDashboard, type Dashboard } from './harness.js';

interface Product {
  id: string;
  taxCategory: string;
}

let dashboard: Dashboard;
/** The set-password link the admin's invitation answered, for the member's part. */
let inviteLink: string;
const MEMBER = 'casey.member@example.com';
const MEMBER_PASSWORD = 'a long member password';

beforeAll(async () => {
  dashboard = await startDashboard();
});
afterAll(async () => {
  await dashboard?.close();
});

const products = async () => (await dashboard.get<{ data: Product[] }>('/v1/products?limit=500')).data;
const byId = async (id: string) => (await products()).find((p) => p.id === id)!;
const callWith = (key: string) => fetch(`${dashboard.base}/v1/me`, { headers: { authorization: `Bearer ${key}` } });

/** How wide the page is laid out; wider than the viewport means the reader scrolls sideways. */
const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

/** Elements reaching past the viewport's right edge, outside the containers meant to scroll sideways. */
const overflowing = (page: Page, width: number) =>
  page.evaluate<string[]>(
    `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > ${width + 2} && !e.parentElement?.closest('.table-scroll, nav')).slice(0, 5).map((e) => e.tagName + '.' + e.className)`,
  );

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe('the Products screen', () => {
  it('filters through the URL, batch-assigns a tax category and sets the default product', async () => {
    const { page, errors, close } = await dashboard.signedIn(1440);
    await goTo(page, 'Products');
    await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
    const rows = page.locator('table.products-table tbody tr');
    await expect.poll(() => rows.count()).toBe((await products()).length);
    // The default product is marked in its row.
    expect(await page.locator('tr[data-product="pro-plan"]').textContent()).toContain('Default');
    // A category is shown by name, with its id.
    expect(await page.locator('tr[data-product="onboarding"] td[data-category]').textContent()).toContain('Professional services');

    // Search goes into the URL, and a link to it opens filtered.
    await page.getByLabel('Search').fill('price_team');
    await expect.poll(() => rows.count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('q')).toBe('price_team');
    await page.goto(`${dashboard.base}/products?category=saas.b2b`);
    await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
    await expect.poll(() => rows.count()).toBe((await products()).filter((p) => p.taxCategory === 'saas.b2b').length);
    expect(await page.getByLabel('Tax category', { exact: true }).first().inputValue()).toBe('saas.b2b');
    await page.goto(`${dashboard.base}/products`);
    await expect.poll(() => rows.count()).toBe((await products()).length);

    // Two products into one category at once.
    await page.getByRole('checkbox', { name: 'Select data-export' }).check();
    await page.getByRole('checkbox', { name: 'Select desktop-app' }).check();
    const batch = page.getByRole('form', { name: 'Assign a tax category to the selected products' });
    expect(await batch.textContent()).toContain('2 selected');
    await batch.getByLabel('Tax category').selectOption('digital.goods');
    await batch.getByRole('button', { name: 'Assign to selected' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('assigned to data-export, desktop-app');
    expect((await byId('data-export')).taxCategory).toBe('digital.goods');
    expect((await byId('desktop-app')).taxCategory).toBe('digital.goods');
    expect(await page.locator('tr[data-product="desktop-app"] td[data-category]').getAttribute('data-category')).toBe('digital.goods');
    expect(await page.getByRole('checkbox', { name: 'Select data-export' }).isChecked()).toBe(false);

    // The default product.
    await page.getByRole('button', { name: 'Make team-plan the default product' }).click();
    await expect.poll(async () => (await dashboard.get<{ defaultProductId: string }>('/v1/settings')).defaultProductId).toBe('team-plan');
    await expect.poll(() => page.locator('tr[data-product="team-plan"]').textContent()).toContain('Default');
    expect(await page.locator('tr[data-product="pro-plan"]').textContent()).not.toContain('Default');

    // Adding a product; its external id taken by another is refused beside the field.
    await page.getByRole('button', { name: 'Add product' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a product' });
    await dialog.getByLabel('Product id').fill('enterprise-plan');
    await dialog.getByLabel('Name').fill('Enterprise plan');
    await dialog.getByLabel('Tax category').selectOption('saas.b2b');
    await dialog.getByLabel('External ids').fill('price_enterprise\nprice_kit');
    await dialog.getByRole('button', { name: 'Add product' }).click();
    await expect.poll(() => dialog.getByLabel('External ids').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.textContent()).toContain('already maps to product hardware-kit');
    await dialog.getByLabel('External ids').fill('price_enterprise');
    await dialog.getByRole('button', { name: 'Add product' }).click();
    await page.locator('tr[data-product="enterprise-plan"]').waitFor();
    expect(await byId('enterprise-plan')).toMatchObject({ taxCategory: 'saas.b2b', externalIds: ['price_enterprise'] });

    await page.getByRole('checkbox', { name: 'Select onboarding' }).check();
    await shoot(page, 'products-1440');
    expect(errors).toEqual([]);
    await close();
  });

  it('reads well on a phone', async () => {
    const { page, errors, close } = await dashboard.signedIn(390);
    await goTo(page, 'Products');
    await page.locator('tr[data-product="pro-plan"]').waitFor();
    await page.getByRole('checkbox', { name: 'Select pro-plan' }).check();
    expect(await overflowing(page, 390)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    await shoot(page, 'products-390');
    expect(errors).toEqual([]);
    await close();
  });
});

describe('the Settings screen as an admin', () => {
  it('changes the time zone, runs an API key\'s life, invites a user, sets SMTP and a webhook', async () => {
    const { page, errors, close } = await dashboard.signedIn(1440);
    await goTo(page, 'Settings');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();

    // The name customers see.
    await page.getByLabel('Business name').fill('Demo SaaS GmbH & Co.');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => page.getByText('Name saved.').count()).toBe(1);
    expect((await dashboard.get<{ name: string }>('/v1/me')).name).toBe('Demo SaaS GmbH & Co.');
    expect(await page.locator('header.top .seller').textContent()).toBe('Demo SaaS GmbH & Co.');

    // Time zone.
    const zone = page.getByLabel('Accounting time zone');
    await zone.waitFor();
    const before = (await dashboard.get<{ accountingTimeZone: string }>('/v1/settings')).accountingTimeZone;
    const next = before === 'America/Chicago' ? 'Europe/Berlin' : 'America/Chicago';
    await zone.selectOption(next);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByText('Settings saved.').count()).toBe(1);
    expect((await dashboard.get<{ accountingTimeZone: string }>('/v1/settings')).accountingTimeZone).toBe(next);

    // An API key: created with a note, shown once, working, then revoked and refused.
    const keys = page.getByRole('region', { name: 'API keys' });
    await keys.getByLabel('Note').fill('Billing sync');
    await keys.getByRole('button', { name: 'Create key' }).click();
    const shown = keys.getByRole('textbox', { name: 'New API key “Billing sync”' });
    await shown.waitFor();
    const key = await shown.inputValue();
    expect(key.length).toBeGreaterThan(20);
    expect(await keys.textContent()).toContain('only time the whole key is shown');
    expect((await callWith(key)).status).toBe(200);
    const listed = (await dashboard.get<{ data: Array<{ id: string; name: string; revokedAt: string | null }> }>('/v1/api-keys')).data.find((k) => k.name === 'Billing sync')!;
    expect(listed.revokedAt).toBeNull();
    expect(await keys.locator(`tr[data-key="${listed.id}"]`).textContent()).toContain('Active');
    expect(await keys.locator(`tr[data-key="${listed.id}"] [data-last-used]`).textContent()).toBe('Never');
    await keys.getByRole('button', { name: 'Done' }).click();
    expect(await page.content()).not.toContain(key);

    await keys.getByRole('button', { name: 'Revoke Billing sync' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke API key' });
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await expect.poll(() => keys.locator(`tr[data-key="${listed.id}"]`).textContent()).toContain('Revoked');
    expect((await callWith(key)).status).toBe(401);
    // Its one use is on record, and the list says so after a reload.
    await expect.poll(async () => (await dashboard.get<{ data: Array<{ id: string; lastUsedAt: string | null }> }>('/v1/api-keys')).data.find((k) => k.id === listed.id)!.lastUsedAt).not.toBeNull();
    await page.reload();
    await expect.poll(() => keys.locator(`tr[data-key="${listed.id}"] [data-last-used]`).textContent()).toMatch(/\d{4}/);

    // A user invited: the set-password link shown once.
    const users = page.getByRole('region', { name: 'Users' });
    await users.getByLabel('Email').fill(MEMBER);
    await users.getByLabel('Role').selectOption('member');
    await users.getByRole('button', { name: 'Invite' }).click();
    const link = users.getByRole('textbox', { name: `Set-password link for ${MEMBER}` });
    await link.waitFor();
    inviteLink = await link.inputValue();
    expect(inviteLink).toMatch(/\/set-password\?token=/);
    expect(await users.locator('tbody').textContent()).toContain(MEMBER);
    // The admin's own row offers no Remove.
    expect(await users.getByRole('button', { name: `Remove ${dashboard.login.email}` }).count()).toBe(0);
    expect(await users.getByRole('button', { name: `Remove ${MEMBER}` }).count()).toBe(1);
    // A role changed there and back, as the API then holds it.
    const roleOf = async () => (await dashboard.get<{ data: Array<{ email: string; role: string }> }>('/v1/users')).data.find((u) => u.email === MEMBER)!.role;
    await users.getByRole('button', { name: `Make ${MEMBER} an admin` }).click();
    await expect.poll(roleOf).toBe('admin');
    await users.getByRole('button', { name: `Make ${MEMBER} a member` }).click();
    await expect.poll(roleOf).toBe('member');
    expect(await users.locator('tbody').textContent()).toContain('member');

    // SMTP: a bad port is refused beside its field; the password is kept and never comes back.
    const alerts = page.getByRole('region', { name: 'Alerts' });
    await alerts.getByLabel('Recipients', { exact: true }).fill('finance@example.com\ncfo@example.com');
    await alerts.getByLabel('From', { exact: true }).fill('levy@example.com');
    await alerts.getByLabel('SMTP host', { exact: true }).fill('smtp.example.com');
    await alerts.getByLabel('Port', { exact: true }).fill('not a port');
    await alerts.getByLabel('Username', { exact: true }).fill('levy');
    await alerts.getByLabel('Password', { exact: true }).fill('smtp-secret-password');
    await alerts.getByRole('button', { name: 'Save email' }).click();
    await expect.poll(() => alerts.getByLabel('Port', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await alerts.getByLabel('Port', { exact: true }).fill('587');
    await alerts.getByRole('button', { name: 'Save email' }).click();
    await expect.poll(() => alerts.getByText('Email alerts saved.').count()).toBe(1);
    const channels = await dashboard.get<{ email: { to: string[]; smtp: Record<string, unknown> }; webhook: unknown }>('/v1/alert-channels');
    expect(channels.email.to).toEqual(['finance@example.com', 'cfo@example.com']);
    expect(channels.email.smtp).toEqual({ host: 'smtp.example.com', port: 587, secure: false, username: 'levy', passwordSet: true });
    expect(await alerts.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await page.content()).not.toContain('smtp-secret-password');

    // The webhook: a bad URL is refused beside it; the signing secret is shown once.
    await alerts.getByLabel('URL', { exact: true }).fill('not a url');
    await alerts.getByRole('button', { name: 'Save webhook' }).click();
    await expect.poll(() => alerts.getByLabel('URL', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await alerts.getByLabel('URL', { exact: true }).fill('https://hooks.example.com/levy');
    await alerts.getByRole('button', { name: 'Save webhook' }).click();
    const secret = alerts.getByRole('textbox', { name: 'Webhook signing secret' });
    await secret.waitFor();
    expect((await secret.inputValue()).length).toBeGreaterThan(16);
    expect(await dashboard.get('/v1/alert-channels')).toMatchObject({ webhook: { url: 'https://hooks.example.com/levy' } });
    expect(((await dashboard.get<{ webhook: Record<string, unknown> }>('/v1/alert-channels')).webhook).secret).toBeUndefined();

    await shoot(page, 'settings-1440');

    // Reloaded, nothing secret is shown: neither password nor webhook secret.
    await page.reload();
    await page.getByLabel('SMTP host', { exact: true }).waitFor();
    expect(await page.getByLabel('SMTP host', { exact: true }).inputValue()).toBe('smtp.example.com');
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await page.getByText('A password is stored and never shown').count()).toBe(1);
    expect(await page.getByRole('textbox', { name: 'Webhook signing secret' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('reads well on a phone', async () => {
    const { page, errors, close } = await dashboard.signedIn(390);
    await goTo(page, 'Settings');
    await page.getByLabel('Accounting time zone').waitFor();
    await page.getByRole('region', { name: 'Users' }).locator('tbody tr').first().waitFor();
    await shoot(page, 'settings-390');
    expect(await overflowing(page, 390)).toEqual([]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('the Settings screen as a member', () => {
  it('shows the settings read-only, and no API keys or users', async () => {
    expect(inviteLink).toBeTruthy();
    const token = new URL(inviteLink).searchParams.get('token');
    const set = await fetch(`${dashboard.base}/v1/password`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: MEMBER_PASSWORD }) });
    expect(set.status).toBe(200);

    for (const width of [1440, 390]) {
      const { page, errors, close } = await dashboard.open(width);
      await page.goto(dashboard.base);
      await signIn(page, MEMBER, MEMBER_PASSWORD);
      await page.getByRole('heading', { name: 'Jurisdictions' }).waitFor();
      await goTo(page, 'Settings');
      await page.getByLabel('Accounting time zone').waitFor();
      expect(await page.getByText('signed in as a member').count()).toBe(1);
      expect(await page.getByLabel('Accounting time zone').isDisabled()).toBe(true);
      expect(await page.getByLabel('SMTP host', { exact: true }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
      expect(await page.getByLabel('Business name').isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Save name' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Save email' }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'API keys' }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Users' }).count()).toBe(0);
      // What the admin set is what the member sees.
      expect(await page.getByLabel('URL', { exact: true }).inputValue()).toBe('https://hooks.example.com/levy');
      await shoot(page, `settings-member-${width}`);
      expect(await pageWidth(page)).toBeLessThanOrEqual(width);

      // Products: members may edit products, but not set the default (a settings change).
      await goTo(page, 'Products');
      await page.locator('tr[data-product="pro-plan"]').waitFor();
      expect(await page.getByRole('button', { name: /the default product/ }).count()).toBe(0);
      expect(errors).toEqual([]);
      await close();
    }
  });
});
