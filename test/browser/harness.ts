/**
 * One real dashboard for a browser test file: the demo seller seeded into an
 * embedded database, its admin user, an API key for checking the screens
 * against the API, a server on a free port, and Debian's Chromium.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { buildApp, type AppOptions } from '../../src/api/app.js';
import { DEFAULT_WEB_DIR, webAppBuilt } from '../../src/api/web-app.js';
import { seedDemo, DEMO_SELLER } from '../../src/demo/seed.js';
import { seedDemoUser } from '../../src/demo/user.js';
import { loadEngine } from '../../src/engine/load-engine.js';
import { openStore, type Store } from '../../src/store/open.js';
import { createApiKey } from '../../src/store/sellers.repository.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// A build elsewhere than dist/web (LEVY_WEB_DIR) lets several builds be tested side by side.
const WEB_DIR = process.env.LEVY_WEB_DIR ?? DEFAULT_WEB_DIR;
export const SHOTS = 'test-results';
export { DEMO_SELLER };

export interface Dashboard {
  base: string;
  store: Store;
  app: FastifyInstance;
  browser: Browser;
  login: { email: string; password: string };
  apiKey: string;
  /** The API as a script would call it, with the demo seller's key. */
  get<T>(path: string): Promise<T>;
  send<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** A fresh browser context at this width, with page errors collected. */
  open(width: number, options?: BrowserContextOptions): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }>;
  /** A fresh page, signed in through the form, on the first screen. */
  signedIn(width: number, options?: BrowserContextOptions): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }>;
  close(): Promise<void>;
}

export async function startDashboard(options: Partial<AppOptions> = {}): Promise<Dashboard> {
  if (!webAppBuilt(WEB_DIR)) throw new Error(`no web build in ${WEB_DIR}: run npm run test:browser, which builds it`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const store = await openStore({ memory: true });
  const engine = await loadEngine();
  await seedDemo(store.db, engine, new Date().toISOString().slice(0, 10));
  const login = await seedDemoUser(store.db);
  const { key: apiKey } = await createApiKey(store.db, DEMO_SELLER, 'browser test');
  const app = await buildApp({ store, engine, webDir: WEB_DIR, certificateEmails: { reminderIntervalMs: 0 }, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  await mkdir(SHOTS, { recursive: true });

  const send = async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const open = async (width: number, contextOptions: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ viewport: { width, height: 1000 }, ...contextOptions });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    return { page, errors, close: () => context.close() };
  };

  return {
    base,
    store,
    app,
    browser,
    login,
    apiKey,
    async get<T>(path: string) {
      const { status, body } = await send<T>('GET', path);
      if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${JSON.stringify(body)}`);
      return body;
    },
    send,
    open,
    async signedIn(width, contextOptions) {
      const opened = await open(width, contextOptions);
      await opened.page.goto(base);
      await signIn(opened.page, login.email, login.password);
      await opened.page.getByRole('heading', { name: 'Jurisdictions' }).waitFor();
      return opened;
    },
    async close() {
      await browser.close();
      await app.close();
      await store.close();
    },
  };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Follows a main-navigation link, as a user would. */
export async function goTo(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen, exact: true }).click();
}
