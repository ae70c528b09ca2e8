/**
 * Behind a reverse proxy every request comes from the proxy's address: the
 * sign-in limit must count the client's (X-Forwarded-For) when, and only
 * when, the server is told which proxies to believe.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { trustProxyOf } from '../../src/cli/serve.js';
import { testApi, type TestApi } from '../helpers/api.js';

const PROXY = '10.9.8.7';
/** A client address of its own per run, so runs against one database within the limit's window never meet. */
const client = () => `2001:db8::${randomBytes(6).toString('hex').match(/.{4}/g)!.join(':')}`;
const opened: TestApi[] = [];
afterAll(async () => Promise.all(opened.map((a) => a.close())));

async function failSignIns(api: TestApi, client: string, times: number) {
  const answers: number[] = [];
  for (let i = 0; i < times; i++) {
    const response = await api.app.inject({
      method: 'POST',
      url: '/v1/session',
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': client },
      payload: { email: `nobody.${i}.${Math.random()}@example.com`, password: 'not a password at all' },
    });
    answers.push(response.statusCode);
  }
  return answers;
}

describe('the sign-in limit behind a proxy', () => {
  it('counts each client apart when the proxy is trusted', async () => {
    const api = await testApi({ trustProxy: '10.0.0.0/8' });
    opened.push(api);
    const guesser = client();
    expect(new Set(await failSignIns(api, guesser, 50))).toEqual(new Set([401]));
    expect(await failSignIns(api, guesser, 1)).toEqual([429]);
    // Another client through the same proxy is not held up.
    expect(await failSignIns(api, client(), 1)).toEqual([401]);
  }, 60_000);

  it('counts the proxy itself when it is not trusted, whatever the header says', async () => {
    const api = await testApi();
    opened.push(api);
    await failSignIns(api, client(), 50);
    expect(await failSignIns(api, client(), 1)).toEqual([429]);
  }, 60_000);

  it('reads --trust-proxy as Fastify takes it', () => {
    expect(trustProxyOf(undefined)).toBe(false);
    expect(trustProxyOf('false')).toBe(false);
    expect(trustProxyOf('true')).toBe(true);
    expect(trustProxyOf('10.0.0.1,192.168.0.0/16')).toBe('10.0.0.1,192.168.0.0/16');
  });
});
