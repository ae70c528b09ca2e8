/**
 * Collecting certificates from customers by email, against a real SMTP
 * server on loopback: the request and its link, the public page and its
 * form, the review and a rejection's new request, the daily expiry reminders
 * with the seller's digest, and the emails the hourly pass sends again.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { and, eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { loggerOptions } from '../../src/api/logging.js';
import { loadEngine } from '../../src/index.js';
import { certificateDigests, certificateReminders, certificateRequests } from '../../src/store/schema.js';
import { testApi, type Client, type TestApi } from '../helpers/api.js';

const PUBLIC_URL = 'https://levy.example.test/tax';

interface Mail {
  from: string;
  to: string[];
  /** Headers and bodies with quoted-printable undone, enough to read without a MIME parser. */
  text: string;
}

let api: TestApi;
let smtp: SMTPServer;
let smtpPort: number;
const mails: Mail[] = [];

/** An SMTP server on loopback whose mail lands in `mails`; port 0 picks a free one. */
async function listenSmtp(port: number): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A mailbox that does not exist: the reminder to it fails, as a real bounce at RCPT would.
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('bounce')) callback(Object.assign(new Error('550 no such mailbox'), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const split = raw.indexOf('\r\n\r\n');
        // Long headers are folded onto continuation lines; bodies are quoted-printable.
        const headers = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
        const body = raw.slice(split).replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), text: headers + body });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  return server;
}

const closeSmtp = (server: SMTPServer) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A seller's SMTP server that goes down and comes back on the same port. */
async function flakySmtp() {
  let server: SMTPServer | undefined = await listenSmtp(0);
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    async stop() {
      if (server) await closeSmtp(server);
      server = undefined;
    },
    async start() {
      server ??= await listenSmtp(port);
    },
  };
}

beforeAll(async () => {
  smtp = await listenSmtp(0);
  smtpPort = (smtp.server.address() as AddressInfo).port;
  api = await testApi({ publicUrl: PUBLIC_URL, certificateEmails: { reminderIntervalMs: 0, timeoutMs: 5_000 } });
});

afterAll(async () => {
  await api.close();
  await closeSmtp(smtp);
});

const AUSTIN = { postalCode: '78701', country: 'US' };
const invoice = (date: string) => ({ date, currency: 'USD', customer: { id: 'cus_shop', address: AUSTIN }, lines: [{ productId: 'saas.b2b', amount: 10000 }] });

/** Addresses carry the seller id: sellers share the SMTP server, and each test reads only its own mail. */
const customerEmail = (s: Client, who = 'buyer') => `${who}+${s.id}@customer.test`;
const financeEmail = (s: Client) => `finance+${s.id}@seller.test`;
const mailTo = (address: string) => mails.filter((m) => m.to.includes(address));

async function seller(options: { channel?: boolean; smtpPort?: number } = {}): Promise<Client> {
  const s = await api.seller();
  // The name customers see in emails and on the form.
  await s.call('PATCH', '/v1/me', { name: 'Acme Supplies' });
  await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01' });
  await s.call('PUT', '/v1/customers/cus_shop', { name: 'Corner Shop LLC', email: customerEmail(s), address: AUSTIN });
  if (options.channel !== false) {
    const set = await s.call('PUT', '/v1/alert-channels', {
      email: { to: [financeEmail(s)], from: `billing+${s.id}@seller.test`, smtp: { host: '127.0.0.1', port: options.smtpPort ?? smtpPort, secure: false } },
    });
    expect(set.status).toBe(200);
  }
  return s;
}

