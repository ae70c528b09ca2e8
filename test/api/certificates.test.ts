/**
 * Exemption certificates through the API: their lifecycle, their status on
 * boundary days, search, and the sales they exempt (and stop exempting).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type Client, type TestApi } from '../helpers/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});
afterAll(async () => {
  await api.close();
});

const AUSTIN = { postalCode: '78701', country: 'US' };
const invoice = (date: string) => ({ date, currency: 'USD', customer: { id: 'cus_shop', address: AUSTIN }, lines: [{ productId: 'saas.b2b', amount: 10000 }] });

async function seller(): Promise<Client> {
  const s = await api.seller();
  await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01' });
  await s.call('PUT', '/v1/customers/cus_shop', { name: 'Corner Shop LLC', address: AUSTIN });
  return s;
}

const resale = { customerId: 'cus_shop', jurisdictions: ['US-TX'], reason: 'resale', number: 'TX-01-998877', effectiveDate: '2026-01-01', expirationDate: '2026-12-31' };

describe('exemption certificates', () => {
  it('records a certificate and derives its status from the day asked', async () => {
    const s = await seller();
    const created = await s.call('POST', '/v1/certificates', resale);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ customerId: 'cus_shop', customerName: 'Corner Shop LLC', reason: 'resale', entityUseCode: 'G', number: 'TX-01-998877' });
    const id = created.body.id;
    const statusOn = async (asOf: string) => (await s.call('GET', `/v1/certificates/${id}?asOf=${asOf}`)).body.status;
    expect(await statusOn('2026-11-30')).toBe('active');
    expect(await statusOn('2026-12-01')).toBe('expiring_soon');
    expect(await statusOn('2026-12-31')).toBe('expiring_soon');
    expect(await statusOn('2027-01-01')).toBe('expired');
  });

  it('refuses what it cannot record, naming the field', async () => {
    const s = await seller();
    const error = async (body: unknown) => (await s.call('POST', '/v1/certificates', body)).body.error;
    expect(await error({ ...resale, customerId: 'nobody' })).toMatchObject({ code: 'parameter_invalid', param: 'customerId' });
    expect(await error({ ...resale, jurisdictions: ['US-TX', 'US-XX'] })).toMatchObject({ code: 'jurisdiction_unknown', param: 'jurisdictions.1' });
    expect(await error({ ...resale, expirationDate: '2025-12-31' })).toMatchObject({ code: 'parameter_invalid', param: 'expirationDate' });
    expect(await error({ ...resale, reason: 'friendship' })).toMatchObject({ param: 'reason' });
    expect(await error({ ...resale, jurisdictions: [] })).toMatchObject({ param: 'jurisdictions' });
  });

  it('exempts sales it covers on their date, names itself, and stops at once when archived', async () => {
    const s = await seller();
    const id = (await s.call('POST', '/v1/certificates', resale)).body.id;
    const covered = await s.call('POST', '/v1/tax/calculate', invoice('2026-06-01'));
    expect(covered.body).toMatchObject({ tax: 0, exemptions: [{ kind: 'certificate', certificateId: id }] });
    expect((await s.call('POST', '/v1/tax/calculate', invoice('2025-12-31'))).body.tax).toBe(660);
    expect((await s.call('POST', '/v1/tax/calculate', invoice('2027-01-02'))).body.tax).toBe(660);

    const archived = await s.call('POST', `/v1/certificates/${id}/archive`);
    expect(archived.body.status).toBe('archived');
    expect((await s.call('POST', '/v1/tax/calculate', invoice('2026-06-01'))).body).toMatchObject({ tax: 660, exemptions: [] });
  });

  it('changes jurisdictions and details; a change applies to the next sale', async () => {
    const s = await seller();
    const id = (await s.call('POST', '/v1/certificates', { ...resale, jurisdictions: ['US-CA'] })).body.id;
    expect((await s.call('POST', '/v1/tax/calculate', invoice('2026-06-01'))).body.tax).toBe(660);
    const patched = await s.call('PATCH', `/v1/certificates/${id}`, { jurisdictions: ['US-CA', 'US-TX'], notes: 'renewed by phone' });
    expect(patched.body).toMatchObject({ jurisdictions: ['US-CA', 'US-TX'], notes: 'renewed by phone', number: 'TX-01-998877' });
    expect((await s.call('POST', '/v1/tax/calculate', invoice('2026-06-01'))).body.tax).toBe(0);
    expect((await s.call('PATCH', `/v1/certificates/${id}`, { expirationDate: '2025-06-01' })).body.error).toMatchObject({ code: 'parameter_invalid', param: 'expirationDate' });
  });

  it('lists by status and finds by customer id, customer name or number', async () => {
    const s = await seller();
    await s.call('PUT', '/v1/customers/cus_school', { name: 'Lincoln High School', address: AUSTIN });
    const a = (await s.call('POST', '/v1/certificates', resale)).body.id;
    const b = (await s.call('POST', '/v1/certificates', { ...resale, customerId: 'cus_school', reason: 'educational', number: 'EDU-5', expirationDate: null })).body.id;
    const c = (await s.call('POST', '/v1/certificates', { ...resale, number: 'OLD-1', effectiveDate: '2024-01-01', expirationDate: '2025-12-31' })).body.id;
    const d = (await s.call('POST', '/v1/certificates', { ...resale, number: 'GONE-1' })).body.id;
    await s.call('POST', `/v1/certificates/${d}/archive`);
    const ids = async (query: string) => (await s.call('GET', `/v1/certificates?asOf=2026-12-15&${query}`)).body.data.map((x: { id: string }) => x.id).sort();
    expect(await ids('status=expiring_soon')).toEqual([a]);
    expect(await ids('status=active')).toEqual([b]);
    expect(await ids('status=expired')).toEqual([c]);
    expect(await ids('status=archived')).toEqual([d]);
    expect(await ids('q=lincoln')).toEqual([b]);
    expect(await ids('q=old-')).toEqual([c]);
    expect(await ids('q=cus_sh')).toEqual([a, c, d].sort());
    expect(await ids('q=100%25')).toEqual([]);
    expect((await s.call('GET', `/v1/certificates/${b}`)).body).toMatchObject({ entityUseCode: 'M', expirationDate: null });
    const first = await s.call('GET', '/v1/certificates?limit=2');
    expect(first.body.data).toHaveLength(2);
    expect((await s.call('GET', `/v1/certificates?limit=2&cursor=${first.body.nextCursor}`)).body.data).toHaveLength(2);
  });

  it('another seller\'s certificate does not exist', async () => {
    const s = await seller();
    const id = (await s.call('POST', '/v1/certificates', resale)).body.id;
    const other = await api.seller();
    expect((await other.call('GET', `/v1/certificates/${id}`)).status).toBe(404);
    expect((await other.call('PATCH', `/v1/certificates/${id}`, { notes: 'x' })).status).toBe(404);
    expect((await other.call('POST', `/v1/certificates/${id}/archive`)).status).toBe(404);
  });
});

describe('certificate documents', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2048, 0x41), Buffer.from('\n%%EOF\n')]);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

  async function upload(s: Client, id: string, body: Buffer, type: string) {
    const r = await api.app.inject({ method: 'PUT', url: `/v1/certificates/${id}/file`, headers: { authorization: `Bearer ${s.key}`, 'content-type': type }, payload: body });
    return { status: r.statusCode, body: JSON.parse(r.body) };
  }

  it('stores a PDF or image told by its content, with its hash, and gives it back byte for byte', async () => {
    const s = await seller();
    const id = (await s.call('POST', '/v1/certificates', resale)).body.id;
    const stored = await upload(s, id, pdf, 'application/octet-stream');
    expect(stored).toMatchObject({ status: 200, body: { certificateId: id, mediaType: 'application/pdf', size: pdf.length } });
    const { createHash } = await import('node:crypto');
    expect(stored.body.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    const back = await api.app.inject({ method: 'GET', url: `/v1/certificates/${id}/file`, headers: { authorization: `Bearer ${s.key}` } });
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.rawPayload.equals(pdf)).toBe(true);
    // Replaced whole by the next upload.
    expect((await upload(s, id, png, 'image/png')).body.mediaType).toBe('image/png');
  });

  it('refuses other files, files that lie about their type, and files over 10 MB', async () => {
    const s = await seller();
    const id = (await s.call('POST', '/v1/certificates', resale)).body.id;
    expect(await upload(s, id, Buffer.from('MZ\x90\x00 not a document'), 'application/pdf')).toMatchObject({ status: 415, body: { error: { code: 'document_type_unsupported' } } });
    expect(await upload(s, id, Buffer.from('<html>hello</html>'), 'image/png')).toMatchObject({ status: 415, body: { error: { code: 'document_type_unsupported' } } });
    expect((await upload(s, id, Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]), 'application/pdf')).status).toBe(413);
    expect((await upload(s, 'cert_nope', pdf, 'application/pdf')).status).toBe(404);
    expect((await api.app.inject({ method: 'GET', url: `/v1/certificates/${id}/file`, headers: { authorization: `Bearer ${s.key}` } })).statusCode).toBe(404);
  });
});
