/**
 * The dashboard's sign-in: sessions as cookies, CSRF on changes, roles,
 * one-time set-password links, the sign-in rate limit, the users and API
 * key endpoints, `levy user create` and the demo login.
 */
import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { tokenHash } from '../../src/auth/sessions.js';
import { seedDemoUser } from '../../src/demo/user.js';
import { loadEngine } from '../../src/index.js';
import { openStore } from '../../src/store/open.js';
import { sessions } from '../../src/store/schema.js';
import { createUser } from '../../src/store/users.repository.js';
import { testApi, type Client, type TestApi } from '../helpers/api.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const PASSWORD = 'correct horse battery';

let api: TestApi;
let owner: Client;

beforeAll(async () => {
  api = await testApi({ publicUrl: 'https://levy.example.com' });
  owner = await api.seller('dash');
});
afterAll(async () => api?.close());

interface Answer {
  status: number;
  body: any;
  headers: Record<string, unknown>;
}

/** A browser: one client address (so suites sharing a database never share a rate limit), and its cookie once signed in. */
class Browser {
  readonly address = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  cookie: string | undefined;
  csrfToken: string | undefined;

  async send(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await api.app.inject({
      method,
      url,
      remoteAddress: this.address,
      headers: { ...(this.cookie ? { cookie: `levy_session=${this.cookie}` } : {}), ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined, headers: response.headers };
  }

  /** A change, with the CSRF token as the dashboard sends it. */
  async change(method: InjectOptions['method'], url: string, body?: unknown): Promise<Answer> {
    return this.send(method, url, body, { 'x-csrf-token': this.csrfToken! });
  }

  async signIn(email: string, password: string): Promise<Answer> {
    const answer = await this.send('POST', '/v1/session', { email, password });
    if (answer.status === 200) {
      this.cookie = /levy_session=([^;]+)/.exec(String(answer.headers['set-cookie']))![1];
      this.csrfToken = answer.body.csrfToken;
    }
    return answer;
  }
}

function uniqueEmail(name: string): string {
  return `${name}.${randomInt(1e9)}@example.com`;
}

/** A user of the seller with a password set through their one-time link, as a person would. */
async function userWithPassword(role: 'admin' | 'member', sellerId = owner.id): Promise<{ email: string; id: string }> {
  const email = uniqueEmail(role);
  const created = await owner.call('POST', '/v1/users', { email, role });
  expect(created.status).toBe(201);
  const token = new URL(created.body.setPasswordUrl).searchParams.get('token');
  const set = await new Browser().send('POST', '/v1/password', { token, password: PASSWORD });
  expect(set.status).toBe(200);
  expect(sellerId).toBe(owner.id);
  return { email, id: created.body.id };
}

async function signedIn(role: 'admin' | 'member'): Promise<Browser & { email: string; userId: string }> {
  const { email, id } = await userWithPassword(role);
  const browser = new Browser();
  expect((await browser.signIn(email, PASSWORD)).status).toBe(200);
  return Object.assign(browser, { email, userId: id });
}

describe('signing in', () => {
  it('answers the user and a CSRF token, and sets an HttpOnly, SameSite=Strict, Secure cookie', async () => {
    const { email, id } = await userWithPassword('admin');
    const browser = new Browser();
    const answer = await browser.signIn(email.toUpperCase(), PASSWORD);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ user: { id, email, role: 'admin', sellerId: owner.id, sellerName: null }, csrfToken: expect.any(String) });
    const cookie = String(answer.headers['set-cookie']);
    expect(cookie).toMatch(/^levy_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Secure');
    // Only the token's hash is stored.
    const [row] = await api.store.db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash(browser.cookie!)));
    expect(row?.userId).toBe(id);
  });

