import { describe, expect, it } from 'vitest';
import { emptyValues } from './request-form.js';
import { renderForm, renderNotice } from './request-page.js';
import { digestEmail, requestEmail, reviewEmail } from './emails.js';

const hostile = '<img src=x onerror=alert(1)> & "quotes"';

describe('the certificate page', () => {
  it('escapes every name and value it shows', () => {
    const html = renderForm({ sellerName: hostile, customerName: hostile, validUntil: '2026-04-01', values: emptyValues({ number: hostile, jurisdictions: '"><script>' }), errors: { number: hostile }, action: '/certificate-requests/x' });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62; &#38; &#34;quotes&#34;');
    expect(html).toContain('value="&#34;&#62;&#60;script&#62;"');
  });

  it('labels every input, ties hints and errors to it, and sums the errors up first', () => {
    const html = renderForm({ sellerName: 'Acme', customerName: 'Shop', validUntil: '2026-04-01', values: emptyValues(), errors: { reason: 'Choose the reason for the exemption.' }, action: '/certificate-requests/x' });
    for (const field of ['jurisdictions', 'reason', 'number', 'effectiveDate', 'expirationDate', 'document']) {
      expect(html).toContain(`<label for="${field}">`);
      expect(html).toContain(`id="${field}"`);
    }
    expect(html).toContain('<select id="reason" name="reason" required aria-invalid="true" aria-describedby="reason-error">');
    expect(html).toContain('<li><a href="#reason">Reason for exemption: Choose the reason for the exemption.</a></li>');
    expect(html).toContain('<title>Error: Exemption certificate for Acme</title>');
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('<html lang="en">');
  });

  it('notices escape too', () => {
    expect(renderNotice('Done', hostile)).not.toContain('<img');
  });
});

describe('certificate emails', () => {
  it('keep subjects on one line and escape HTML, with the link in both parts', () => {
    const link = 'https://levy.example.com/certificate-requests/abc';
    const mail = requestEmail({ sellerName: 'Acme\r\nBcc: x@evil.test', customerName: hostile, link, validUntil: '2026-04-01' });
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).not.toContain('<img');
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`<a href="${link}">`);
  });

  it('tell the seller how to review, and list what the digest covers', () => {
    const review = reviewEmail({ customerName: 'Shop', customerId: 'cus_1', certificateId: 'cert_1', jurisdictions: ['US-TX'], reason: 'resale', number: null, effectiveDate: '2026-01-01', expirationDate: null, apiBase: 'https://levy.example.com/' });
    expect(review.text).toContain('POST https://levy.example.com/v1/certificates/cert_1/approve');
    expect(review.text).toMatch(/Reason:\s+Resale/);
    const digest = digestEmail('Acme', {
      day: '2026-03-10',
      expiring: [{ certificateId: 'cert_1', customerId: 'cus_1', customerName: null, number: null, expirationDate: '2026-03-20', reminder: 'failed', error: 'SMTP down' }],
      remindedToday: [],
      notReminded: ['cert_1'],
    });
    expect(digest.subject).toBe('Levy: 1 exemption certificate expiring within 30 days (2026-03-10)');
    expect(digest.text).toContain('cert_1: reminder failed: SMTP down');
    expect(digest.text).toContain('0 customers were reminded today; 1 could not be.');
  });
});
