/**
 * Worked examples: one invoice per rule, with the figures worked out by hand
 * from the law the content cites. Names state the situation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type CalculateRequest, type CalculateResponse, type Engine, type SellerContext } from '../src/index.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const AUSTIN = { line1: '1 Main St', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' };
const everywhere = (...ids: string[]): SellerContext['registrations'] => ids.map((jurisdictionId) => ({ jurisdictionId, effectiveDate: '2020-01-01' }));

function calc(request: Partial<CalculateRequest> & Pick<CalculateRequest, 'lines'>, seller: SellerContext = {}): CalculateResponse {
  return engine.calculate({ date: '2026-11-15', currency: 'USD', customer: { address: AUSTIN }, ...request }, seller);
}

const taxes = (answer: CalculateResponse, line = 0) => Object.fromEntries(answer.lines[line]!.jurisdictions.map((j) => [j.id, j.tax]));

describe('US: destination, origin, partial base, business-only, no sales tax', () => {
  const tx = { registrations: everywhere('US-TX') };

  it('Texas taxes 80% of a SaaS price, at the state rate and Austin\'s city and transit rates', () => {
    const a = calc({ lines: [{ productId: 'saas.b2b', amount: 10000 }] }, tx);
    // base 8000: state 6.25% = 500, Austin 1% = 80, Capital Metro 1% = 80
    expect(taxes(a)).toEqual({ 'US-TX': 500, 'US-TX-CITY-AUSTIN': 80, 'US-TX-SPECIAL-CAPMETRO': 80 });
    expect(a.lines[0]).toMatchObject({ amount: 10000, taxableAmount: 8000, nonTaxableAmount: 2000, exemptAmount: 0, tax: 660 });
    expect(a.lines[0]!.jurisdictions[0]).toMatchObject({ rate: '0.0625', rule: expect.stringContaining('80%'), ref: expect.stringContaining('151.351') });
    expect(a.address).toMatchObject({ resolution: 'zip5', county: 'Travis', city: 'Austin' });
  });

  it('reproduces the API contract\'s example: discount spread 1000/500, consulting not taxed in Texas', () => {
    const seller: SellerContext = {
      ...tx,
      products: [
        { id: 'b2b-saas', taxCategory: 'saas.b2b', externalIds: ['prod_9f'] },
        { id: 'onboarding', taxCategory: 'services.professional' },
      ],
    };
    const a = calc({ customer: { id: 'cus_42', type: 'business', address: AUSTIN }, lines: [{ id: '1', productId: 'prod_9f', amount: 10000, quantity: 1 }, { id: '2', productId: 'onboarding', amount: 5000, taxIncluded: false }], discount: 1500 }, seller);
    expect(a).toMatchObject({ subtotal: 15000, discount: 1500, taxableAmount: 7200, nonTaxableAmount: 6300, exemptAmount: 0, tax: 594, total: 14094 });
    expect(a.lines[0]).toMatchObject({ id: '1', productId: 'b2b-saas', amount: 9000, discount: 1000, taxableAmount: 7200, nonTaxableAmount: 1800, tax: 594 });
    expect(a.lines[1]).toMatchObject({ id: '2', amount: 4500, discount: 500, taxableAmount: 0, nonTaxableAmount: 4500, tax: 0, jurisdictions: [] });
    // Austin and Capital Metro follow Texas: the state's entry says why, once.
    expect(a.lines[1]!.notTaxed).toEqual([expect.objectContaining({ id: 'US-TX', reason: 'not_taxable', rule: expect.stringContaining('professional') })]);
    expect(a.jurisdictions.find((j) => j.id === 'US-TX')).toMatchObject({ level: 'state', taxableAmount: 7200, tax: 450 });
  });

  it('an in-state Texas seller ships from Houston: local tax is Houston\'s (origin sourcing)', () => {
    const a = calc({ shipFrom: { region: 'TX', postalCode: '77002', country: 'US' }, lines: [{ productId: 'goods.general', amount: 10000 }] }, tx);
    expect(taxes(a)).toEqual({ 'US-TX': 625, 'US-TX-CITY-HOUSTON': 100, 'US-TX-SPECIAL-HOUSTON-METRO': 100 });
    expect(a.address.sourcing).toBe('origin');
  });

  it('a ship-from address with only a ZIP code is enough to source at the origin', () => {
    const a = calc({ shipFrom: { postalCode: '77002', country: 'US' }, lines: [{ productId: 'goods.general', amount: 10000 }] }, tx);
    expect(Object.keys(taxes(a))).toEqual(['US-TX', 'US-TX-CITY-HOUSTON', 'US-TX-SPECIAL-HOUSTON-METRO']);
  });

  it('a seller shipping from another state: destination sourcing', () => {
    const a = calc({ shipFrom: { region: 'CA', postalCode: '94105', country: 'US' }, lines: [{ productId: 'goods.general', amount: 10000 }] }, tx);
    expect(Object.keys(taxes(a))).toEqual(['US-TX', 'US-TX-CITY-AUSTIN', 'US-TX-SPECIAL-CAPMETRO']);
    expect(a.address.sourcing).toBeUndefined();
  });

  it('Washington is destination-based even in-state: a Spokane seller charges Seattle\'s rate', () => {
    const a = calc({ customer: { address: { region: 'WA', postalCode: '98101', country: 'US' } }, shipFrom: { region: 'WA', postalCode: '99201', country: 'US' }, lines: [{ productId: 'goods.general', amount: 10000 }] }, { registrations: everywhere('US-WA') });
    // 6.5% + Seattle 2.65% + Sound Transit 1.4% = 10.55%
    expect(taxes(a)).toEqual({ 'US-WA': 650, 'US-WA-CITY-SEATTLE': 265, 'US-WA-SPECIAL-SOUND-TRANSIT': 140 });
  });

  it('California is hybrid: a San Francisco seller charges the statewide 7.25% and Los Angeles\'s district taxes', () => {
    const a = calc({ customer: { address: { region: 'CA', postalCode: '90012', country: 'US' } }, shipFrom: { region: 'CA', postalCode: '94105', country: 'US' }, lines: [{ productId: 'goods.general', amount: 10000 }] }, { registrations: everywhere('US-CA') });
    expect(taxes(a)).toEqual({ 'US-CA': 725, 'US-CA-SPECIAL-LA-COUNTY': 250 });
    expect(a.address.sourcing).toBe('hybrid');
  });

  it('Ohio taxes SaaS bought for use in business, not for personal use', () => {
    const columbus = { region: 'OH', postalCode: '43215', country: 'US' };
    const business = calc({ customer: { type: 'business', address: columbus }, lines: [{ productId: 'saas.b2b', amount: 10000 }] }, { registrations: everywhere('US-OH') });
    expect(business.tax).toBe(800); // 5.75% + Franklin County 1.25% + COTA 1%
    const personal = calc({ customer: { type: 'individual', address: columbus }, lines: [{ productId: 'saas.b2c', amount: 10000 }] }, { registrations: everywhere('US-OH') });
    expect(personal.tax).toBe(0);
    expect(personal.lines[0]!.notTaxed.map((n) => [n.id, n.reason])).toContainEqual(['US-OH', 'not_taxable']);
  });

  it('Connecticut taxes SaaS at 1% for business use and 6.35% for personal use', () => {
    const hartford = { region: 'CT', postalCode: '06103', country: 'US' };
    const seller = { registrations: everywhere('US-CT') };
    expect(calc({ customer: { type: 'business', address: hartford }, lines: [{ productId: 'saas.b2b', amount: 10000 }] }, seller).lines[0]!.jurisdictions[0]).toMatchObject({ rate: '0.01', tax: 100 });
    expect(calc({ customer: { type: 'individual', address: hartford }, lines: [{ productId: 'saas.b2c', amount: 10000 }] }, seller).lines[0]!.jurisdictions[0]).toMatchObject({ rate: '0.0635', tax: 635 });
  });

  it('Oregon has no sales tax, and says so', () => {
    const a = calc({ customer: { address: { region: 'OR', postalCode: '97201', country: 'US' } }, lines: [{ productId: 'goods.general', amount: 10000 }] }, { registrations: everywhere('US-OR') });
    expect(a.tax).toBe(0);
    expect(a.lines[0]!.notTaxed).toEqual([expect.objectContaining({ id: 'US-OR', reason: 'no_sales_tax' })]);
  });

  it('a ZIP Levy has no local rates for, in a state with local taxes, is flagged', () => {
    const a = calc({ customer: { address: { region: 'TX', postalCode: '76801', country: 'US' } }, mode: 'estimate', lines: [{ productId: 'goods.general', amount: 10000 }] });
    expect(taxes(a)).toEqual({ 'US-TX': 625 });
    expect(a.warnings).toContainEqual(expect.objectContaining({ code: 'local_rates_missing', param: 'customer.address.postalCode' }));
    const boston = calc({ customer: { address: { region: 'MA', postalCode: '02108', country: 'US' } }, mode: 'estimate', lines: [{ productId: 'goods.general', amount: 10000 }] });
    expect(boston.warnings).toEqual([]); // Massachusetts has no local sales taxes
  });

  it('Louisiana\'s rate went from 4.45% to 5% on 2025-01-01, and an invoice uses its own date\'s rate', () => {
    const nola = { customer: { address: { region: 'LA', postalCode: '70112', country: 'US' } }, mode: 'estimate' as const, lines: [{ productId: 'goods.general', amount: 10000 }] };
    expect(calc({ ...nola, date: '2024-12-31' }).lines[0]!.jurisdictions[0]).toMatchObject({ id: 'US-LA', rate: '0.0445', tax: 445 });
    expect(calc({ ...nola, date: '2025-01-01' }).lines[0]!.jurisdictions[0]).toMatchObject({ id: 'US-LA', rate: '0.05', tax: 500 });
  });

  it('Chicago taxes cloud software under its own lease tax, which a state registration does not cover', () => {
    const chicago = { customer: { address: { region: 'IL', postalCode: '60601', country: 'US' } }, lines: [{ productId: 'saas.b2b', amount: 10000 }] };
    const stateOnly = calc(chicago, { registrations: everywhere('US-IL') });
    expect(stateOnly.tax).toBe(0);
    expect(stateOnly.notCollected).toEqual([expect.objectContaining({ id: 'US-IL-SPECIAL-CHICAGO-PPLTT', tax: 1500, reason: 'not_registered' })]);
    expect(calc(chicago, { registrations: everywhere('US-IL', 'US-IL-SPECIAL-CHICAGO-PPLTT') }).tax).toBe(1500);
  });

  it('Denver is home-rule: its city tax needs a Denver licence', () => {
    const a = calc({ customer: { address: { region: 'CO', postalCode: '80202', country: 'US' } }, lines: [{ productId: 'goods.general', amount: 10000 }] }, { registrations: everywhere('US-CO') });
    const denver = a.lines[0]!.jurisdictions.find((j) => j.id === 'US-CO-CITY-DENVER')!;
    expect(denver).toMatchObject({ collect: false, tax: 0 });
    expect(denver.notCollectedTax).toBeGreaterThan(0);
    expect(a.lines[0]!.jurisdictions.find((j) => j.id === 'US-CO')).toMatchObject({ collect: true, tax: 290 });
  });
});

describe('registrations', () => {
  const saas = { lines: [{ productId: 'saas.b2b', amount: 10000 }] };

  it('where the seller is not registered nothing is collected, and the would-be tax is reported', () => {
    const a = calc(saas);
    expect(a.tax).toBe(0);
    expect(a.lines[0]!.jurisdictions.every((j) => !j.collect && j.tax === 0)).toBe(true);
    expect(a.notCollected).toEqual([
      { id: 'US-TX', name: 'Texas', level: 'state', taxableAmount: 8000, tax: 500, reason: 'not_registered' },
      { id: 'US-TX-CITY-AUSTIN', name: 'Austin', level: 'city', taxableAmount: 8000, tax: 80, reason: 'not_registered' },
      { id: 'US-TX-SPECIAL-CAPMETRO', name: expect.any(String), level: 'special', taxableAmount: 8000, tax: 80, reason: 'not_registered' },
    ]);
  });

  it('a registration counts from its effective date on', () => {
    const seller = { registrations: [{ jurisdictionId: 'US-TX', effectiveDate: '2026-12-01' }] };
    expect(calc(saas, seller).tax).toBe(0);
    expect(calc({ ...saas, date: '2026-12-01' }, seller).tax).toBe(660);
  });

  it('estimate mode collects everywhere', () => {
    expect(calc({ ...saas, mode: 'estimate' }).tax).toBe(660);
  });
});

describe('exemptions', () => {
  const seller: SellerContext = {
    registrations: everywhere('US-TX'),
    customers: [{ id: 'school', exempt: true }],
    certificates: [
      { id: 'cert-tx', customerId: 'reseller', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2025-01-01', expirationDate: '2027-12-31' },
      { id: 'cert-old', customerId: 'lapsed', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2020-01-01', expirationDate: '2025-12-31' },
      { id: 'cert-archived', customerId: 'archived', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2020-01-01', archived: true },
      { id: 'cert-pending', customerId: 'pending', jurisdictions: ['US-TX'], reason: 'resale', effectiveDate: '2020-01-01', status: 'pending_review' },
      { id: 'cert-ca', customerId: 'californian', jurisdictions: ['US-CA'], reason: 'resale', effectiveDate: '2020-01-01' },
    ],
  };
  const sale = (customerId: string) => calc({ customer: { id: customerId, address: AUSTIN }, lines: [{ productId: 'saas.b2b', amount: 10000 }] }, seller);

  it('an exempt customer pays nothing; the exempt amount is what would have been taxed', () => {
    const a = sale('school');
    expect(a.lines[0]).toMatchObject({ tax: 0, taxableAmount: 0, exemptAmount: 8000, nonTaxableAmount: 2000 });
    expect(a.exemptions).toEqual([{ kind: 'customer_exempt', jurisdictions: ['US-TX', 'US-TX-CITY-AUSTIN', 'US-TX-SPECIAL-CAPMETRO'] }]);
  });

  it('a certificate for the state covers its locals, and the answer names it', () => {
    const a = sale('reseller');
    expect(a.tax).toBe(0);
    expect(a.exemptions).toEqual([{ kind: 'certificate', certificateId: 'cert-tx', jurisdictions: ['US-TX', 'US-TX-CITY-AUSTIN', 'US-TX-SPECIAL-CAPMETRO'] }]);
    expect(a.lines[0]!.jurisdictions[0]).toMatchObject({ exemption: 'certificate', rule: expect.stringContaining('cert-tx') });
  });

  it.each([
    ['an expired certificate', 'lapsed'],
    ['an archived certificate', 'archived'],
    ['a submission still pending review', 'pending'],
    ['a certificate for another state', 'californian'],
  ])('%s does not exempt', (_name, customer) => {
    expect(sale(customer)).toMatchObject({ tax: 660, exemptions: [] });
  });
});

describe('VAT and GST', () => {
  const fromUs = { region: 'CA', postalCode: '94105', country: 'US' };
  const berlin = { city: 'Berlin', postalCode: '10117', country: 'DE' };
  const oss = { registrations: [{ jurisdictionId: 'EU-OSS', effectiveDate: '2021-07-01' }] };

  it('B2B into the EU with a valid VAT number: reverse charge, no VAT', () => {
    const a = calc({ currency: 'EUR', shipFrom: fromUs, customer: { type: 'business', taxIds: [{ type: 'eu_vat', value: 'DE136695976' }], address: berlin }, lines: [{ productId: 'saas.b2b', amount: 10000 }] }, oss);
    expect(a.lines[0]).toMatchObject({ tax: 0, exemptAmount: 10000 });
    expect(a.lines[0]!.jurisdictions[0]).toMatchObject({ id: 'DE', exemption: 'reverse_charge', rule: expect.stringContaining('reverse charge') });
    expect(a.exemptions).toEqual([{ kind: 'reverse_charge', taxId: 'DE136695976', jurisdictions: ['DE'] }]);
  });

  it('B2C SaaS into the EU is taxed at the customer\'s country rate under the One-Stop Shop', () => {
    const a = calc({ currency: 'EUR', shipFrom: fromUs, customer: { type: 'individual', address: berlin }, lines: [{ productId: 'saas.b2c', amount: 10000 }] }, oss);
    expect(a.lines[0]!.jurisdictions[0]).toMatchObject({ id: 'DE', taxName: 'VAT', rate: '0.19', tax: 1900, collect: true });
    const france = calc({ currency: 'EUR', shipFrom: fromUs, customer: { address: { country: 'FR' } }, lines: [{ productId: 'saas.b2c', amount: 10000 }] }, oss);
    expect(france.tax).toBe(2000);
  });

  it('a VAT number that fails its check digit is a consumer, with a warning', () => {
    const a = calc({ currency: 'EUR', shipFrom: fromUs, customer: { type: 'business', taxIds: [{ type: 'eu_vat', value: 'DE123456789' }], address: berlin }, lines: [{ productId: 'saas.b2b', amount: 10000 }] }, oss);
    expect(a.tax).toBe(1900);
    expect(a.warnings).toContainEqual(expect.objectContaining({ code: 'tax_id_invalid', param: 'customer.taxIds.0.value' }));
  });

  it('consulting for a consumer is taxed where the supplier is established: none in Germany for a US supplier', () => {
    const a = calc({ currency: 'EUR', shipFrom: fromUs, customer: { type: 'individual', address: berlin }, lines: [{ productId: 'services.professional', amount: 10000 }] }, oss);
    expect(a.tax).toBe(0);
    expect(a.lines[0]!.notTaxed).toEqual([expect.objectContaining({ id: 'DE', reason: 'place_of_supply' })]);
  });

  it('a German supplier charges German VAT to a German business (no reverse charge at home)', () => {
    const a = calc({ currency: 'EUR', shipFrom: { country: 'DE' }, customer: { type: 'business', taxIds: [{ type: 'eu_vat', value: 'DE136695976' }], address: berlin }, lines: [{ productId: 'services.professional', amount: 10000 }] }, { registrations: everywhere('DE') });
    expect(taxes(a)).toEqual({ DE: 1900 });
    expect(a.exemptions).toEqual([]);
  });

  it('Germany charged 16% from July to December 2020', () => {
    const a = calc({ date: '2020-08-15', currency: 'EUR', shipFrom: { country: 'DE' }, customer: { address: berlin }, lines: [{ productId: 'goods.general', amount: 10000 }] }, { registrations: everywhere('DE') });
    expect(a.lines[0]!.jurisdictions[0]).toMatchObject({ rate: '0.16', tax: 1600 });
  });

  it('a tax-included German price of 119.00 is 100.00 plus 19.00 VAT', () => {
    const a = calc({ currency: 'EUR', shipFrom: fromUs, customer: { address: berlin }, lines: [{ productId: 'saas.b2c', amount: 11900, taxIncluded: true }] }, oss);
    expect(a.lines[0]).toMatchObject({ amount: 10000, tax: 1900, taxIncluded: true });
    expect(a.total).toBe(11900);
  });

  it('Ontario: one HST of 13% under the federal registration', () => {
    const a = calc({ currency: 'CAD', shipFrom: fromUs, customer: { address: { region: 'ON', postalCode: 'M5V 2T6', country: 'CA' } }, lines: [{ productId: 'saas.b2c', amount: 10000 }] }, { registrations: everywhere('CA') });
    expect(taxes(a)).toEqual({ 'CA-ON': 1300 });
    expect(a.lines[0]!.jurisdictions[0]).toMatchObject({ taxName: 'HST', collect: true });
  });

  it('Quebec: GST 5% and QST 9.975%, each rounded on its own', () => {
    const a = calc({ currency: 'CAD', shipFrom: fromUs, customer: { address: { postalCode: 'H2X 1Y4', country: 'CA' } }, lines: [{ productId: 'saas.b2c', amount: 10000 }] }, { registrations: everywhere('CA', 'CA-QC') });
    expect(taxes(a)).toEqual({ CA: 500, 'CA-QC': 998 }); // 997.5 rounds half up
    expect(a.address.region).toBe('QC'); // from the postal code's first letter
  });

  it('British Columbia: GST collected, PST reported as not collected without a BC registration', () => {
    const a = calc({ currency: 'CAD', shipFrom: fromUs, customer: { address: { region: 'BC', postalCode: 'V6B 1A1', country: 'CA' } }, lines: [{ productId: 'saas.b2c', amount: 10000 }] }, { registrations: everywhere('CA') });
    expect(a.tax).toBe(500);
    expect(a.notCollected).toEqual([expect.objectContaining({ id: 'CA-BC', tax: 700 })]);
  });

  it('a Canadian business with a GST/HST number is not charged by a simplified-regime vendor', () => {
    const a = calc({ currency: 'CAD', shipFrom: fromUs, customer: { type: 'business', taxIds: [{ type: 'ca_gst_hst', value: '123456789RT0001' }], address: { region: 'AB', postalCode: 'T2P 1J9', country: 'CA' } }, lines: [{ productId: 'saas.b2b', amount: 10000 }] }, { registrations: everywhere('CA') });
    expect(a.tax).toBe(0);
    expect(a.exemptions).toEqual([expect.objectContaining({ kind: 'reverse_charge', jurisdictions: ['CA'] })]);
  });

  it('Japan: consumption tax on yen, a currency without minor units', () => {
    const a = calc({ currency: 'JPY', shipFrom: fromUs, customer: { address: { country: 'JP' } }, lines: [{ productId: 'digital.goods', amount: 1234 }] }, { registrations: everywhere('JP') });
    expect(a.lines[0]!.jurisdictions[0]).toMatchObject({ id: 'JP', rate: '0.1', tax: 123 });
  });

  it('a country Levy has no content for: no tax, and a warning that says why', () => {
    const a = calc({ currency: 'BRL', customer: { address: { country: 'BR' } }, lines: [{ productId: 'saas.b2b', amount: 10000 }] });
    expect(a.tax).toBe(0);
    expect(a.warnings).toContainEqual(expect.objectContaining({ code: 'jurisdiction_not_covered' }));
    expect(a.lines[0]!.notTaxed).toEqual([expect.objectContaining({ id: 'BR', reason: 'not_covered' })]);
  });
});

describe('money', () => {
  const tx = { registrations: everywhere('US-TX') };

  it('rounds each jurisdiction\'s tax on each line half up: 3-digit currencies too', () => {
    // 1.000 KWD of goods in Austin: 62.5 → 63, 10, 10
    const a = calc({ currency: 'KWD', lines: [{ productId: 'goods.general', amount: 1000 }] }, tx);
    expect(taxes(a)).toEqual({ 'US-TX': 63, 'US-TX-CITY-AUSTIN': 10, 'US-TX-SPECIAL-CAPMETRO': 10 });
  });

  it('a tax-included price splits back exactly: 108.25 in Austin is 100.00 plus 8.25', () => {
    const a = calc({ lines: [{ productId: 'goods.general', amount: 10825, taxIncluded: true }] }, tx);
    expect(a.lines[0]).toMatchObject({ amount: 10000, tax: 825 });
    expect(taxes(a)).toEqual({ 'US-TX': 625, 'US-TX-CITY-AUSTIN': 100, 'US-TX-SPECIAL-CAPMETRO': 100 });
  });

  it('a negative line is a line discount and takes its tax back', () => {
    const a = calc({ lines: [{ id: 'plan', productId: 'saas.b2b', amount: 10000 }, { id: 'promo', productId: 'saas.b2b', amount: -1000 }] }, tx);
    expect(a.lines.map((l) => l.tax)).toEqual([660, -66]);
    expect(a.tax).toBe(594);
  });

  it('an unknown product falls back to the default product when the seller says so, with a warning', () => {
    const a = calc({ lines: [{ productId: 'price_unknown', amount: 10000 }] }, { ...tx, products: [{ id: 'default', taxCategory: 'goods.general' }], settings: { unknownProduct: 'default', defaultProductId: 'default' } });
    expect(a.lines[0]).toMatchObject({ productId: 'default', taxCategory: 'goods.general', tax: 825 });
    expect(a.warnings).toContainEqual(expect.objectContaining({ code: 'default_product_used', param: 'lines.0.productId' }));
  });

  it('a ZIP code missing from the postal data still finds its state by its prefix', () => {
    const a = calc({ customer: { address: { region: 'NY', postalCode: '10015', country: 'US' } }, mode: 'estimate', lines: [{ productId: 'goods.general', amount: 10000 }] });
    expect(a.address).toMatchObject({ region: 'NY', resolution: 'zip3' });
    expect(taxes(a)).toEqual({ 'US-NY': 400 });
    expect(a.warnings).toContainEqual(expect.objectContaining({ code: 'zip_not_found' }));
  });
});