  it('answers GET /v1/session for a live session, and 401 without one', async () => {
    const browser = await signedIn('member');
    const answer = await browser.send('GET', '/v1/session');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ user: { id: browser.userId, email: browser.email, role: 'member', sellerId: owner.id, sellerName: null }, csrfToken: browser.csrfToken });
    const stranger = await new Browser().send('GET', '/v1/session');
    expect(stranger.status).toBe(401);
    expect(stranger.body.error.code).toBe('authentication_required');
  });

  it('refuses a wrong password, an unknown email and a user without a password alike, with 401', async () => {
    const { email } = await userWithPassword('member');
    const wrong = await new Browser().signIn(email, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('credentials_invalid');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect((await new Browser().signIn(uniqueEmail('nobody'), PASSWORD)).body.error.code).toBe('credentials_invalid');
    const invited = uniqueEmail('invited');
    await owner.call('POST', '/v1/users', { email: invited, role: 'member' });
    expect((await new Browser().signIn(invited, '')).status).toBe(400);
    expect((await new Browser().signIn(invited, PASSWORD)).body.error.code).toBe('credentials_invalid');
  });

  it('refuses sign-ins for an email after 10 failures, even with the right password, with Retry-After', async () => {
    const { email } = await userWithPassword('member');
    for (let i = 0; i < 10; i++) expect((await new Browser().signIn(email, `wrong password ${i}`)).status).toBe(401);
    const limited = await new Browser().signIn(email, PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_attempts');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Another person's sign-in is not held up by it.
    const other = await userWithPassword('member');
    expect((await new Browser().signIn(other.email, PASSWORD)).status).toBe(200);
  });

  it('refuses sign-ins from one address after 50 failures, whatever the email', async () => {
    const { email } = await userWithPassword('member');
    const browser = new Browser();
    for (let i = 0; i < 50; i++) expect((await browser.signIn(uniqueEmail('guess'), 'wrong password')).status).toBe(401);
    const limited = await browser.signIn(email, PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // From elsewhere the same person signs in.
    expect((await new Browser().signIn(email, PASSWORD)).status).toBe(200);
  }, 30_000);

  it('a successful sign-in clears the email\'s failures', async () => {
    const { email } = await userWithPassword('member');
    for (let i = 0; i < 9; i++) await new Browser().signIn(email, 'wrong password');
    expect((await new Browser().signIn(email, PASSWORD)).status).toBe(200);
    for (let i = 0; i < 9; i++) await new Browser().signIn(email, 'wrong password');
    expect((await new Browser().signIn(email, PASSWORD)).status).toBe(200);
  });
});

describe('the session cookie on the API', () => {
  it('works on GET routes in place of an API key', async () => {
    const browser = await signedIn('member');
    const answer = await browser.send('GET', '/v1/settings');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual((await owner.call('GET', '/v1/settings')).body);
  });

  it('refuses a change without x-csrf-token (403) and takes it with the token', async () => {
    const browser = await signedIn('member');
    const product = { name: 'Pro plan', taxCategory: 'saas.b2b' };
    const without = await browser.send('PUT', '/v1/products/pro', product);
    expect(without.status).toBe(403);
    expect(without.body.error).toMatchObject({ code: 'csrf_token_invalid', param: 'x-csrf-token' });
    const wrong = await browser.send('PUT', '/v1/products/pro', product, { 'x-csrf-token': 'guessed' });
    expect(wrong.status).toBe(403);
    const calc = { date: '2026-11-15', currency: 'USD', customer: { address: { postalCode: '78701', country: 'US' } }, lines: [{ productId: 'saas.b2b', amount: 10000 }] };
    expect((await browser.send('POST', '/v1/tax/calculate', calc)).status).toBe(403);
    const done = await browser.change('PUT', '/v1/products/pro', product);
    expect(done.status).toBe(200);
    expect((await owner.call('GET', '/v1/products/pro')).body).toMatchObject(product);
    expect((await browser.change('POST', '/v1/tax/calculate', calc)).status).toBe(200);
  });

  it('refuses members the admin routes with 403 forbidden, and lets admins use them', async () => {
    const member = await signedIn('member');
    for (const [method, url, body] of [
      ['PATCH', '/v1/settings', { addressValidation: 'lenient' }],
      ['PUT', '/v1/alert-channels', { email: null, webhook: null }],
      ['GET', '/v1/connectors/stripe', undefined],
      ['GET', '/v1/users', undefined],
      ['POST', '/v1/users', { email: uniqueEmail('x'), role: 'admin' }],
      ['GET', '/v1/api-keys', undefined],
      ['POST', '/v1/api-keys', { name: 'mine' }],
    ] as const) {
      const answer = await member.change(method, url, body);
      expect(answer.status, `${method} ${url}`).toBe(403);
      expect(answer.body.error.code).toBe('forbidden');
    }
    const admin = await signedIn('admin');
    const patched = await admin.change('PATCH', '/v1/settings', { addressValidation: 'lenient' });
    expect(patched.status).toBe(200);
    expect(patched.body.addressValidation).toBe('lenient');
    expect((await admin.send('GET', '/v1/users')).status).toBe(200);
  });

  it('replaces the browser\'s session when it signs in again', async () => {
    const browser = await signedIn('member');
    const first = browser.cookie;
    expect((await browser.signIn(browser.email, PASSWORD)).status).toBe(200);
    expect(browser.cookie).not.toBe(first);
    const [old] = await api.store.db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash(first!)));
    expect(old).toBeUndefined();
  });

  it('prefers an Authorization header over the cookie, so API clients behave as before', async () => {
    const member = await signedIn('member');
    const answer = await member.send('PATCH', '/v1/settings', { addressValidation: 'strict' }, { authorization: `Bearer ${owner.key}` });
    expect(answer.status).toBe(200);
  });

  it('ends with sign-out: the cookie is cleared and the session no longer works', async () => {
    const browser = await signedIn('member');
    const token = browser.cookie;
    expect((await browser.send('DELETE', '/v1/session')).status).toBe(403);
    const out = await browser.change('DELETE', '/v1/session');
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/^levy_session=;.*Expires=Thu, 01 Jan 1970/);
    browser.cookie = token;
    const after = await browser.send('GET', '/v1/settings');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('authentication_required');
  });

  it('refuses an expired session', async () => {
    const browser = await signedIn('member');
    await api.store.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.tokenHash, tokenHash(browser.cookie!)));
    expect((await browser.send('GET', '/v1/settings')).status).toBe(401);
    expect((await browser.send('GET', '/v1/session')).status).toBe(401);
  });

  it('ends a removed user\'s sessions at once', async () => {
    const member = await signedIn('member');
    const admin = await signedIn('admin');
    expect((await admin.change('DELETE', `/v1/users/${member.userId}`)).body).toEqual({ id: member.userId, deleted: true });
    expect((await member.send('GET', '/v1/settings')).status).toBe(401);
    expect((await admin.change('DELETE', `/v1/users/${member.userId}`)).status).toBe(404);
    const self = await admin.change('DELETE', `/v1/users/${admin.userId}`);
    expect(self.status).toBe(400);
    expect(self.body.error.param).toBe('id');
  });
});

