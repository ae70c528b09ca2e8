import { describe, expect, it } from 'vitest';
import { TaxError } from '../../errors/tax-error.js';
import { tokenOf } from './auth.js';
import { fromTaxError, TaxjarError } from './errors.js';

describe('TaxJar errors', () => {
  it('always carry error and detail (the official client needs both) and the status', () => {
    expect(new TaxjarError(406, 'transaction_id is missing').toJSON()).toEqual({ error: 'Not Acceptable', detail: 'transaction_id is missing', status: 406 });
  });

  it('translate Levy\'s errors to TaxJar\'s statuses', () => {
    expect(fromTaxError(new TaxError('api_key_invalid', 'unknown key')).status).toBe(401);
    expect(fromTaxError(new TaxError('resource_not_found', 'no transaction x')).status).toBe(404);
    expect(fromTaxError(new TaxError('transaction_exists', 'taken', 'id')).status).toBe(422);
    expect(fromTaxError(new TaxError('period_filed', 'filed')).status).toBe(422);
    expect(fromTaxError(new TaxError('address_unresolvable', 'where', 'customer.address')).toJSON()).toEqual({ error: 'Bad Request', detail: 'where (customer.address)', status: 400 });
  });
});

describe('TaxJar authorization headers', () => {
  it('read Bearer and Token token="..." forms', () => {
    expect(tokenOf('Bearer s/k/secret.x')).toBe('s/k/secret.x');
    expect(tokenOf('Token token="s/k/secret.x"')).toBe('s/k/secret.x');
    expect(tokenOf('token token=s/k/secret.x')).toBe('s/k/secret.x');
    expect(tokenOf('Basic abc')).toBeUndefined();
    expect(tokenOf(undefined)).toBeUndefined();
  });
});
