import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSubmission, splitJurisdictions } from './request-form.js';

const KNOWN = new Set(['US-TX', 'US-CA', 'US-NY', 'CA-ON', 'DE']);
const context = { today: '2026-03-10', isJurisdiction: (id: string) => KNOWN.has(id) };
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const good = { jurisdictions: 'US-TX', reason: 'resale', number: 'TX-1', effectiveDate: '2026-01-01', expirationDate: '2027-12-31' };

describe('reading the certificate form', () => {
  it('turns a good form into a submission', () => {
    const { errors, submission } = readSubmission({ ...good, jurisdictions: ' us-tx, US-CA;us-tx ' }, { content: PDF }, context);
    expect(errors).toEqual({});
    expect(submission).toEqual({ jurisdictions: ['US-TX', 'US-CA'], reason: 'resale', number: 'TX-1', effectiveDate: '2026-01-01', expirationDate: '2027-12-31', document: PDF, mediaType: 'application/pdf' });
  });

  it('takes empty optional fields as absent', () => {
    const { submission } = readSubmission({ ...good, number: '  ', expirationDate: '' }, { content: PDF }, context);
    expect(submission).toMatchObject({ number: null, expirationDate: null });
  });

  it('names every problem against its field and keeps what was typed', () => {
    const typed = { jurisdictions: 'US-TX, US-XX, ZZ', reason: 'friendship', number: 'x'.repeat(101), effectiveDate: '2026-02-30', expirationDate: 'soon' };
    const { values, errors, submission } = readSubmission(typed, { content: Buffer.from('hello') }, context);
    expect(submission).toBeUndefined();
    expect(values).toEqual(typed);
    expect(errors).toEqual({
      jurisdictions: 'Not a jurisdiction we know: US-XX, ZZ. Write them like US-TX or CA-ON.',
      reason: 'Choose the reason for the exemption.',
      number: 'The certificate number may be at most 100 characters.',
      effectiveDate: 'Write a real date as YYYY-MM-DD.',
      expirationDate: 'Write a real date as YYYY-MM-DD, or leave it empty if the certificate does not expire.',
      document: 'The file is not a PDF, PNG or JPEG.',
    });
  });

  it('refuses dates out of order and a certificate already expired (expiring today is fine)', () => {
    expect(readSubmission({ ...good, expirationDate: '2025-12-31' }, { content: PDF }, context).errors.expirationDate).toBe('The expiration date is before the effective date.');
    expect(readSubmission({ ...good, effectiveDate: '2020-01-01', expirationDate: '2026-03-09' }, { content: PDF }, context).errors.expirationDate).toMatch(/already expired/);
    expect(readSubmission({ ...good, effectiveDate: '2020-01-01', expirationDate: '2026-03-10' }, { content: PDF }, context).submission).toBeDefined();
  });

  it('needs jurisdictions, a date and the file', () => {
    const { errors } = readSubmission({}, undefined, context);
    expect(Object.keys(errors).sort()).toEqual(['document', 'effectiveDate', 'jurisdictions', 'reason']);
    expect(readSubmission(good, { content: Buffer.alloc(0) }, context).errors.document).toBe('Attach the signed certificate (PDF, PNG or JPEG).');
    expect(readSubmission(good, { problem: 'too_large' }, context).errors.document).toBe('The file is larger than 10 MB.');
    expect(readSubmission(good, { problem: 'too_many' }, context).errors.document).toBe('Attach one file only.');
  });

  it('ignores fields the form does not have', () => {
    const { values } = readSubmission({ ...good, status: 'active', __proto__: 'x' } as Record<string, string>, { content: PDF }, context);
    expect(Object.keys(values).sort()).toEqual(['effectiveDate', 'expirationDate', 'jurisdictions', 'number', 'reason']);
  });
});

describe('splitJurisdictions', () => {
  it('reads a list however it is separated and cased, once each, in order', () => {
    const id = fc.constantFrom(...KNOWN);
    const separator = fc.constantFrom(',', ', ', ' ', ';', '\n', ' ,  ');
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.boolean(), separator), { minLength: 1, maxLength: 8 }), (items) => {
        const text = items.map(([j, lower, sep]) => `${lower ? j.toLowerCase() : j}${sep}`).join('');
        expect(splitJurisdictions(text)).toEqual([...new Set(items.map(([j]) => j))]);
      }),
    );
  });
});
