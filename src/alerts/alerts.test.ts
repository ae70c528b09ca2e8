import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SMTPServerOptions } from 'smtp-server';
import { startSmtp as startSmtpServer, type SmtpCatcher } from '../../test/helpers/smtp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverAlert } from './deliver.js';
import { formatUsd, renderAlertEmail } from './render.js';
import type { Alert, EmailSettings } from './types.js';
import { generateWebhookSecret, sendAlertWebhook, signPayload, verifySignature } from './webhook.js';

const alert: Alert = {
  id: 'alrt_01',
  sellerId: 'sel_acme',
  kind: 'threshold_crossed',
  jurisdictionId: 'US-TX',
  jurisdictionName: 'Texas',
  createdAt: '2025-03-04T14:05:00.000Z',
  message: 'Your sales into Texas passed the $500,000.00 economic-nexus threshold; register and start collecting.',
  data: { salesCents: 50_012_345, thresholdCents: 50_000_000, lastOrderCents: 12345, transactions: 1200, period: 'previous calendar year' },
};

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** The loopback SMTP server, closed after the test. */
async function startSmtp(options: SMTPServerOptions = {}): Promise<SmtpCatcher> {
  const smtp = await startSmtpServer(options);
  closers.push(smtp.close);
  return smtp;
}

interface Recorded {
  method: string | undefined;
  url: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Respond = (res: http.ServerResponse) => void;

async function startHttp(respond: Respond = (res) => res.writeHead(204).end()): Promise<{ url: string; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      respond(res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  closers.push(async () => {
    // A server that never answers keeps its sockets; close would wait on them forever.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/levy`, requests };
}

function emailSettings(port: number, auth: { username?: string; password?: string } = {}): EmailSettings {
  return { to: ['finance@acme.test'], from: 'Levy <alerts@levy.test>', smtp: { host: '127.0.0.1', port, secure: false, ...auth } };
}

/** Header block and decoded text of a raw message, enough to assert on without a MIME parser. */
function readMessage(raw: string): { headers: string; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const body = raw
    .slice(split + 4)
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return { headers: raw.slice(0, split), body };
}

describe('formatUsd', () => {
  it('formats integer cents as dollars', () => {
    expect(formatUsd(12345)).toBe('$123.45');
    expect(formatUsd(5)).toBe('$0.05');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(50_000_000)).toBe('$500,000.00');
    expect(formatUsd(-250)).toBe('-$2.50');
    expect(formatUsd(Number.MAX_SAFE_INTEGER)).toBe('$90,071,992,547,409.91');
  });

  it('refuses what is not a whole number of cents', () => {
    expect(() => formatUsd(1.5)).toThrow(RangeError);
    expect(() => formatUsd(Number.NaN)).toThrow(RangeError);
  });
});

describe('renderAlertEmail', () => {
  it('formats amounts, labels and the date for people', () => {
    const { subject, text } = renderAlertEmail(alert);
    expect(subject).toBe('Levy: sales threshold crossed in Texas (US-TX)');
    expect(text).toContain('Sales:');
    expect(text).toContain('$500,123.45');
    expect(text).toContain('$500,000.00');
    expect(text).toContain('Last order:');
    expect(text).toMatch(/Transactions:\s+1200\n/);
    expect(text).toContain('2025-03-04 14:05 UTC');
  });

  it('escapes the alert text in HTML and keeps the subject on one line', () => {
    const hostile = { ...alert, jurisdictionName: 'Tex\r\nBcc: x@evil.test', message: '<script>alert(1)</script> & more' };
    const { subject, html } = renderAlertEmail(hostile);
    expect(subject).not.toMatch(/[\r\n]/);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; more');
  });
});

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"alrt_01"}';
  const now = 1_741_097_100;

  it('signs "<t>.<body>" with HMAC-SHA256 in Stripe\'s header format', () => {
    // Computed independently: printf '1741097100.{"id":"alrt_01"}' | openssl dgst -sha256 -hmac whsec_test
    expect(signPayload(secret, body, now)).toBe('t=1741097100,v1=826581d14332a929925fd7f326afbccaa9cc628c74cf555eb758891537c70cd2');
  });

  it('accepts its own signature and rejects malformed headers', () => {
    const header = signPayload(secret, body, now);
    const at = () => now * 1000;
    expect(verifySignature(secret, body, header, { now: at })).toBe(true);
    expect(verifySignature(secret, body, header, { now: at, toleranceSeconds: Number.NaN })).toBe(false);
    expect(verifySignature(secret, body, header, { now: () => Number.NaN })).toBe(false);
    const v1 = header.slice(header.indexOf('v1='));
    for (const bad of ['', 'garbage', `t=abc,${v1}`, `t=${now}`, `${v1}`, `t=${now},t=${now},${v1}`, `t=${now},v1=abc`, `t=${now},${v1}=`]) {
      expect(verifySignature(secret, body, bad, { now: at }), bad).toBe(false);
    }
  });

  it('accepts any of several v1 signatures, for secret rotation', () => {
    const oldHeader = signPayload('whsec_old', body, now);
    const newHeader = signPayload(secret, body, now);
    const both = `${oldHeader},${newHeader.slice(newHeader.indexOf('v1='))}`;
    expect(verifySignature(secret, body, both, { now: () => now * 1000 })).toBe(true);
    expect(verifySignature('whsec_other', body, both, { now: () => now * 1000 })).toBe(false);
  });

  it('generates distinct whsec_ secrets of 32 random bytes', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.slice(6), 'base64url')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});