/** The link in the latest email to an address. */
function linkIn(address: string): { url: string; path: string; token: string } {
  const mail = mailTo(address).at(-1);
  const m = /https:\/\/levy\.example\.test\/tax\/certificate-requests\/([A-Za-z0-9_-]{43})(\?[^\s"<]*)?/.exec(mail?.text ?? '');
  if (!m) throw new Error(`no link in the mail to ${address}`);
  const url = new URL(m[0]);
  // The server answers at its root; the public URL's /tax prefix is a reverse proxy's.
  return { url: m[0], path: `${url.pathname.replace(/^\/tax/, '')}${url.search}`, token: m[1]! };
}

/** A small but real PDF: one blank page, with a correct cross-reference table. */
function pdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>'];
  let body = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

type Fields = Record<string, string>;
const goodFields: Fields = { jurisdictions: 'US-TX', reason: 'resale', number: 'TX-01-998877', effectiveDate: '2020-01-01', expirationDate: '2099-12-31' };

/** A multipart/form-data body as a browser sends the page's form: text fields, then the file. */
function form(fields: Fields, file?: { content: Buffer; filename: string; type: string }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----LevyTestBoundary7MA4YWxkTrZu0gW';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const page = (path: string) => api.app.inject({ method: 'GET', url: path });
const submit = (path: string, fields: Fields, file: { content: Buffer; filename: string; type: string } | null = { content: pdf(), filename: 'certificate.pdf', type: 'application/pdf' }) =>
  api.app.inject({ method: 'POST', url: path.split('?')[0]!, ...form(fields, file ?? undefined) });

/** Requests a certificate from cus_shop and submits it through the page; answers the pending certificate's id. */
async function submitted(s: Client, fields: Fields = goodFields): Promise<string> {
  const requested = await s.call('POST', '/v1/customers/cus_shop/certificate-requests', {});
  expect(requested.body.emailStatus).toBe('sent');
  const answer = await submit(linkIn(customerEmail(s)).path, fields);
  expect(answer.statusCode).toBe(200);
  const request = (await s.call('GET', `/v1/certificate-requests/${requested.body.id}`)).body;
  return request.submittedCertificateId as string;
}

describe('asking a customer for a certificate', () => {
  it('emails a link; the customer sends the certificate; approved, it exempts their sales', async () => {
    const s = await seller();
    const requested = await s.call('POST', '/v1/customers/cus_shop/certificate-requests', { jurisdictions: ['US-TX'] });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({
      customerId: 'cus_shop',
      certificateId: null,
      email: customerEmail(s),
      jurisdictions: ['US-TX'],
      status: 'open',
      emailStatus: 'sent',
      lastError: null,
      submittedCertificateId: null,
      reviewEmailStatus: null,
      reviewLastError: null,
    });
    const days = (Date.parse(requested.body.expiresAt) - Date.parse(requested.body.createdAt)) / 86_400_000;
    expect(Math.round(days)).toBe(30);

    const [mail] = mailTo(customerEmail(s));
    expect(mail?.from).toBe(`billing+${s.id}@seller.test`);
    expect(mail?.text).toContain('Subject: Acme Supplies: please send your exemption certificate');
    expect(mail?.text).toContain(`Reply-To: ${financeEmail(s)}`);
    const link = linkIn(customerEmail(s));
    // The form's jurisdictions come from the request, so the link is the token alone.
    expect(link.url).toMatch(/^https:\/\/levy\.example\.test\/tax\/certificate-requests\/[A-Za-z0-9_-]{43}$/);
    // The token is in the email and nowhere the API answers.
    expect(JSON.stringify(requested.body)).not.toContain(link.token);
    expect(JSON.stringify((await s.call('GET', '/v1/certificate-requests?customerId=cus_shop')).body)).not.toContain(link.token);

    const shown = await page(link.path);
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(shown.headers['cache-control']).toBe('no-store');
    expect(shown.headers['referrer-policy']).toBe('no-referrer');
    expect(shown.body).toContain('Exemption certificate for Acme Supplies');
    expect(shown.body).toContain('Corner Shop LLC');
    expect(shown.body).toContain('<input type="text" id="jurisdictions" name="jurisdictions" value="US-TX" required');
    expect(shown.body).toContain('<input type="file" id="document" name="document" accept="application/pdf,image/png,image/jpeg" required');
    expect(shown.body).toContain('<label for="effectiveDate">');
    // Posts back relative to the page, so through the proxy's /tax prefix too.
    expect(shown.body).toContain(`<form method="post" action="${link.token}" enctype="multipart/form-data"`);

    const document = pdf();
    const sent = await submit(link.path, goodFields, { content: document, filename: 'resale certificate.pdf', type: 'application/pdf' });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Thank you');

    const pending = (await s.call('GET', '/v1/certificates?customerId=cus_shop')).body.data;
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ status: 'pending_review', jurisdictions: ['US-TX'], reason: 'resale', number: 'TX-01-998877', effectiveDate: '2020-01-01', expirationDate: '2099-12-31', requestId: requested.body.id, reviewedAt: null, rejectionReason: null });
    const id = pending[0].id as string;
    const file = await api.app.inject({ method: 'GET', url: `/v1/certificates/${id}/file`, headers: { authorization: `Bearer ${s.key}` } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(document)).toBe(true);
    expect((await s.call('GET', `/v1/certificate-requests/${requested.body.id}`)).body).toMatchObject({ status: 'used', submittedCertificateId: id, reviewEmailStatus: 'sent', reviewLastError: null });

    const review = mailTo(financeEmail(s));
    expect(review).toHaveLength(1);
    expect(review[0]?.text).toContain('Subject: Levy: Corner Shop LLC sent an exemption certificate to review');
    expect(review[0]?.text).toContain(id);
    expect(review[0]?.text).toContain(`${PUBLIC_URL}/v1/certificates/${id}/approve`);

    // Waiting for review, it exempts nothing.
    const before = await s.call('POST', '/v1/tax/calculate', invoice('2026-06-01'));
    expect(before.body.tax).toBeGreaterThan(0);
    expect(before.body.exemptions).toEqual([]);

    const approved = await s.call('POST', `/v1/certificates/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id, status: 'active', rejectionReason: null });
    expect(approved.body.reviewedAt).not.toBeNull();
    const after = await s.call('POST', '/v1/tax/calculate', invoice('2026-06-01'));
    expect(after.body).toMatchObject({ tax: 0, exemptions: [{ kind: 'certificate', certificateId: id }] });

    const again = await s.call('POST', `/v1/certificates/${id}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ type: 'conflict', code: 'certificate_not_pending' });

    // The link worked once.
    const reused = await page(link.path);
    expect(reused.statusCode).toBe(410);
    expect(reused.body).toContain('This link has been used');
    const resubmitted = await submit(link.path, goodFields);
    expect(resubmitted.statusCode).toBe(410);
    expect((await s.call('GET', '/v1/certificates?customerId=cus_shop')).body.data).toHaveLength(1);
  });

  it('answers an expired link with 410 and an unknown one with 404, as pages', async () => {
    const s = await seller();
    const requested = await s.call('POST', '/v1/customers/cus_shop/certificate-requests', { email: customerEmail(s, 'other') });
    expect(requested.body.email).toBe(customerEmail(s, 'other'));
    const link = linkIn(customerEmail(s, 'other'));
    expect((await page(link.path)).statusCode).toBe(200);

    await api.store.db.execute(sql`update certificate_requests set expires_at = now() - interval '1 minute' where seller_id = ${s.id} and id = ${requested.body.id}`);
    const expired = await page(link.path);
    expect(expired.statusCode).toBe(410);
    expect(expired.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(expired.body).toContain('This link has expired');
    expect((await submit(link.path, goodFields)).statusCode).toBe(410);
    expect((await s.call('GET', `/v1/certificate-requests/${requested.body.id}`)).body.status).toBe('expired');
    expect((await s.call('GET', '/v1/certificates?customerId=cus_shop')).body.data).toEqual([]);

    const unknown = await page(`/certificate-requests/${'A'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Link not found');
    expect((await page('/certificate-requests/not-a-token')).statusCode).toBe(404);
  });

  it('sends the form back with each problem beside its field and what was typed kept', async () => {
    const s = await seller();
    await s.call('POST', '/v1/customers/cus_shop/certificate-requests', {});
    const link = linkIn(customerEmail(s));
    const typed = { jurisdictions: 'US-TX, US-XX', reason: '', number: '<script>alert(1)</script>', effectiveDate: '2026-02-30', expirationDate: '2020-01-01' };
    const answer = await submit(link.path, typed, { content: Buffer.from('just some text'), filename: 'certificate.pdf', type: 'application/pdf' });
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = answer.body;
    expect(html).toContain('<span class="error" id="jurisdictions-error">Not a jurisdiction we know: US-XX.');
    expect(html).toContain('<span class="error" id="reason-error">Choose the reason for the exemption.</span>');
    expect(html).toContain('<span class="error" id="effectiveDate-error">Write a real date as YYYY-MM-DD.</span>');
    expect(html).toContain('<span class="error" id="document-error">The file is not a PDF, PNG or JPEG.</span>');
    expect(html).toContain('value="US-TX, US-XX"');
    expect(html).toContain('aria-invalid="true" aria-describedby="jurisdictions-hint jurisdictions-error"');
    expect(html).toContain('role="alert"');
    // What the customer typed comes back escaped, never as markup.
    expect(html).not.toContain('<script>');
    expect(html).toContain('value="&#60;script&#62;alert(1)&#60;/script&#62;"');

    const noFile = await submit(link.path, goodFields, null);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.body).toContain('<span class="error" id="document-error">Attach the signed certificate (PDF, PNG or JPEG).</span>');
    expect(noFile.body).toContain('value="TX-01-998877"');

    const tooLarge = await submit(link.path, goodFields, { content: Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024)]), filename: 'big.pdf', type: 'application/pdf' });
    expect(tooLarge.statusCode).toBe(400);
    expect(tooLarge.body).toContain('The file is larger than 10 MB.');

    // Nothing was recorded, and the link still works.
    expect((await s.call('GET', '/v1/certificates?customerId=cus_shop')).body.data).toEqual([]);
    expect((await page(link.path)).statusCode).toBe(200);
    expect((await submit(link.path, goodFields)).statusCode).toBe(200);
  });

  it('rejects only with a reason, and a rejected certificate exempts nothing', async () => {
    const s = await seller();
    const id = await submitted(s);
    const noReason = await s.call('POST', `/v1/certificates/${id}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: 'parameter_missing', param: 'reason' });
    const blank = await s.call('POST', `/v1/certificates/${id}/reject`, { reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error).toMatchObject({ param: 'reason' });

    const rejected = await s.call('POST', `/v1/certificates/${id}/reject`, { reason: 'The certificate is not signed.' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'The certificate is not signed.' });
    expect((await s.call('POST', `/v1/certificates/${id}/approve`)).body.error).toMatchObject({ code: 'certificate_not_pending' });
    expect((await s.call('POST', `/v1/certificates/${id}/reject`, { reason: 'again' })).status).toBe(409);
    expect((await s.call('POST', '/v1/tax/calculate', invoice('2026-06-01'))).body.exemptions).toEqual([]);
    expect((await s.call('POST', '/v1/certificates/cert_nope/approve')).status).toBe(404);

    // A certificate the seller recorded itself is active already: nothing to approve.
    const own = await s.call('POST', '/v1/certificates', { customerId: 'cus_shop', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2020-01-01' });
    const approveActive = await s.call('POST', `/v1/certificates/${own.body.id}/approve`);
    expect(approveActive.status).toBe(409);
    expect(approveActive.body.error.code).toBe('certificate_not_pending');
  });

  it('renews a certificate: the link goes to the email on record, and the form starts from the old certificate', async () => {
    const s = await seller();
    const old = await s.call('POST', '/v1/certificates', { customerId: 'cus_shop', jurisdictions: ['US-TX', 'US-CA'], reason: 'educational', number: 'EDU-5', effectiveDate: '2020-01-01', expirationDate: '2026-12-31' });
    const renewal = await s.call('POST', `/v1/certificates/${old.body.id}/request`);
    expect(renewal.status).toBe(201);
    expect(renewal.body).toMatchObject({ certificateId: old.body.id, customerId: 'cus_shop', email: customerEmail(s), jurisdictions: ['US-TX', 'US-CA'], emailStatus: 'sent' });
    expect(mailTo(customerEmail(s)).at(-1)?.text).toContain('EDU-5');
    const shown = await page(linkIn(customerEmail(s)).path);
    expect(shown.body).toContain('value="US-TX, US-CA"');
    expect(shown.body).toContain('<option value="educational" selected>');

    const elsewhere = await s.call('POST', `/v1/certificates/${old.body.id}/request`, { email: customerEmail(s, 'tax-dept') });
    expect(elsewhere.body.email).toBe(customerEmail(s, 'tax-dept'));
    expect((await s.call('POST', '/v1/certificates/cert_nope/request')).status).toBe(404);
    expect((await s.call('POST', '/v1/customers/nobody/certificate-requests', {})).status).toBe(404);
    expect((await s.call('POST', `/v1/certificates/${old.body.id}/request`, { email: 'not an address' })).body.error).toMatchObject({ param: 'email' });
    expect((await s.call('POST', '/v1/customers/cus_shop/certificate-requests', { jurisdictions: ['US-XX'] })).body.error).toMatchObject({ code: 'jurisdiction_unknown', param: 'jurisdictions.0' });
  });

  it('keeps the jurisdictions asked for on the request: shown in its answers, and the form starts from them whatever the link says', async () => {
    const s = await seller();
    const asked = await s.call('POST', '/v1/customers/cus_shop/certificate-requests', { jurisdictions: ['US-TX', 'US-CA', 'US-TX'] });
    expect(asked.body.jurisdictions).toEqual(['US-TX', 'US-CA']);
    expect((await s.call('GET', `/v1/certificate-requests/${asked.body.id}`)).body.jurisdictions).toEqual(['US-TX', 'US-CA']);
    const link = linkIn(customerEmail(s));
    // A query string added to the link changes nothing: the request holds what was asked.
    const tampered = await page(`${link.path}?jurisdictions=US-NY`);
    expect(tampered.statusCode).toBe(200);
    expect(tampered.body).toContain('<input type="text" id="jurisdictions" name="jurisdictions" value="US-TX, US-CA" required');

    const open = await s.call('POST', '/v1/customers/cus_shop/certificate-requests', { email: customerEmail(s, 'open') });
    expect(open.body.jurisdictions).toBeNull();
    expect((await page(linkIn(customerEmail(s, 'open')).path)).body).toContain('name="jurisdictions" value="" required');
    const listed = (await s.call('GET', '/v1/certificate-requests?customerId=cus_shop')).body.data;
    expect(listed.map((r: { jurisdictions: string[] | null }) => r.jurisdictions)).toEqual([null, ['US-TX', 'US-CA']]);
  });

  it('needs an email: the customer\'s on record or one sent', async () => {
    const s = await seller();
    await s.call('PUT', '/v1/customers/cus_quiet', { name: 'Quiet Co', address: AUSTIN });
    const missing = await s.call('POST', '/v1/customers/cus_quiet/certificate-requests', {});
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'parameter_missing', param: 'email' });
    expect(missing.body.error.message).toContain('cus_quiet has no email on record');
    await s.call('PUT', '/v1/customers/cus_odd', { name: 'Odd Co', email: 'call us', address: AUSTIN });
    expect((await s.call('POST', '/v1/customers/cus_odd/certificate-requests', {})).body.error).toMatchObject({ code: 'parameter_invalid', param: 'email' });
    expect((await s.call('POST', '/v1/customers/cus_quiet/certificate-requests', { email: customerEmail(s, 'quiet') })).status).toBe(201);
  });

  it('refuses to ask without an email channel, since the link lives only in the email', async () => {
    const s = await seller({ channel: false });
    const refused = await s.call('POST', '/v1/customers/cus_shop/certificate-requests', {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('email_not_configured');
    expect(refused.body.error.message).toContain('PUT /v1/alert-channels');
    expect((await s.call('GET', '/v1/certificate-requests')).body.data).toEqual([]);
  });

  it('records a failed email with the reason, and a retry with the same Idempotency-Key sends nothing twice', async () => {
    const closed = new SMTPServer({ disabledCommands: ['STARTTLS'], logger: false });
    closed.listen(0, '127.0.0.1');
    await once(closed.server, 'listening');
    const deadPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = await seller({ smtpPort: deadPort });
    const failed = await down.call('POST', '/v1/customers/cus_shop/certificate-requests', {});
    expect(failed.status).toBe(201);
    expect(failed.body.emailStatus).toBe('failed');
    expect(failed.body.lastError).toMatch(/Could not connect to the SMTP server/);

    const s = await seller();
    const first = await s.call('POST', '/v1/customers/cus_shop/certificate-requests', {}, { 'idempotency-key': 'ask-once' });
    const retry = await s.call('POST', '/v1/customers/cus_shop/certificate-requests', {}, { 'idempotency-key': 'ask-once' });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(mailTo(customerEmail(s))).toHaveLength(1);
    const list = await s.call('GET', '/v1/certificate-requests?customerId=cus_shop');
    expect(list.body.data.map((r: { id: string }) => r.id)).toEqual([first.body.id]);
  });

  it('never writes the link\'s token to the logs', async () => {
    const lines: string[] = [];
    const logged = await buildApp({
      store: api.store,
      engine: await loadEngine(),
      publicUrl: PUBLIC_URL,
      certificateEmails: { reminderIntervalMs: 0 },
      logger: loggerOptions('info', { write: (line) => lines.push(line) }),
    });
    try {
      const s = await seller();
      await logged.inject({ method: 'POST', url: '/v1/customers/cus_shop/certificate-requests', headers: { authorization: `Bearer ${s.key}` }, payload: {} });
      const link = linkIn(customerEmail(s));
      expect((await logged.inject({ method: 'GET', url: link.path })).statusCode).toBe(200);
      expect((await logged.inject({ method: 'POST', url: link.path.split('?')[0]!, ...form(goodFields, { content: pdf(), filename: 'c.pdf', type: 'application/pdf' }) })).statusCode).toBe(200);
    } finally {
      await logged.close();
    }
    const log = lines.join('\n');
    expect(log).toContain('/certificate-requests/<token>');
    expect(log).not.toMatch(/certificate-requests\/[A-Za-z0-9_-]{43}/);
  });

  it('keeps the public page out of the API reference, and the request routes in it', async () => {
    const doc = JSON.parse((await api.app.inject({ method: 'GET', url: '/openapi.json' })).body);
    const paths = Object.keys(doc.paths);
    expect(paths).toEqual(expect.arrayContaining(['/v1/certificates/{id}/request', '/v1/customers/{id}/certificate-requests', '/v1/certificate-requests', '/v1/certificates/{id}/approve', '/v1/certificates/{id}/reject']));
    expect(paths.filter((p) => p.startsWith('/certificate-requests'))).toEqual([]);
  });
});

describe('expiry reminders', () => {
  /** Noon in Los Angeles on a day, as an instant. */
  const noonLA = (day: string) => new Date(`${day}T20:00:00Z`);
  /** The daily pass for one test's seller: on PostgreSQL the database outlives the run, with earlier runs' sellers in it. */
  const runFor = (s: Client) => (now: Date) => api.app.levy.reminders.runDaily(now, { sellerIds: [s.id] });

  async function expiringSeller() {
    const s = await seller();
    await s.call('PATCH', '/v1/settings', { accountingTimeZone: 'America/Los_Angeles' });
    const cert = async (customerId: string, expirationDate: string, email: string | null) => {
      await s.call('PUT', `/v1/customers/${customerId}`, { name: `Customer ${customerId}`, email, address: AUSTIN });
      const created = await s.call('POST', '/v1/certificates', { customerId, jurisdictions: ['US-TX'], reason: 'resale', number: `N-${customerId}`, effectiveDate: '2020-01-01', expirationDate });
      return created.body.id as string;
    };
    return {
      s,
      in30: await cert('cus_30', '2031-04-09', customerEmail(s, 'thirty')),
      in31: await cert('cus_31', '2031-04-10', customerEmail(s, 'thirtyone')),
      today: await cert('cus_0', '2031-03-10', customerEmail(s, 'zero')),
      expired: await cert('cus_past', '2031-03-09', customerEmail(s, 'past')),
      noEmail: await cert('cus_quiet', '2031-03-20', null),
    };
  }

  it('reminds each customer once per expiry, the day its certificate turns expiring_soon, and sends the seller one digest a day', async () => {
    const { s, in30, in31, today, noEmail } = await expiringSeller();
    const run = runFor(s);
    expect((await s.call('GET', `/v1/certificates/${in30}?asOf=2031-03-10`)).body.status).toBe('expiring_soon');
    expect((await s.call('GET', `/v1/certificates/${in31}?asOf=2031-03-10`)).body.status).toBe('active');

    await run(noonLA('2031-03-10'));
    expect(mailTo(customerEmail(s, 'thirty'))).toHaveLength(1);
    expect(mailTo(customerEmail(s, 'zero'))).toHaveLength(1);
    expect(mailTo(customerEmail(s, 'thirtyone'))).toHaveLength(0);
    expect(mailTo(customerEmail(s, 'past'))).toHaveLength(0);
    const reminder = mailTo(customerEmail(s, 'thirty'))[0]!;
    expect(reminder.text).toContain('Subject: Acme Supplies: your exemption certificate expires on 2031-04-09');

    // The reminder's link is a renewal request for that certificate.
    const renewal = linkIn(customerEmail(s, 'thirty'));
    expect((await page(renewal.path)).body).toContain('value="US-TX"');
    const requests = (await s.call('GET', '/v1/certificate-requests?customerId=cus_30')).body.data;
    expect(requests).toMatchObject([{ certificateId: in30, jurisdictions: ['US-TX'], emailStatus: 'sent', status: 'open' }]);

    const digests = () => mailTo(financeEmail(s));
    expect(digests()).toHaveLength(1);
    const digest = digests()[0]!.text;
    expect(digest).toContain('Subject: Levy: 3 exemption certificates expiring within 30 days (2031-03-10)');
    expect(digest).toContain(`${in30} (N-cus_30): reminded today`);
    expect(digest).toContain(`${today} (N-cus_0): reminded today`);
    expect(digest).toContain(`${noEmail} (N-cus_quiet): no email on record`);
    expect(digest).not.toContain(in31);

    // Later the same day (05:00 UTC is still the 10th in Los Angeles): nothing new.
    await run(new Date('2031-03-11T05:00:00Z'));
    expect(mailTo(customerEmail(s, 'thirty'))).toHaveLength(1);
    expect(digests()).toHaveLength(1);

    // The next day the 31-day certificate turns expiring_soon and is reminded; the others are not again.
    await run(noonLA('2031-03-11'));
    expect(mailTo(customerEmail(s, 'thirtyone'))).toHaveLength(1);
    expect(mailTo(customerEmail(s, 'thirty'))).toHaveLength(1);
    expect(mailTo(customerEmail(s, 'zero'))).toHaveLength(1);
    expect(digests()).toHaveLength(2);
    expect(digests()[1]!.text).toContain(`${in30} (N-cus_30): reminded earlier`);
    expect(digests()[1]!.text).toContain(`${in31} (N-cus_31): reminded today`);
    expect(digests()[1]!.text).not.toContain(today);
  });

  it('reminds a customer whose email arrives later, and once more after a renewal moves the expiry', async () => {
    const { s, in30 } = await expiringSeller();
    const run = runFor(s);
    await run(noonLA('2031-03-12'));
    await s.call('PUT', '/v1/customers/cus_quiet', { name: 'Customer cus_quiet', email: customerEmail(s, 'quiet'), address: AUSTIN });
    await run(noonLA('2031-03-13'));
    expect(mailTo(customerEmail(s, 'quiet'))).toHaveLength(1);

    await s.call('PATCH', `/v1/certificates/${in30}`, { expirationDate: '2031-04-12' });
    await run(noonLA('2031-03-14'));
    expect(mailTo(customerEmail(s, 'thirty'))).toHaveLength(2);
  });

  it('retries a failed reminder on later runs, a few times at most, and lists it in the digest', async () => {
    const s = await seller();
    await s.call('PUT', '/v1/customers/cus_bounce', { name: 'Bounce Co', email: `bounce+${s.id}@customer.test`, address: AUSTIN });
    const id = (await s.call('POST', '/v1/certificates', { customerId: 'cus_bounce', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2020-01-01', expirationDate: '2032-05-20' })).body.id;
    const run = runFor(s);
    const day = (d: number) => new Date(`2032-05-${String(d).padStart(2, '0')}T18:00:00Z`);
    await run(day(1));
    const digest = mailTo(financeEmail(s));
    expect(digest).toHaveLength(1);
    expect(digest[0]!.text).toMatch(new RegExp(`${id}: reminder failed: SMTP server refused the sender or a recipient`));
    await run(day(2));
    await run(day(3));
    await run(day(4));
    const [row] = await api.store.db
      .select({ status: certificateReminders.status, attempts: certificateReminders.attempts })
      .from(certificateReminders)
      .where(and(eq(certificateReminders.sellerId, s.id), eq(certificateReminders.certificateId, id)));
    expect(row).toEqual({ status: 'failed', attempts: 3 });
    const attempts = await s.call('GET', '/v1/certificate-requests?customerId=cus_bounce');
    expect(attempts.body.data).toHaveLength(3);
    expect(attempts.body.data.every((r: { emailStatus: string }) => r.emailStatus === 'failed')).toBe(true);
  });

  it('sends each reminder and digest once when two runs race', async () => {
    const { s } = await expiringSeller();
    // Unscoped, as the server runs it: every seller with an email channel.
    const reminders = api.app.levy.reminders;
    await Promise.all([reminders.runDaily(noonLA('2031-03-15')), reminders.runDaily(noonLA('2031-03-15'))]);
    expect(mailTo(customerEmail(s, 'thirty'))).toHaveLength(1);
    expect(mailTo(customerEmail(s, 'thirtyone'))).toHaveLength(1);
    expect(mailTo(financeEmail(s))).toHaveLength(1);
  });
});

/** The hourly pass for one test's seller (the unscoped one would visit every seller on a shared database). */
const passFor = (s: Client) => (now: Date) => api.app.levy.reminders.runDaily(now, { sellerIds: [s.id] });
const minutes = (n: number) => n * 60_000;
const later = (ms: number) => new Date(Date.now() + ms);

describe('a rejected submission', () => {
  it('emails the customer the reason with a new link, which works like the first', async () => {
    const s = await seller();
    const first = await s.call('POST', '/v1/customers/cus_shop/certificate-requests', { jurisdictions: ['US-TX'] });
    const firstLink = linkIn(customerEmail(s));
    expect((await submit(firstLink.path, goodFields)).statusCode).toBe(200);
    const id = (await s.call('GET', `/v1/certificate-requests/${first.body.id}`)).body.submittedCertificateId as string;

    const reason = 'The certificate is not signed. Please sign page 2 & send it again.';
    const rejected = await s.call('POST', `/v1/certificates/${id}/reject`, { reason }, { 'idempotency-key': 'reject-once' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: reason });

    const sent = mailTo(customerEmail(s));
    expect(sent).toHaveLength(2);
    const notice = sent[1]!;
    expect(notice.from).toBe(`billing+${s.id}@seller.test`);
    expect(notice.text).toContain('Subject: Acme Supplies: your exemption certificate was not accepted');
    expect(notice.text).toContain(reason);
    expect(notice.text).toContain('(TX-01-998877) for US-TX');
    expect(notice.text).toContain('Please sign page 2 &#38; send it again.'); // escaped in the HTML part
    const again = linkIn(customerEmail(s));
    expect(again.token).not.toBe(firstLink.token);

    // Recorded like any request: for the same customer, email and jurisdictions, replacing the rejected certificate.
    const requests = (await s.call('GET', '/v1/certificate-requests?customerId=cus_shop')).body.data;
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ customerId: 'cus_shop', certificateId: id, email: customerEmail(s), jurisdictions: ['US-TX'], status: 'open', emailStatus: 'sent', lastError: null });
    expect(requests[1].id).toBe(first.body.id);

    // A retry of the rejection answers the same and sends nothing more.
    const retried = await s.call('POST', `/v1/certificates/${id}/reject`, { reason }, { 'idempotency-key': 'reject-once' });
    expect(retried.body).toEqual(rejected.body);
    expect(mailTo(customerEmail(s))).toHaveLength(2);

    // The new link works once, starting from what was asked and what the customer chose before.
    const shown = await page(again.path);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('name="jurisdictions" value="US-TX" required');
    expect(shown.body).toContain('<option value="resale" selected>');
    expect((await submit(again.path, { ...goodFields, number: 'TX-01-998877-SIGNED' })).statusCode).toBe(200);
    const resubmitted = (await s.call('GET', '/v1/certificates?status=pending_review')).body.data;
    expect(resubmitted).toMatchObject([{ number: 'TX-01-998877-SIGNED', requestId: requests[0].id }]);
    expect((await page(again.path)).statusCode).toBe(410);
  });

  it('emails no one when the certificate did not come through a request', async () => {
    const s = await seller();
    const id = await submitted(s);
    // As a certificate recorded pending by other means would be: no request behind it.
    await api.store.db.execute(sql`update certificates set request_id = null where seller_id = ${s.id} and id = ${id}`);
    const before = mailTo(customerEmail(s)).length;
    expect((await s.call('POST', `/v1/certificates/${id}/reject`, { reason: 'Wrong state.' })).status).toBe(200);
    expect(mailTo(customerEmail(s))).toHaveLength(before);
    expect((await s.call('GET', '/v1/certificate-requests?customerId=cus_shop')).body.data).toHaveLength(1);
  });
});

describe('emails the hourly pass sends again', () => {
  it('records the seller\'s review email, and sends a failed one again once the SMTP server is back', async () => {
    const server = await flakySmtp();
    try {
      const s = await seller({ smtpPort: server.port });
      const pass = passFor(s);
      const requested = await s.call('POST', '/v1/customers/cus_shop/certificate-requests', { jurisdictions: ['US-TX'] });
      expect(requested.body.emailStatus).toBe('sent');
      await server.stop();
      expect((await submit(linkIn(customerEmail(s)).path, goodFields)).statusCode).toBe(200);
      const request = async () => (await s.call('GET', `/v1/certificate-requests/${requested.body.id}`)).body;
      const failed = await request();
      expect(failed).toMatchObject({ status: 'used', reviewEmailStatus: 'failed' });
      expect(failed.reviewLastError).toMatch(/Could not connect to the SMTP server/);

      // Still down: tried again, failed again. (Outcomes are checked rather than each pass's tally: on a
      // shared PostgreSQL, another suite's server may run its hourly pass over every seller meanwhile.)
      await pass(new Date());
      expect((await request()).reviewEmailStatus).toBe('failed');
      expect(mailTo(financeEmail(s))).toHaveLength(0);

      // Back up, and two passes at once (two servers on one database): it is sent once.
      await server.start();
      const raced = await Promise.all([pass(new Date()), pass(new Date())]);
      expect(raced[0].redelivered + raced[1].redelivered).toBeLessThanOrEqual(1);
      expect(await request()).toMatchObject({ reviewEmailStatus: 'sent', reviewLastError: null });
      const review = mailTo(financeEmail(s));
      expect(review).toHaveLength(1);
      expect(review[0]!.text).toContain('Subject: Levy: Corner Shop LLC sent an exemption certificate to review');
      expect(review[0]!.text).toContain(`${PUBLIC_URL}/v1/certificates/${failed.submittedCertificateId}/approve`);
      // Sent is final.
      await pass(new Date());
      expect(mailTo(financeEmail(s))).toHaveLength(1);

      const set = (status: string, lastError: string | null, usedAgo: string) =>
        api.store.db.execute(
          sql`update certificate_requests set review_email_status = ${status}, review_last_error = ${lastError}, used_at = now() - ${usedAgo}::interval where seller_id = ${s.id} and id = ${requested.body.id}`,
        );
      // Left pending by a process that died after the submission: sent once it is 15 minutes old, not before.
      await set('pending', null, '14 minutes');
      await pass(new Date());
      expect(await request()).toMatchObject({ reviewEmailStatus: 'pending', reviewLastError: null });
      expect(mailTo(financeEmail(s))).toHaveLength(1);
      await set('pending', null, '16 minutes');
      await pass(new Date());
      expect(await request()).toMatchObject({ reviewEmailStatus: 'sent', reviewLastError: null });
      expect(mailTo(financeEmail(s))).toHaveLength(2);
      // A failure is tried again for three hours after the submission, no longer.
      await set('failed', 'SMTP down', '3 hours 1 minute');
      await pass(new Date());
      expect(await request()).toMatchObject({ reviewEmailStatus: 'failed', reviewLastError: 'SMTP down' });
      expect(mailTo(financeEmail(s))).toHaveLength(2);
      // Reviewed before the email could go out: nothing to tell the seller.
      await set('failed', 'SMTP down', '1 hour');
      await s.call('POST', `/v1/certificates/${failed.submittedCertificateId}/approve`);
      await pass(new Date());
      expect(await request()).toMatchObject({ reviewEmailStatus: 'skipped', reviewLastError: `not sent: certificate ${failed.submittedCertificateId} was reviewed first` });
      expect(mailTo(financeEmail(s))).toHaveLength(2);
    } finally {
      await server.stop();
    }
  });

  it('sends a request\'s link again with a new link: a failed one once the server is back, one a dead process left pending', async () => {
    const server = await flakySmtp();
    try {
      const s = await seller({ smtpPort: server.port });
      const pass = passFor(s);
      await server.stop();
      const older = await s.call('POST', '/v1/customers/cus_shop/certificate-requests', { jurisdictions: ['US-TX'] });
      const newer = await s.call('POST', '/v1/customers/cus_shop/certificate-requests', { jurisdictions: ['US-TX', 'US-CA'] });
      expect([older.body.emailStatus, newer.body.emailStatus]).toEqual(['failed', 'failed']);
      await server.start();
      const request = async (id: string) => (await s.call('GET', `/v1/certificate-requests/${id}`)).body;

      // Within 15 minutes of its attempt a request is left alone (that attempt may still be under way).
      expect((await pass(later(minutes(14)))).redelivered).toBe(0);
      expect(mailTo(customerEmail(s))).toHaveLength(0);

      // Two passes at once (two servers on one database): one sends it.
      const at = later(minutes(16));
      const raced = await Promise.all([pass(at), pass(at)]);
      expect(raced.map((r) => r.redelivered).sort()).toEqual([0, 1]);
      expect(raced.map((r) => r.redeliveryFailed)).toEqual([0, 0]);
      // Only the newer one: the customer needs one link, not one per request the seller made.
      expect(await request(older.body.id)).toMatchObject({ emailStatus: 'failed' });
      const resent = await request(newer.body.id);
      expect(resent).toMatchObject({ emailStatus: 'sent', status: 'open', jurisdictions: ['US-TX', 'US-CA'] });
      expect(resent.lastError).toBeNull();
      // A new link, good for 30 days from this attempt.
      expect(Date.parse(resent.expiresAt)).toBe(at.getTime() + 30 * 86_400_000);
      const mail = mailTo(customerEmail(s));
      expect(mail).toHaveLength(1);
      expect(mail[0]!.text).toContain('Subject: Acme Supplies: please send your exemption certificate');
      const link = linkIn(customerEmail(s));
      expect((await page(link.path)).body).toContain('value="US-TX, US-CA"');
      expect((await pass(later(minutes(40)))).redelivered).toBe(0);

      // Committed, then the process died before sending (or before recording the send).
      await s.call('PUT', '/v1/customers/cus_other', { name: 'Other Co', email: customerEmail(s, 'other'), address: AUSTIN });
      const cut = await s.call('POST', '/v1/customers/cus_other/certificate-requests', {});
      const stale = linkIn(customerEmail(s, 'other'));
      await api.store.db.execute(sql`update certificate_requests set email_status = 'pending' where seller_id = ${s.id} and id = ${cut.body.id}`);
      expect((await pass(new Date())).redelivered).toBe(0);
      expect((await pass(later(minutes(16)))).redelivered).toBe(1);
      expect((await request(cut.body.id)).emailStatus).toBe('sent');
      expect(mailTo(customerEmail(s, 'other'))).toHaveLength(2);
      // The token is never stored, so the email carries a new one; the old link is dead.
      const fresh = linkIn(customerEmail(s, 'other'));
      expect(fresh.token).not.toBe(stale.token);
      expect((await page(stale.path)).statusCode).toBe(404);
      expect((await page(fresh.path)).statusCode).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('leaves a failed reminder\'s request to the reminder, whose next attempt brings a new one', async () => {
    const s = await seller();
    await s.call('PUT', '/v1/customers/cus_bounce', { name: 'Bounce Co', email: `bounce+${s.id}@customer.test`, address: AUSTIN });
    const expires = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await s.call('POST', '/v1/certificates', { customerId: 'cus_bounce', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2020-01-01', expirationDate: expires });
    const pass = passFor(s);
    await pass(new Date());
    // Its link never reached anyone, and never worked.
    const [dead] = (await s.call('GET', '/v1/certificate-requests?customerId=cus_bounce')).body.data;
    expect(dead).toMatchObject({ emailStatus: 'failed', status: 'expired' });
    expect(await pass(later(minutes(16)))).toMatchObject({ redelivered: 0, redeliveryFailed: 0 });
    // The reminder tried again with a request of its own; the dead one was left as it was.
    const requests = (await s.call('GET', '/v1/certificate-requests?customerId=cus_bounce')).body.data;
    expect(requests.length).toBeGreaterThan(1);
    expect(requests.every((r: { emailStatus: string }) => r.emailStatus === 'failed')).toBe(true);
    expect(requests.at(-1)).toEqual(dead);
  });

  it('sends a rejection\'s failed email again with the reason', async () => {
    const server = await flakySmtp();
    try {
      const s = await seller({ smtpPort: server.port });
      const id = await submitted(s);
      await server.stop();
      expect((await s.call('POST', `/v1/certificates/${id}/reject`, { reason: 'Expired in 2019.' })).status).toBe(200);
      const [followUp] = (await s.call('GET', '/v1/certificate-requests?customerId=cus_shop')).body.data;
      expect(followUp).toMatchObject({ certificateId: id, emailStatus: 'failed' });
      await server.start();
      expect((await passFor(s)(later(minutes(16)))).redelivered).toBe(1);
      const notice = mailTo(customerEmail(s)).at(-1)!;
      expect(notice.text).toContain('Subject: Acme Supplies: your exemption certificate was not accepted');
      expect(notice.text).toContain('Expired in 2019.');
      expect((await page(linkIn(customerEmail(s)).path)).statusCode).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe('abandoned reminder and digest claims', () => {
  it('are taken again once their attempt is more than 15 minutes old, never sooner', async () => {
    const s = await seller();
    await s.call('PATCH', '/v1/settings', { accountingTimeZone: 'America/Los_Angeles' });
    await s.call('PUT', '/v1/customers/cus_30', { name: 'Customer cus_30', email: customerEmail(s, 'thirty'), address: AUSTIN });
    const id = (await s.call('POST', '/v1/certificates', { customerId: 'cus_30', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2020-01-01', expirationDate: '2033-04-09' })).body.id as string;
    const pass = passFor(s);
    const first = new Date('2033-03-10T20:00:00Z');
    await pass(first);
    expect(mailTo(customerEmail(s, 'thirty'))).toHaveLength(1);
    expect(mailTo(financeEmail(s))).toHaveLength(1);

    // As a process that claimed both and died before sending would leave them: pending, with the reminder's request not yet live.
    const run = new Date('2033-03-10T21:00:00Z');
    const abandonAt = async (attemptedAt: Date) => {
      const db = api.store.db;
      await db.update(certificateReminders).set({ status: 'pending', sentAt: null, attemptedAt }).where(and(eq(certificateReminders.sellerId, s.id), eq(certificateReminders.certificateId, id)));
      await db.update(certificateDigests).set({ status: 'pending', sentAt: null, attemptedAt }).where(and(eq(certificateDigests.sellerId, s.id), eq(certificateDigests.day, '2033-03-10')));
    };
    await api.store.db
      .update(certificateRequests)
      .set({ emailStatus: 'pending', expiresAt: first })
      .where(and(eq(certificateRequests.sellerId, s.id), eq(certificateRequests.certificateId, id)));

    await abandonAt(new Date(run.getTime() - minutes(15)));
    expect(await pass(run)).toMatchObject({ reminded: 0, digests: 0, redelivered: 0 });
    expect(mailTo(customerEmail(s, 'thirty'))).toHaveLength(1);

    await abandonAt(new Date(run.getTime() - minutes(15) - 1));
    expect(await pass(run)).toMatchObject({ reminded: 1, digests: 1, redelivered: 0 });
    // One reminder more, with a request of its own; the dead attempt's request is not sent as well.
    expect(mailTo(customerEmail(s, 'thirty'))).toHaveLength(2);
    expect(mailTo(financeEmail(s))).toHaveLength(2);
    expect((await s.call('GET', '/v1/certificate-requests?customerId=cus_30')).body.data).toHaveLength(2);
    const [reminder] = await api.store.db.select().from(certificateReminders).where(and(eq(certificateReminders.sellerId, s.id), eq(certificateReminders.certificateId, id)));
    expect(reminder).toMatchObject({ status: 'sent', attempts: 2, attemptedAt: run });

    // Abandoned on its last attempt: failed, so the digest does not call it "being sent" for ever.
    await api.store.db
      .update(certificateReminders)
      .set({ status: 'pending', attempts: 3, attemptedAt: new Date(run.getTime() - minutes(60)) })
      .where(and(eq(certificateReminders.sellerId, s.id), eq(certificateReminders.certificateId, id)));
    expect((await pass(run)).reminded).toBe(0);
    const [given] = await api.store.db.select().from(certificateReminders).where(and(eq(certificateReminders.sellerId, s.id), eq(certificateReminders.certificateId, id)));
    expect(given).toMatchObject({ status: 'failed', attempts: 3 });
    expect(given!.lastError).toMatch(/^interrupted/);
    expect(mailTo(customerEmail(s, 'thirty'))).toHaveLength(2);
  });
});
