/**
 * Managing presence and registrations from the Jurisdictions screen against
 * a real server: a state with no nexus gets a physical presence (map colour
 * and panel turn physical, as GET /v1/nexus says), then a registration (turn
 * registered), and both are removed again; a registration abroad is added,
 * refused beside its field when the jurisdiction is unknown, changed and
 * removed. Screenshots at 1440 and 390 px wide.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startDashboard, type Dashboard } from './harness.js';

interface NexusEntry {
  jurisdictionId: string;
  name: string;
  status: string;
  physicalSince: string | null;
  registered: boolean;
}
interface Registration {
  jurisdictionId: string;
  effectiveDate: string;
  registrationNumber: string | null;
  filingFrequency: string | null;
}

let dashboard: Dashboard;

beforeAll(async () => {
  dashboard = await startDashboard();
});

afterAll(async () => {
  await dashboard?.close();
});

const nexusOf = async (id: string) => (await dashboard.get<{ data: NexusEntry[] }>('/v1/nexus')).data.find((s) => s.jurisdictionId === id)!;
const registrations = async () => (await dashboard.get<{ data: Registration[] }>('/v1/registrations')).data;

describe('managing nexus from the map', () => {
  it('adds a physical presence and a registration to a state with no nexus, then removes them', async () => {
    const states = (await dashboard.get<{ data: NexusEntry[] }>('/v1/nexus')).data;
    // A large state is easy to see in the screenshots; any state without nexus will do.
    const state = states.find((s) => s.jurisdictionId === 'US-NE' && s.status === 'none') ?? states.find((s) => s.status === 'none')!;
    const { page, errors, close } = await dashboard.signedIn(1440);
    const shape = page.locator(`path.state[data-jurisdiction="${state.jurisdictionId}"]`);
    expect(await shape.getAttribute('data-status')).toBe('none');
    await page.getByRole('button', { name: `${state.name}: No nexus` }).click();
    const panel = page.locator(`section.panel[data-jurisdiction="${state.jurisdictionId}"]`);
    await panel.getByRole('heading', { name: 'Physical presence' }).waitFor();
    await expect.poll(() => panel.textContent()).toContain('None recorded.');

    // A date the API cannot read is refused beside the field.
    await panel.getByRole('button', { name: `Add physical presence in ${state.name}` }).click();
    await panel.getByRole('button', { name: 'Save presence' }).click();
    await expect.poll(() => panel.getByLabel('Present since').getAttribute('aria-invalid')).toBe('true');
    expect(await panel.locator('#presence-since-error').textContent()).toBeTruthy();

    await panel.getByLabel('Present since').fill('2024-02-01');
    await panel.getByLabel('Notes').fill('Warehouse, Omaha (3PL)');
    await panel.getByRole('button', { name: 'Save presence' }).click();
    await expect.poll(() => shape.getAttribute('data-status')).toBe('physical');
    const physical = await nexusOf(state.jurisdictionId);
    expect(physical.status).toBe('physical');
    expect(physical.physicalSince).toBe('2024-02-01');
    expect(await panel.locator('.badge').first().textContent()).toBe('Physical nexus');
    expect(await panel.textContent()).toContain('Warehouse, Omaha (3PL)');
    expect(await panel.getByRole('status').first().textContent()).toBe('Physical presence saved.');
    // The form is gone: the keyboard is back on the section's heading.
    expect(await page.evaluate('document.activeElement?.id')).toBe('presence-title');
    expect((await dashboard.get<{ notes: string }>(`/v1/physical-nexus/${state.jurisdictionId}`)).notes).toBe('Warehouse, Omaha (3PL)');

    // Registering turns it registered.
    await panel.getByRole('button', { name: `Add registration in ${state.name}` }).click();
    await panel.getByLabel('Registered since').fill('2024-03-01');
    await panel.getByLabel('Registration number').fill('NE-0042-77');
    await panel.getByLabel('Filing frequency').selectOption('monthly');
    await panel.getByRole('button', { name: 'Save registration' }).click();
    await expect.poll(() => shape.getAttribute('data-status')).toBe('registered');
    expect((await nexusOf(state.jurisdictionId)).status).toBe('registered');
    expect(await panel.locator('.badge').first().textContent()).toBe('Registered');
    expect((await registrations()).find((r) => r.jurisdictionId === state.jurisdictionId)).toMatchObject({ effectiveDate: '2024-03-01', registrationNumber: 'NE-0042-77', filingFrequency: 'monthly' });
    await page.screenshot({ path: `${SHOTS}/jurisdictions-manage-1440.png`, fullPage: true });

    // Removing the registration, then the presence, brings it back to no nexus.
    await panel.getByRole('button', { name: `Remove registration in ${state.name}` }).click();
    await page.getByRole('dialog', { name: 'Remove registration' }).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => shape.getAttribute('data-status')).toBe('physical');
    expect((await registrations()).some((r) => r.jurisdictionId === state.jurisdictionId)).toBe(false);
    await panel.getByRole('button', { name: `Remove physical presence in ${state.name}` }).click();
    await page.getByRole('dialog', { name: 'Remove physical presence' }).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => shape.getAttribute('data-status')).toBe('none');
    expect((await nexusOf(state.jurisdictionId)).status).toBe('none');
    expect((await dashboard.send('GET', `/v1/physical-nexus/${state.jurisdictionId}`)).status).toBe(404);
    await expect.poll(() => panel.textContent()).toContain('None recorded.');
    expect(errors).toEqual([]);
    await close();
  });

  it('lists the employees that give a state presence', async () => {
    const { page, errors, close } = await dashboard.signedIn(1440);
    await page.goto(`${dashboard.base}/jurisdictions/US-CO`);
    const panel = page.locator('section.panel[data-jurisdiction="US-CO"]');
    await expect.poll(() => panel.locator('.manage-employees').textContent()).toContain('Sam (sales)');
    expect(errors).toEqual([]);
    await close();
  });

  it('adds, refuses, changes and removes a registration abroad', async () => {
    const { page, errors, close } = await dashboard.signedIn(1440);
    const card = page.locator('section.card', { has: page.getByRole('heading', { name: 'Registrations outside the US' }) });
    await card.getByRole('button', { name: 'Add registration' }).click();
    await card.getByLabel('Jurisdiction').fill('XX');
    await card.getByLabel('Registered since').fill('2025-01-01');
    await card.getByRole('button', { name: 'Add registration' }).click();
    await expect.poll(() => card.getByLabel('Jurisdiction').getAttribute('aria-invalid')).toBe('true');
    expect(await card.locator('#abroad-registration-jurisdiction-error').textContent()).toContain('XX');

    await card.getByLabel('Jurisdiction').fill('de');
    await card.getByLabel('Registration number').fill('DE136695976');
    await card.getByLabel('Filing frequency').selectOption('quarterly');
    await card.getByRole('button', { name: 'Add registration' }).click();
    const row = card.locator('tr[data-jurisdiction="DE"]');
    await expect.poll(() => row.textContent()).toContain('DE136695976');
    expect((await registrations()).find((r) => r.jurisdictionId === 'DE')).toMatchObject({ effectiveDate: '2025-01-01', registrationNumber: 'DE136695976', filingFrequency: 'quarterly' });

    await row.getByRole('button', { name: 'Edit Germany' }).click();
    await card.getByLabel('Filing frequency').selectOption('monthly');
    await card.getByRole('button', { name: 'Save registration' }).click();
    await expect.poll(() => row.textContent()).toContain('Monthly');
    expect((await registrations()).find((r) => r.jurisdictionId === 'DE')!.filingFrequency).toBe('monthly');

    await row.getByRole('button', { name: 'Remove Germany' }).click();
    await page.getByRole('dialog', { name: 'Remove registration' }).getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect((await registrations()).some((r) => r.jurisdictionId === 'DE')).toBe(false);
    expect(errors).toEqual([]);
    await close();
  });

  it('reads at phone width', async () => {
    const { page, errors, close } = await dashboard.signedIn(390);
    await page.goto(`${dashboard.base}/jurisdictions/US-CO`);
    const panel = page.locator('section.panel[data-jurisdiction="US-CO"]');
    await panel.getByRole('button', { name: 'Add registration in Colorado' }).click();
    await panel.getByLabel('Registered since').waitFor();
    // Registrations abroad read as stacked rows, their actions in reach.
    const edit = await page.getByRole('button', { name: 'Edit United Kingdom' }).boundingBox();
    expect(edit!.x + edit!.width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SHOTS}/jurisdictions-manage-390.png`, fullPage: true });
    // Nothing of the screen runs off its right edge (tables scroll in their own box; closed <details> are not on screen).
    const wide = await page.evaluate<string[]>(`[...document.querySelectorAll('main *')]
      .filter((e) => !e.closest('details:not([open]) > :not(summary)') && !e.parentElement?.closest('.table-scroll'))
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((e) => e.tagName + '.' + e.className)`);
    expect(wide).toEqual([]);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await close();
  });
});
