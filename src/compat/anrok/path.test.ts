import { describe, expect, it } from 'vitest';
import { prefixedPath } from './path.js';

const BASE = '/v1/seller/transactions/';

describe('prefixedPath', () => {
  it('keeps the colons of an id and reads the action', () => {
    expect(prefixedPath(`${BASE}id:stripe:in_123/void`, BASE, 'id')).toEqual({ value: 'stripe:in_123', action: 'void' });
  });

  it('decodes the segment once, so an encoded slash stays in the id', () => {
    expect(prefixedPath(`${BASE}id:v1%3A27%2Fa%20b/void?x=1`, BASE, 'id')).toEqual({ value: 'v1:27/a b', action: 'void' });
  });

  it('refuses other shapes', () => {
    for (const url of [`${BASE}stripe:in_1/void`, `${BASE}id:/void`, `${BASE}id:a/b/void`, `${BASE}id:a`, `${BASE}id:%E0%A4%A/void`, '/v1/other/id:a/void']) {
      expect(prefixedPath(url, BASE, 'id')).toBeUndefined();
    }
  });
});
