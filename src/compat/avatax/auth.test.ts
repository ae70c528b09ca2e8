import { describe, expect, it } from 'vitest';
import { levyKeyOf } from './auth.js';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const KEY = 'sel_1/key_abc123/secret.ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('the Levy key in AvaTax credentials', () => {
  it('joins <sellerId>/<keyId> and the secret, with or without its prefix', () => {
    expect(levyKeyOf(basic('sel_1/key_abc123', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'))).toBe(KEY);
    expect(levyKeyOf(basic('sel_1/key_abc123', 'secret.ABCDEFGHIJKLMNOPQRSTUVWXYZ'))).toBe(KEY);
  });

  it('takes the whole key as username or password, or as a Bearer token', () => {
    expect(levyKeyOf(basic(KEY, 'anything'))).toBe(KEY);
    expect(levyKeyOf(basic('account', KEY))).toBe(KEY);
    expect(levyKeyOf(`Bearer ${KEY}`)).toBe(KEY);
  });

  it('finds nothing in other headers', () => {
    expect(levyKeyOf(undefined)).toBeUndefined();
    expect(levyKeyOf('Digest abc')).toBeUndefined();
    expect(levyKeyOf(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toBeUndefined();
  });
});
