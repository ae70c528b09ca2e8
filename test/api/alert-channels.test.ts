/**
 * PUT /v1/alert-channels refuses a webhook URL that is not an http(s) URL,
 * naming the field, and stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type TestApi } from '../helpers/api.js';

let api: TestApi;

beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => api?.close());

describe('the webhook URL', () => {
  it.each(['not a url', 'ftp://files.example.com/levy', 'https://'])('refuses %s', async (url) => {
    const s = await api.seller();
    const answer = await s.call('PUT', '/v1/alert-channels', { webhook: { url } });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'parameter_invalid', param: 'webhook.url' });
    expect((await s.call('GET', '/v1/alert-channels')).body.webhook).toBeNull();
  });

  it('accepts an http(s) URL', async () => {
    const s = await api.seller();
    const answer = await s.call('PUT', '/v1/alert-channels', { webhook: { url: 'https://hooks.example.com/levy?team=finance' } });
    expect(answer.status).toBe(200);
    expect(answer.body.webhook.url).toBe('https://hooks.example.com/levy?team=finance');
  });
});
