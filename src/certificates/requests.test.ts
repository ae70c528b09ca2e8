import { describe, expect, it } from 'vitest';
import { staleBefore } from './claims.js';
import { redeliveryWindow } from './redelivery.js';
import { requestMessage, type RequestMessageFacts } from './requests.js';

const link = { href: 'https://levy.example.com/certificate-requests/abc', validUntil: '2026-04-01' };
const names = { sellerName: 'Acme', customerName: 'Corner Shop' };
const certificate: NonNullable<RequestMessageFacts['replaces']> = { jurisdictions: ['US-TX', 'US-CA'], number: 'TX-1', expirationDate: '2026-03-31', review: 'active', rejectionReason: null };

describe('a request\'s email', () => {
  it('asks for a certificate when the request replaces none', () => {
    const mail = requestMessage({ ...names, replaces: null }, link);
    expect(mail.subject).toBe('Acme: please send your exemption certificate');
    expect(mail.text).toContain('Acme asks Corner Shop for a sales tax exemption certificate.');
    expect(mail.text).toContain(link.href);
  });

  it('asks for a renewal of the certificate on file', () => {
    const mail = requestMessage({ ...names, replaces: certificate }, link);
    expect(mail.text).toContain('the one on file (TX-1) expires on 2026-03-31');
  });

  it('after a rejection, gives the seller\'s reason word for word, escaped in HTML, with the new link', () => {
    const reason = 'Not signed.\r\nSubject: <b>sign</b> & resend';
    const mail = requestMessage({ ...names, replaces: { ...certificate, review: 'rejected', rejectionReason: reason } }, link);
    expect(mail.subject).toBe('Acme: your exemption certificate was not accepted');
    expect(mail.text).toContain('the exemption certificate Corner Shop sent (TX-1) for US-TX, US-CA and could not accept it');
    expect(mail.text).toContain(reason);
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&#60;b&#62;sign&#60;/b&#62; &#38; resend');
    expect(mail.html).toContain(`<a href="${link.href}">Send a corrected certificate</a>`);
    expect(mail.text).toContain('The link works once, until 2026-04-01.');
  });
});

describe('the hourly pass\'s clock', () => {
  it('takes a claim as abandoned after 15 minutes, and retries failures for 3 hours', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(staleBefore(now).toISOString()).toBe('2026-03-10T11:45:00.000Z');
    expect(redeliveryWindow(now)).toEqual({ now, staleBefore: new Date('2026-03-10T11:45:00Z'), retryFrom: new Date('2026-03-10T09:00:00Z') });
  });
});
