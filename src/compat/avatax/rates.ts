/**
 * AvaTax's free rate lookups and address resolution, answered from an
 * estimate of Levy's engine: one line of general goods at the address, in
 * estimate mode (taxed everywhere, registered or not), so the rates are
 * exactly those the engine would apply to goods sold there.
 */
import type { Engine } from '../../engine/load-engine.js';
import type { CalculateResponse } from '../../engine/schemas.js';
import type { PreparedSeller } from '../../engine/seller.js';
import { formatDecimal, parseDecimal, sum } from '../../money/decimal.js';
import { toAvaTaxError } from './errors.js';
import type { AddressInfo } from './model.js';
import { DEFAULT_CATEGORY, levyAddress } from './request.js';

const JURISDICTION_TYPE = { country: 'Country', state: 'State', county: 'County', city: 'City', special: 'Special' } as const;

function estimate(engine: Engine, seller: PreparedSeller, address: AddressInfo, date: string): CalculateResponse {
  return engine.calculate(
    { date, currency: 'USD', mode: 'estimate', customer: { address: levyAddress(address, 'address') }, lines: [{ id: '1', productId: DEFAULT_CATEGORY, amount: 100_000 }] },
    seller,
  );
}

/** TaxRateModel: the rate of each jurisdiction and their exact total. */
export function taxRatesAt(engine: Engine, seller: PreparedSeller, address: AddressInfo, date: string) {
  const line = estimate(engine, seller, address, date).lines[0]!;
  const total = sum(line.jurisdictions.map((j) => parseDecimal(j.rate)));
  return {
    totalRate: Number(formatDecimal(total)),
    rates: line.jurisdictions.map((j) => ({ rate: Number(j.rate), name: j.taxName, type: JURISDICTION_TYPE[j.level] })),
  };
}

const QUALITY = { zip5: 'PostalCentroidGood', zip3: 'RegionCentroid', region: 'RegionCentroid', country: 'CountryCentroid' } as const;

/** AddressResolutionModel: an address that cannot be placed answers 200 with an Error message, as AvaTax does. */
export function resolveAddress(engine: Engine, seller: PreparedSeller, address: AddressInfo, date: string) {
  const echo = { line1: address.line1 ?? '', line2: address.line2 ?? '', line3: address.line3 ?? '', city: address.city ?? '', region: address.region ?? '', country: address.country ?? 'US', postalCode: address.postalCode ?? '' };
  let result: CalculateResponse;
  try {
    result = estimate(engine, seller, address, date);
  } catch (error) {
    const known = toAvaTaxError(error);
    if (!known) throw error;
    return {
      address: echo,
      validatedAddresses: [{ ...echo, addressType: 'UnknownAddressType' }],
      resolutionQuality: 'NotCoded',
      taxAuthorities: [],
      messages: [{ summary: known.message, details: known.message, refersTo: 'Address', severity: 'Error', source: 'Levy' }],
    };
  }
  const found = result.address;
  return {
    address: echo,
    validatedAddresses: [
      {
        ...echo,
        addressType: 'UnknownAddressType',
        city: found.city ? found.city.toUpperCase() : echo.city,
        region: found.region ?? echo.region,
        country: found.country,
        postalCode: found.postalCode ?? echo.postalCode,
      },
    ],
    resolutionQuality: QUALITY[found.resolution],
    taxAuthorities: result.lines[0]!.jurisdictions.map((j) => ({ avalaraId: j.id, jurisdictionName: j.name, jurisdictionType: JURISDICTION_TYPE[j.level], signatureCode: '' })),
    messages: [],
  };
}


