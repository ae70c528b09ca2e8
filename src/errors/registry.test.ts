import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ERRORS } from './registry.js';
import { TaxError } from './tax-error.js';

describe('the error registry', () => {
  it('documents every code in docs/errors.md, and no code that does not exist', async () => {
    const doc = await readFile(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^### `([a-z_]+)`/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(ERRORS).sort());
  });

  it('answers with type, code, message and param, and no stack', () => {
    const body = new TaxError('amount_not_integer', 'lines.0.amount: must be an integer', 'lines.0.amount').toJSON();
    expect(body).toEqual({
      error: { type: 'invalid_request', code: 'amount_not_integer', message: 'lines.0.amount: must be an integer', param: 'lines.0.amount' },
    });
    expect(JSON.stringify(body)).not.toContain('at ');
  });
});
