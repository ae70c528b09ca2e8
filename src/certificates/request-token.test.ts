import { describe, expect, it } from 'vitest';
import { hashRequestToken, linkState, looksLikeRequestToken, newRequestToken, requestExpiry, requestLink } from './request-token.js';

describe('certificate request tokens', () => {
  it('are 32 random bytes in base64url, kept only as their SHA-256', () => {
    const { token, tokenHash } = newRequestToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).toBe(hashRequestToken(token));
    expect(tokenHash).not.toContain(token);
    expect(newRequestToken().token).not.toBe(token);
    expect(looksLikeRequestToken(token)).toBe(true);
  });

  it('known answer: SHA-256 of the token text', () => {
    // printf 'abc' | sha256sum
    expect(hashRequestToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('tells a possible token from anything else without a database look-up', () => {
    for (const bad of ['', 'short', 'A'.repeat(42), 'A'.repeat(44), `${'A'.repeat(42)}=`, `${'A'.repeat(42)}/`, `${'A'.repeat(42)}.`]) expect(looksLikeRequestToken(bad), bad).toBe(false);
  });

  it('expires 30 days after it is made', () => {
    expect(requestExpiry(new Date('2026-03-01T10:00:00Z')).toISOString()).toBe('2026-03-31T10:00:00.000Z');
  });

  it('builds the link on the public URL, keeping a path prefix, and nothing more', () => {
    const token = 'A'.repeat(43);
    expect(requestLink('https://levy.example.com', token)).toBe(`https://levy.example.com/certificate-requests/${token}`);
    expect(requestLink('https://example.com/levy/', token)).toBe(`https://example.com/levy/certificate-requests/${token}`);
    expect(requestLink('https://example.com/levy', token)).toBe(`https://example.com/levy/certificate-requests/${token}`);
  });

  it('a link is open until used or expired; used wins', () => {
    const expiresAt = new Date('2026-03-31T10:00:00Z');
    expect(linkState({ usedAt: null, expiresAt }, new Date('2026-03-31T09:59:59.999Z'))).toBe('open');
    expect(linkState({ usedAt: null, expiresAt }, expiresAt)).toBe('expired');
    expect(linkState({ usedAt: new Date('2026-03-02T00:00:00Z'), expiresAt }, new Date('2026-04-30T00:00:00Z'))).toBe('used');
  });
});
