import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TaxError } from '../../errors/tax-error.js';
import { AnrokBadRequest, AnrokConflict, fromTaxError, fromZod, requestBodyMessage } from './errors.js';

describe('Anrok error shapes', () => {
  it('writes paths as Anrok does', () => {
    expect(requestBodyMessage(['filter', 'status'], 'Invalid enum value')).toBe('Request body: "filter": "status": Invalid enum value.');
    expect(requestBodyMessage([], 'Cannot specify both accountingDate and accountingTimeZone.')).toBe('Request body: Cannot specify both accountingDate and accountingTimeZone.');
  });

  it('says Required for a missing field', () => {
    const result = z.object({ lineItems: z.array(z.string()) }).safeParse({});
    expect(fromZod(result.error!).message).toBe('Request body: "lineItems": Required.');
  });

  it('translates Levy\'s errors to Anrok\'s types', () => {
    const conflict = (e: TaxError) => {
      const translated = fromTaxError(e, { productIdOfLine: (i) => ['a', 'sku-9'][i] });
      expect(translated).toBeInstanceOf(AnrokConflict);
      return (translated as AnrokConflict).body();
    };
    expect(conflict(new TaxError('product_unknown', 'x', 'lines.1.productId'))).toEqual({ type: 'productExternalIdUnknown', productExternalId: 'sku-9' });
    expect(conflict(new TaxError('period_filed', 'x', 'date'))).toEqual({ type: 'transactionFrozenForFiling' });
    expect(conflict(new TaxError('address_unresolvable', 'x'))).toEqual({ type: 'customerAddressCouldNotResolve' });
    expect(conflict(new TaxError('transaction_exists', 'x', 'id'))).toEqual({ type: 'duplicateTransactionId' });
    expect(conflict(new TaxError('transaction_voided', 'voided'))).toEqual({ type: 'transactionVoided', message: 'voided' });
    const bad = fromTaxError(new TaxError('amount_too_large', 'too large', 'lines.0.amount'));
    expect(bad).toBeInstanceOf(AnrokBadRequest);
    expect(bad.message).toBe('Request body: "lineItems": "0": "amount": too large.');
    expect((fromTaxError(new TaxError('api_key_invalid', 'no')) as AnrokBadRequest).status).toBe(401);
  });
});
