import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, oneLine } from './html.js';

const unescape = (html: string) => html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

describe('escapeHtml', () => {
  it('leaves nothing that opens a tag, ends an attribute or starts an entity, and loses nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const html = escapeHtml(text);
        expect(html).not.toMatch(/[<>"']/);
        expect(html.replace(/&#\d+;/g, '')).not.toContain('&');
        expect(unescape(html)).toBe(text);
      }),
    );
  });

  it('known answers', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;Tom &#38; Jerry&#39;s&#60;/a&#62;');
  });
});

describe('oneLine', () => {
  it('folds every line break and run of spaces, so a header cannot be split', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(oneLine(text)).not.toMatch(/[\r\n\t]| {2}/);
      }),
    );
    expect(oneLine('Acme\r\nBcc: x@evil.test')).toBe('Acme Bcc: x@evil.test');
  });
});
