import { describe, expect, it } from 'vitest';
import { normalizePublicUrl } from './public-url.js';

describe('the public URL', () => {
  it('is an http(s) address without a trailing slash; a path prefix stays', () => {
    expect(normalizePublicUrl('https://levy.example.com/')).toBe('https://levy.example.com');
    expect(normalizePublicUrl('http://localhost:8080')).toBe('http://localhost:8080');
    expect(normalizePublicUrl('https://example.com/tax/')).toBe('https://example.com/tax');
  });

  it('refuses what cannot be a link base', () => {
    expect(() => normalizePublicUrl('levy.example.com')).toThrow(/not a URL/);
    expect(() => normalizePublicUrl('ftp://example.com')).toThrow(/http or https/);
    expect(() => normalizePublicUrl('https://example.com/?a=1')).toThrow(/plain address/);
    expect(() => normalizePublicUrl('https://user:pw@example.com')).toThrow(/plain address/);
  });
});