describe('set-password links', () => {
  it('set the password once; the second use is refused', async () => {
    const email = uniqueEmail('link');
    const created = await owner.call('POST', '/v1/users', { email, role: 'member' });
    expect(created.body.setPasswordUrl).toMatch(/^https:\/\/levy\.example\.com\/set-password\?token=[A-Za-z0-9_-]{40,}$/);
    const token = new URL(created.body.setPasswordUrl).searchParams.get('token');
    const short = await new Browser().send('POST', '/v1/password', { token, password: 'too short' });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ code: 'parameter_invalid', param: 'password' });
    const first = await new Browser().send('POST', '/v1/password', { token, password: PASSWORD });
    expect(first).toMatchObject({ status: 200, body: { email } });
    const again = await new Browser().send('POST', '/v1/password', { token, password: 'another good password' });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 'password_token_invalid', param: 'token' });
    expect((await new Browser().signIn(email, PASSWORD)).status).toBe(200);
    expect((await new Browser().signIn(email, 'another good password')).status).toBe(401);
  });

  it('refuses an unknown or expired token', async () => {
    expect((await new Browser().send('POST', '/v1/password', { token: 'made-up', password: PASSWORD })).body.error.code).toBe('password_token_invalid');
    const { token } = await createUser(api.store.db, owner.id, uniqueEmail('old'), 'member', new Date(Date.now() - 8 * 24 * 3600 * 1000));
    expect((await new Browser().send('POST', '/v1/password', { token, password: PASSWORD })).body.error.code).toBe('password_token_invalid');
  });
});

describe('users', () => {
  it('lists, creates (emails unique whatever their case) and validates', async () => {
    const email = uniqueEmail('Person');
    const created = await owner.call('POST', '/v1/users', { email, role: 'admin' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^usr_/), email, role: 'admin', passwordSet: false });
    const list = await owner.call('GET', '/v1/users');
    expect(list.body.data.find((u: { id: string }) => u.id === created.body.id)).toEqual({ ...created.body, setPasswordUrl: undefined });
    expect(JSON.stringify(list.body)).not.toContain('token');
    const dup = await owner.call('POST', '/v1/users', { email: email.toUpperCase(), role: 'member' });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'email_taken', param: 'email' });
    const bad = await owner.call('POST', '/v1/users', { email: 'not-an-email', role: 'member' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe('email');
    expect((await owner.call('POST', '/v1/users', { email: uniqueEmail('r'), role: 'owner' })).body.error.param).toBe('role');
  });

  it('keeps each seller\'s users to itself', async () => {
    const other = await api.seller('other');
    const { id } = await userWithPassword('member');
    expect((await other.call('GET', '/v1/users')).body.data).toEqual([]);
    expect((await other.call('DELETE', `/v1/users/${id}`)).status).toBe(404);
  });
});

