import { describe, expect, it } from 'vitest';
import { countryCode, levyAddress, regionCodes } from './address.js';
import { AnrokConflict } from './errors.js';

const regions = regionCodes([
  { id: 'US-TX', name: 'Texas', level: 'state' },
  { id: 'CA-QC', name: 'Quebec', level: 'state' },
  { id: 'US-TX-CITY-AUSTIN', name: 'Austin', level: 'city' },
]);

describe('countryCode', () => {
  it('reads ISO codes in any case, English names and Anrok\'s examples', () => {
    expect(countryCode('us')).toBe('US');
    expect(countryCode('United States')).toBe('US');
    expect(countryCode('United Kingdom')).toBe('GB');
    expect(countryCode('ENGLAND')).toBe('GB');
    expect(countryCode('UK')).toBe('GB');
    expect(countryCode('germany')).toBe('DE');
    expect(countryCode('Atlantis')).toBeUndefined();
  });
});

describe('levyAddress', () => {
  it('maps the current form, with region names to codes in the US and Canada', () => {
    expect(levyAddress({ country: 'CA', line1: '123 Main St', city: 'Quebec City', region: 'Quebec', postalCode: 'G1P 2J6' }, regions)).toEqual({
      country: 'CA',
      line1: '123 Main St',
      city: 'Quebec City',
      region: 'QC',
      postalCode: 'G1P 2J6',
    });
    expect(levyAddress({ country: 'AU', region: 'New South Wales', postalCode: '2321' }, regions)).toEqual({ country: 'AU', region: 'New South Wales', postalCode: '2321' });
  });

  it('maps the deprecated US form', () => {
    expect(levyAddress({ country: 'us', line1: '1 Main', city: 'Austin', state: 'texas', zipCode: '78701' }, regions)).toEqual({ country: 'US', line1: '1 Main', city: 'Austin', region: 'TX', postalCode: '78701' });
    expect(levyAddress({ zipCode: '78701' }, regions).country).toBe('US');
  });

  it('cannot resolve an address without a country it can tell', () => {
    expect(() => levyAddress({ line1: '1 Nowhere Rd' }, regions)).toThrow(AnrokConflict);
    expect(() => levyAddress({ country: 'Atlantis' }, regions)).toThrow(AnrokConflict);
  });
});