describe('deliverAlert over real loopback servers', () => {
  it('emails the alert through a plain SMTP server', async () => {
    const smtp = await startSmtp();
    const result = await deliverAlert(alert, { email: emailSettings(smtp.port) });
    expect(result.email).toMatchObject({ status: 'sent', detail: expect.stringMatching(/^messageId <.+>$/) });
    expect(result.webhook).toEqual({ status: 'skipped', detail: 'webhook is not configured' });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail?.from).toBe('alerts@levy.test');
    expect(mail?.to).toEqual(['finance@acme.test']);
    const { headers, body } = readMessage(mail?.raw ?? '');
    expect(headers).toContain('To: finance@acme.test');
    expect(headers).toContain('Subject: Levy: sales threshold crossed in Texas (US-TX)');
    expect(body).toContain('Texas (US-TX)');
    expect(body).toContain('$500,123.45');
    expect(body).toContain('$123.45');
    expect(body).toContain('text/html');
  });

  it('logs in to an SMTP server that requires it, and fails clearly with a wrong password', async () => {
    const smtp = await startSmtp({
      authOptional: false,
      // Plain SMTP on loopback in the test only; real servers are reached over TLS.
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'levy' && auth.password === 'right-password') callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
    });
    const good = await deliverAlert(alert, { email: emailSettings(smtp.port, { username: 'levy', password: 'right-password' }) });
    expect(good.email.status).toBe('sent');
    expect(smtp.received).toHaveLength(1);

    const bad = await deliverAlert(alert, { email: emailSettings(smtp.port, { username: 'levy', password: 'wrong' }) });
    expect(bad.email).toMatchObject({ status: 'failed', detail: 'EAUTH' });
    expect(bad.email.error).toMatch(/authentication/i);
    expect(bad.email.error).not.toContain('wrong');
    expect(smtp.received).toHaveLength(1);
  });

  it('verifies the SMTP server certificate: a self-signed one is refused', async () => {
    // smtp-server's built-in certificate is self-signed and its key is public.
    const smtp = await startSmtp({ secure: true, disabledCommands: [] });
    const settings = emailSettings(smtp.port);
    const result = await deliverAlert(alert, { email: { ...settings, smtp: { ...settings.smtp, secure: true } } }, { timeoutMs: 2_000 });
    expect(result.email.status).toBe('failed');
    expect(result.email.error).toMatch(/certificate/i);
    expect(smtp.received).toHaveLength(0);
  });

  it('posts a signed JSON body that verifySignature accepts only as sent', async () => {
    const hook = await startHttp();
    const smtp = await startSmtp();
    const secret = generateWebhookSecret();
    const result = await deliverAlert(alert, { email: emailSettings(smtp.port), webhook: { url: hook.url, secret } });
    expect(result).toMatchObject({ email: { status: 'sent' }, webhook: { status: 'sent', detail: 'HTTP 204' } });

    expect(hook.requests).toHaveLength(1);
    const [request] = hook.requests;
    if (!request) throw new Error('no request recorded');
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/hooks/levy');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toBe('Levy');
    expect(JSON.parse(request.body)).toEqual({ id: 'alrt_01', type: 'alert.threshold_crossed', createdAt: alert.createdAt, data: alert });

    const header = String(request.headers['levy-signature']);
    expect(verifySignature(secret, request.body, header)).toBe(true);
    expect(verifySignature(generateWebhookSecret(), request.body, header)).toBe(false);
    expect(verifySignature(secret, request.body.replace('50012345', '50012346'), header)).toBe(false);
    expect(verifySignature(secret, request.body, header, { now: () => Date.now() + 301_000 })).toBe(false);
    expect(verifySignature(secret, request.body, header, { now: () => Date.now() + 301_000, toleranceSeconds: 600 })).toBe(true);
  });

  it('rejects a signature whose timestamp is older than the tolerance', async () => {
    const hook = await startHttp();
    const secret = generateWebhookSecret();
    await sendAlertWebhook(alert, { url: hook.url, secret }, { now: () => Date.now() - 301_000 });
    const [request] = hook.requests;
    expect(verifySignature(secret, request?.body ?? '', String(request?.headers['levy-signature']))).toBe(false);
  });

  it('reports a 500 as failed while the email still goes out', async () => {
    const hook = await startHttp((res) => res.writeHead(500).end('boom'));
    const smtp = await startSmtp();
    const result = await deliverAlert(alert, { email: emailSettings(smtp.port), webhook: { url: hook.url, secret: 'whsec_x' } });
    expect(result.webhook).toEqual({ status: 'failed', error: 'Webhook endpoint answered HTTP 500', detail: 'HTTP_500' });
    expect(result.email.status).toBe('sent');
    expect(smtp.received).toHaveLength(1);
  });

  it('does not follow a redirect', async () => {
    const hook = await startHttp((res) => res.writeHead(302, { Location: '/elsewhere' }).end());
    await expect(sendAlertWebhook(alert, { url: hook.url, secret: 'whsec_x' })).rejects.toThrow(/HTTP 302/);
    expect(hook.requests.map((r) => r.url)).toEqual(['/hooks/levy']);
  });

  it('gives up on an endpoint that never answers within the timeout', async () => {
    const hook = await startHttp(() => undefined);
    const started = Date.now();
    const result = await deliverAlert(alert, { webhook: { url: hook.url, secret: 'whsec_x' } }, { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(result.webhook).toMatchObject({ status: 'failed', error: 'Webhook endpoint did not answer within 300 ms', detail: 'ETIMEDOUT' });
  });

  it('fails on a port nobody listens on, for both channels, without throwing', async () => {
    const closed = await startHttp();
    const port = Number(new URL(closed.url).port);
    await closers.pop()?.();
    const result = await deliverAlert(
      alert,
      { email: emailSettings(port), webhook: { url: `http://127.0.0.1:${port}/`, secret: 'whsec_x' } },
      { timeoutMs: 2_000 },
    );
    expect(result.webhook).toMatchObject({ status: 'failed', detail: 'ECONNREFUSED' });
    expect(result.webhook.error).toMatch(/ECONNREFUSED/);
    expect(result.email.status).toBe('failed');
    expect(result.email.error).toMatch(/connect/i);
  });

  it('refuses a webhook URL that is not http(s) without sending anything', async () => {
    const result = await deliverAlert(alert, { webhook: { url: 'file:///etc/passwd', secret: 'whsec_x' } });
    expect(result.webhook).toMatchObject({ status: 'failed', error: 'Webhook URL must be http or https, not file:' });
    expect((await deliverAlert(alert, { webhook: { url: 'not a url', secret: 'whsec_x' } })).webhook.status).toBe('failed');
  });

  it('skips channels that are not configured', async () => {
    expect(await deliverAlert(alert, { email: null })).toEqual({
      email: { status: 'skipped', detail: 'email is not configured' },
      webhook: { status: 'skipped', detail: 'webhook is not configured' },
    });
    expect((await deliverAlert(alert, { email: { ...emailSettings(1), to: [] } })).email).toEqual({ status: 'skipped', detail: 'no email recipients' });
  });
});
