/**
 * PATCH /v1/users/:id: an admin changes a user's role, which applies to the
 * user's next request; the seller's only admin cannot be demoted; members
 * may not change roles; other sellers' users are not found.
 */
import { randomInt } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type Client, type TestApi } from '../helpers/api.js';

const PASSWORD = 'correct horse battery';
let api: TestApi;

beforeAll(async () => {
  api = await testApi({ publicUrl: 'https://levy.example.com' });
});
afterAll(async () => api?.close());

/** A signed-in browser: its cookie and CSRF token, from its own client address. */
class Browser {
  readonly address = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  cookie = '';
  csrfToken = '';

  async send(method: InjectOptions['method'], url: string, body?: unknown) {
    const response = await api.app.inject({
      method,
      url,
      remoteAddress: this.address,
      headers: { cookie: `levy_session=${this.cookie}`, 'x-csrf-token': this.csrfToken },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
  }
}

/** A user of the seller who has set a password through their link, signed in. */
async function signedIn(owner: Client, role: 'admin' | 'member'): Promise<Browser & { id: string }> {
  const email = `${role}.${randomInt(1e9)}@example.com`;
  const created = await owner.call('POST', '/v1/users', { email, role });
  expect(created.status).toBe(201);
  const token = new URL(created.body.setPasswordUrl).searchParams.get('token');
  expect((await api.app.inject({ method: 'POST', url: '/v1/password', payload: { token, password: PASSWORD } })).statusCode).toBe(200);
  const browser = new Browser();
  const answer = await api.app.inject({ method: 'POST', url: '/v1/session', remoteAddress: browser.address, payload: { email, password: PASSWORD } });
  expect(answer.statusCode).toBe(200);
  browser.cookie = /levy_session=([^;]+)/.exec(String(answer.headers['set-cookie']))![1]!;
  browser.csrfToken = JSON.parse(answer.body).csrfToken;
  return Object.assign(browser, { id: created.body.id as string });
}

describe('changing a user\'s role', () => {
  it('makes a member an admin, whose next request may use the admin routes', async () => {
    const owner = await api.seller();
    const admin = await signedIn(owner, 'admin');
    const member = await signedIn(owner, 'member');
    expect((await member.send('GET', '/v1/users')).status).toBe(403);

    const answer = await admin.send('PATCH', `/v1/users/${member.id}`, { role: 'admin' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: member.id, role: 'admin', passwordSet: true });
    expect((await member.send('GET', '/v1/users')).status).toBe(200);
    expect((await owner.call('GET', '/v1/users')).body.data.find((u: { id: string }) => u.id === member.id).role).toBe('admin');

    // And back: the demoted user is refused the admin routes at once.
    expect((await admin.send('PATCH', `/v1/users/${member.id}`, { role: 'member' })).status).toBe(200);
    expect((await member.send('GET', '/v1/users')).status).toBe(403);
  });

  it('refuses to demote the only admin, and allows it once there is another', async () => {
    const owner = await api.seller();
    const admin = await signedIn(owner, 'admin');
    const refused = await admin.send('PATCH', `/v1/users/${admin.id}`, { role: 'member' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'last_admin', param: 'role' });
    expect((await admin.send('GET', '/v1/session')).body.user.role).toBe('admin');

    const other = await signedIn(owner, 'admin');
    expect((await admin.send('PATCH', `/v1/users/${admin.id}`, { role: 'member' })).status).toBe(200);
    const last = await other.send('PATCH', `/v1/users/${other.id}`, { role: 'member' });
    expect(last.body.error.code).toBe('last_admin');
  });

  it('is for admins only, validates the role, and does not reach another seller\'s users', async () => {
    const owner = await api.seller();
    const admin = await signedIn(owner, 'admin');
    const member = await signedIn(owner, 'member');
    const forbidden = await member.send('PATCH', `/v1/users/${member.id}`, { role: 'admin' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');

    const invalid = await admin.send('PATCH', `/v1/users/${member.id}`, { role: 'owner' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.param).toBe('role');

    const stranger = await signedIn(await api.seller(), 'member');
    expect((await admin.send('PATCH', `/v1/users/${stranger.id}`, { role: 'admin' })).status).toBe(404);
    expect((await stranger.send('GET', '/v1/session')).body.user.role).toBe('member');
  });
});
