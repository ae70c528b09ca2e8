import { describe, expect, it } from 'vitest';
import { checkTaxId } from '../../taxid/check.js';
import { regionCodes } from './address.js';
import { AnrokBadRequest, AnrokConflict } from './errors.js';
import { accountingDateOf, saleBodyOf, type MappingContext } from './request.js';
import type { EphemeralBody } from './schemas.js';

const ctx: MappingContext = {
  regions: regionCodes([{ id: 'US-TX', name: 'Texas', level: 'state' }]),
  taxIdTypes: (country) => (country === 'DE' ? ['eu_vat'] : country === 'CA' ? ['ca_bn', 'ca_gst_hst'] : []),
  validTaxId: (type, value) => checkTaxId(type, value).valid,
  sellerTimeZone: 'America/Los_Angeles',
  today: '2026-11-15',
};

const body = (extra: Partial<EphemeralBody> = {}): EphemeralBody => ({
  lineItems: [{ id: 'li', productExternalId: 'sku-1', amount: 12345, quantity: '12.3', isTaxIncludedInAmount: true }],
  currencyCode: 'usd',
  customerAddress: { country: 'us', state: 'Texas', zipCode: '78701' },
  accountingDate: '2026-11-15',
  ...extra,
});

describe('accountingDateOf', () => {
  it('takes the date, or the time in the zone given, else in the seller\'s', () => {
    expect(accountingDateOf(body(), 'UTC')).toBe('2026-11-15');
    expect(accountingDateOf(body({ accountingDate: null, accountingTime: '2026-11-16T03:00:00Z', accountingTimeZone: 'America/New_York' }), 'UTC')).toBe('2026-11-15');
    expect(accountingDateOf(body({ accountingDate: null, accountingTime: '2026-11-16T03:00:00Z' }), 'America/Los_Angeles')).toBe('2026-11-15');
    expect(accountingDateOf(body({ accountingDate: null, accountingTime: '2026-11-16T03:00:00Z' }), 'UTC')).toBe('2026-11-16');
  });

  it('refuses both or neither, as Anrok does', () => {
    expect(() => accountingDateOf(body({ accountingTimeZone: 'UTC' }), 'UTC')).toThrow(AnrokBadRequest);
    expect(() => accountingDateOf(body({ accountingDate: null }), 'UTC')).toThrow('Must specify either accountingDate or accountingTimeZone.');
    expect(() => accountingDateOf(body({ accountingDate: null, accountingTime: '2026-11-16T03:00:00Z', accountingTimeZone: 'Nowhere/Else' }), 'UTC')).toThrow(AnrokConflict);
  });
});

describe('saleBodyOf', () => {
  it('maps an Anrok transaction to the body of POST /v1/transactions, committed', () => {
    expect(saleBodyOf({ ...body(), id: 'stripe:in_1', customerId: 'cus_1', customerName: 'Acme' }, ctx)).toEqual({
      id: 'stripe:in_1',
      date: '2026-11-15',
      currency: 'USD',
      customer: { id: 'cus_1', name: 'Acme', address: { country: 'US', region: 'TX', postalCode: '78701' } },
      lines: [{ id: 'li', productId: 'sku-1', amount: 12345, quantity: '12.3', taxIncluded: true }],
      commit: true,
    });
  });

  it('tells the kind of a tax id from the customer\'s country and the number', () => {
    const sale = saleBodyOf(body({ customerAddress: { country: 'CA', region: 'ON', postalCode: 'M5V 2T6' }, customerTaxIds: [{ type: 'genericVatNumber', value: '123456789RT0001' }] }), ctx);
    expect(sale.customer.taxIds).toEqual([{ type: 'ca_gst_hst', value: '123456789RT0001' }]);
    const de = saleBodyOf(body({ customerAddress: { country: 'Germany' }, customerTaxIds: [{ type: 'euVrn', value: 'DE136695976' }] }), ctx);
    expect(de.customer.taxIds).toEqual([{ type: 'eu_vat', value: 'DE136695976' }]);
  });

  it('refuses tax dates Anrok refuses', () => {
    expect(() => saleBodyOf(body({ taxDate: '1998-12-31' }), ctx)).toThrow(new AnrokConflict('taxDateTooFarInPast'));
    expect(() => saleBodyOf(body({ taxDate: '2026-12-17' }), ctx)).toThrow(new AnrokConflict('taxDateTooFarInFuture'));
    expect(saleBodyOf(body({ taxDate: '2026-12-16' }), ctx).date).toBe('2026-11-15');
  });
});