describe('API keys', () => {
  it('creates a key shown once, lists keys without secrets, and a revoked key is refused on the next request', async () => {
    const admin = await signedIn('admin');
    const created = await admin.change('POST', '/v1/api-keys', { name: 'billing' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^key_/), name: 'billing', revokedAt: null, key: expect.stringContaining('/secret.') });
    const key = created.body.key as string;
    const secret = key.split('secret.')[1]!;
    const list = await admin.send('GET', '/v1/api-keys');
    expect(list.status).toBe(200);
    expect(list.body.data.map((k: { id: string }) => k.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    const withKey = () => api.app.inject({ method: 'GET', url: '/v1/settings', headers: { authorization: `Bearer ${key}` } });
    expect((await withKey()).statusCode).toBe(200);
    const revoked = await admin.change('POST', `/v1/api-keys/${created.body.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    const refused = await withKey();
    expect(refused.statusCode).toBe(401);
    expect(JSON.parse(refused.body).error.code).toBe('api_key_invalid');
    expect((await admin.change('POST', `/v1/api-keys/${created.body.id}/revoke`)).body.revokedAt).toBe(revoked.body.revokedAt);
    expect((await admin.change('POST', '/v1/api-keys/key_nope/revoke')).status).toBe(404);
  });

  it('says when a key was last used, recorded once an hour at most and never on a request\'s path', async () => {
    const admin = await signedIn('admin');
    const created = await admin.change('POST', '/v1/api-keys', { name: 'reporting' });
    expect(created.body.lastUsedAt).toBeNull();
    const listed = async () => (await admin.send('GET', '/v1/api-keys')).body.data.find((k: { id: string }) => k.id === created.body.id).lastUsedAt as string | null;
    expect(await listed()).toBeNull();
    const before = Date.now();
    const call = () => api.app.inject({ method: 'GET', url: '/v1/settings', headers: { authorization: `Bearer ${created.body.key}` } });
    expect((await call()).statusCode).toBe(200);
    await expect.poll(listed).not.toBeNull();
    const first = await listed();
    expect(Date.parse(first!)).toBeGreaterThanOrEqual(before - 5_000);
    // Within the hour, further requests write nothing.
    for (let i = 0; i < 3; i++) expect((await call()).statusCode).toBe(200);
    expect(await listed()).toBe(first);
  });
});

describe('the demo login', () => {
  it('creates the demo admin once and gives it a new working password at each start', async () => {
    const store = await openStore({ memory: true });
    try {
      const app = await buildApp({ store, engine: await loadEngine(), certificateEmails: { reminderIntervalMs: 0 } });
      const first = await seedDemoUser(store.db);
      const second = await seedDemoUser(store.db);
      expect(second.email).toBe('demo@levy.example');
      expect(second.password).not.toBe(first.password);
      const signIn = (password: string) => app.inject({ method: 'POST', url: '/v1/session', payload: { email: 'demo@levy.example', password } });
      expect((await signIn(first.password)).statusCode).toBe(401);
      const answer = await signIn(second.password);
      expect(answer.statusCode).toBe(200);
      expect(JSON.parse(answer.body).user).toMatchObject({ role: 'admin', sellerId: 'demo' });
      await app.close();
    } finally {
      await store.close();
    }
  });
});

describe('levy user create', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function levy(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(TSX, [join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('prints a one-time link on the public URL that sets the password for signing in', async () => {
    dir = await mkdtemp(join(tmpdir(), 'levy-user-'));
    const result = await levy(['user', 'create', '--seller', 'acme', '--email', 'ops@acme.example', '--data-dir', dir], { LEVY_PUBLIC_URL: 'https://tax.acme.example/' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const link = result.stdout.trim().split('\n').at(-1)!;
    expect(link).toMatch(/^https:\/\/tax\.acme\.example\/set-password\?token=/);
    expect(result.stdout).toContain('created admin ops@acme.example');
    const again = await levy(['user', 'create', '--seller', 'acme', '--email', 'OPS@acme.example', '--role', 'member', '--data-dir', dir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('email_taken');

    const store = await openStore({ dataDir: dir });
    try {
      const app = await buildApp({ store, engine: await loadEngine(), certificateEmails: { reminderIntervalMs: 0 } });
      const token = new URL(link).searchParams.get('token');
      expect((await app.inject({ method: 'POST', url: '/v1/password', payload: { token, password: PASSWORD } })).statusCode).toBe(200);
      const signIn = await app.inject({ method: 'POST', url: '/v1/session', payload: { email: 'ops@acme.example', password: PASSWORD } });
      expect(signIn.statusCode).toBe(200);
      expect(JSON.parse(signIn.body).user).toMatchObject({ role: 'admin', sellerId: 'acme' });
      await app.close();
    } finally {
      await store.close();
    }
  }, 60_000);
});
