/**
 * AvaTax REST v2 compatibility, driven over real HTTP by the unmodified
 * `avatax` npm client with its base URL pointed at Levy.
 */
import avatax from 'avatax';
import type * as AvaTaxModule from 'avatax/lib/AvaTaxClient.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMajorUnits } from '../../src/imports/money.js';
import { testApi, type Client, type TestApi } from '../helpers/api.js';

let api: TestApi;
let base: string;

beforeAll(async () => {
  api = await testApi();
  base = await api.listen();
});
afterAll(async () => api.close());

/** An AvaTax decimal amount in cents, read exactly from its text. */
function cents(amount: number): number {
  const parsed = parseMajorUnits(String(amount), 'USD');
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

/** The package is CommonJS whose `module.exports` is the client class; its typings describe an ES default export. */
const Avatax = avatax as unknown as typeof AvaTaxModule.default.default;
type AvaClient = InstanceType<typeof AvaTaxModule.default.default>;

/** The official client with Basic credentials: username `<sellerId>/<keyId>`, password the secret. */
function clientFor(key: string): AvaClient {
  const [username, secret] = key.split('/secret.') as [string, string];
  return new Avatax({ appName: 'levy-test', appVersion: '1.0', machineName: 'test', environment: base }).withSecurity({ username, password: secret });
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; details: Array<Record<string, unknown>> }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected an AvaTax error');
}

const AUSTIN = { line1: '100 Congress Ave', city: 'Austin', region: 'TX', country: 'US', postalCode: '78701' };
const SEATTLE = { line1: '400 Pine St', city: 'Seattle', region: 'WA', country: 'US', postalCode: '98101' };

function invoice(code: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'SalesInvoice',
    companyCode: 'DEFAULT',
    code,
    date: '2026-11-15',
    customerCode: 'C-42',
    currencyCode: 'USD',
    addresses: { shipFrom: SEATTLE, shipTo: AUSTIN },
    lines: [
      { number: '1', quantity: 2, amount: 123.45, taxCode: 'P0000000', description: 'Widget' },
      { number: '2', amount: 100, taxCode: 'SW054000' },
    ],
    ...extra,
  };
}

async function registeredSeller(): Promise<{ s: Client; ava: AvaClient }> {
  const s = await api.seller();
  await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01' });
  return { s, ava: clientFor(s.key) };
}

describe('AvaTax REST v2 (/api/v2) with the official client', () => {
  it('ping answers authenticated true or false, never an error', async () => {
    const s = await api.seller();
    expect((await clientFor(s.key).ping()) as unknown).toMatchObject({ authenticated: true, authenticationType: 'AccountIdLicenseKey' });
    const whole = new Avatax({ appName: 'a', appVersion: '1', machineName: 'm', environment: base }).withSecurity({ username: s.key, password: 'x' });
    expect((await whole.ping()).authenticated).toBe(true);
    expect((await clientFor(s.key.replace(/.{4}$/, 'AAAA')).ping()).authenticated).toBe(false);
    const anonymous = new Avatax({ appName: 'a', appVersion: '1', machineName: 'm', environment: base });
    expect((await anonymous.ping()) as unknown).toMatchObject({ authenticated: false, authenticationType: 'None' });
  });

  it('refuses wrong or missing credentials with AvaTax\'s 401 envelope', async () => {
    const s = await api.seller();
    const bad = clientFor(s.key.replace(/.{4}$/, 'AAAA'));
    const error = await failure(bad.createTransaction({ model: invoice('x') as never }));
    expect(error.code).toBe('AuthenticationException');
    expect(error.details[0]).toMatchObject({ number: 30, faultCode: 'Client', severity: 'Error' });
    const raw = await fetch(`${base}/api/v2/transactions/create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(raw.status).toBe(401);
    expect(((await raw.json()) as any).error.code).toBe('AuthenticationIncomplete');
    const notBasic = await fetch(`${base}/api/v2/companies/DEFAULT/transactions/x`, { headers: { authorization: 'Digest abc' } });
    expect(notBasic.status).toBe(401);
    expect(((await notBasic.json()) as any).error.code).toBe('BasicAuthIncorrect');
  });

  it('a SalesOrder is a quote: nothing stored, and the same tax to the cent as POST /v1/tax/calculate', async () => {
    const { s, ava } = await registeredSeller();
    const quote = (await ava.createTransaction({ model: invoice('Q-1', { type: 'SalesOrder' }) as never })) as any;
    const native = await s.call('POST', '/v1/tax/calculate', {
      date: '2026-11-15',
      currency: 'USD',
      customer: { id: 'C-42', address: { line1: AUSTIN.line1, city: AUSTIN.city, region: 'TX', postalCode: '78701', country: 'US' } },
      shipFrom: { line1: SEATTLE.line1, city: SEATTLE.city, region: 'WA', postalCode: '98101', country: 'US' },
      lines: [
        { id: '1', productId: 'goods.general', amount: 12345, quantity: 2, description: 'Widget' },
        { id: '2', productId: 'saas.b2b', amount: 10000 },
      ],
    });
    expect(native.status).toBe(200);
    expect(native.body.tax).toBeGreaterThan(0);
    expect(quote).toMatchObject({ id: 0, status: 'Temporary', type: 'SalesOrder', code: 'Q-1', totalAmount: 223.45 });
    expect(cents(quote.totalTax)).toBe(native.body.tax);
    expect(cents(quote.totalTaxable)).toBe(native.body.taxableAmount);
    const line = quote.lines[0];
    expect(line).toMatchObject({ lineNumber: '1', lineAmount: 123.45, taxCode: 'P0000000', quantity: 2, description: 'Widget' });
    expect(cents(line.tax)).toBe(native.body.lines[0].tax);
    const state = line.details.find((d: any) => d.jurisType === 'STA');
    expect(state).toMatchObject({ jurisdictionType: 'State', jurisName: expect.any(String), rate: 0.0625, taxableAmount: 123.45, taxName: expect.any(String) });
    expect(cents(state.tax)).toBe(native.body.lines[0].jurisdictions.find((j: any) => j.level === 'state').tax);
    expect(quote.summary.find((r: any) => r.jurisType === 'State')).toMatchObject({ rate: 0.0625 });
    expect(quote.summary.reduce((a: number, r: any) => a + cents(r.tax), 0)).toBe(native.body.tax);
    expect((await s.call('GET', '/v1/transactions/Q-1')).status).toBe(404);
    const missing = await failure(ava.getTransactionByCode({ companyCode: 'DEFAULT', transactionCode: 'Q-1' }));
    expect(missing.code).toBe('EntityNotFoundError');
  });

  it('stores a SalesInvoice; get with $include, commit, adjust, void; the ledger agrees', async () => {
    const { s, ava } = await registeredSeller();
    const saved = (await ava.createTransaction({ model: invoice('INV-1') as never })) as any;
    expect(saved).toMatchObject({ code: 'INV-1', status: 'Saved', type: 'SalesInvoice', version: 1 });
    expect(saved.id).toBeGreaterThan(0);
    const ledger = (await s.call('GET', '/v1/transactions/INV-1')).body;
    expect(ledger).toMatchObject({ status: 'uncommitted', type: 'sale' });
    expect(cents(saved.totalTax)).toBe(ledger.tax);

    const header = (await ava.getTransactionByCode({ companyCode: s.id, transactionCode: 'INV-1', include: 'Summary' })) as any;
    expect(header.lines[0].details.length).toBeGreaterThan(0);
    expect(header.summary.length).toBeGreaterThan(0);
    const linesOnly = (await ava.getTransactionByCode({ companyCode: 'DEFAULT', transactionCode: 'INV-1', include: 'Lines' })) as any;
    expect(linesOnly.lines[0].details).toBeUndefined();
    expect(linesOnly.summary).toBeUndefined();

    const committed = (await ava.commitTransaction({ companyCode: 'DEFAULT', transactionCode: 'INV-1', model: { commit: true } })) as any;
    expect(committed).toMatchObject({ status: 'Committed', totalTax: saved.totalTax });
    expect((await s.call('GET', '/v1/transactions/INV-1')).body.status).toBe('committed');

    const adjusted = (await ava.adjustTransaction({
      companyCode: 'DEFAULT',
      transactionCode: 'INV-1',
      model: { adjustmentReason: 'PriceAdjusted', adjustmentDescription: 'price drop', newTransaction: invoice('INV-1', { lines: [{ number: '1', amount: 50, taxCode: 'P0000000' }], commit: true }) } as never,
    })) as any;
    expect(adjusted).toMatchObject({ status: 'Adjusted', version: 2, adjustmentReason: 'PriceAdjusted', totalAmount: 50 });
    const after = (await s.call('GET', '/v1/transactions/INV-1')).body;
    expect(after).toMatchObject({ status: 'committed', version: 2, subtotal: 5000 });
    expect(cents(adjusted.totalTax)).toBe(after.tax);

    const voided = (await ava.voidTransaction({ companyCode: 'DEFAULT', transactionCode: 'INV-1', model: { code: 'DocVoided' } as never })) as any;
    expect(voided.status).toBe('Cancelled');
    expect((await s.call('GET', '/v1/transactions/INV-1')).body.status).toBe('voided');
    expect((await failure(ava.voidTransaction({ companyCode: 'DEFAULT', transactionCode: 'INV-1', model: { code: 'DocVoided' } as never }))).code).toBe('TransactionAlreadyCancelled');
    expect((await failure(ava.commitTransaction({ companyCode: 'DEFAULT', transactionCode: 'NOPE', model: { commit: true } }))).code).toBe('EntityNotFoundError');
  });

  it('a committed code cannot be created again; an Idempotency-Key replays the first answer; unsupported endpoints answer AvaTax\'s 404', async () => {
    const { s, ava } = await registeredSeller();
    await ava.createTransaction({ model: invoice('INV-9', { commit: true }) as never });
    expect((await failure(ava.createTransaction({ model: invoice('INV-9', { commit: true }) as never }))).code).toBe('DocumentCodeConflict');
    const [username, secret] = s.key.split('/secret.') as [string, string];
    const headers = { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${username}:${secret}`).toString('base64')}`, 'idempotency-key': 'k-1' };
    const send = () => fetch(`${base}/api/v2/transactions/create`, { method: 'POST', headers, body: JSON.stringify(invoice('INV-10', { commit: true })) });
    const first = await send();
    const second = await send();
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual(await first.json());
    const uncommit = await fetch(`${base}/api/v2/companies/DEFAULT/transactions/INV-10/uncommit`, { method: 'POST', headers, body: '{}' });
    expect(uncommit.status).toBe(404);
    expect(((await uncommit.json()) as any).error.code).toBe('EntityNotFoundError');
  });

  it('commit: true creates it committed; createoradjust creates, then adjusts', async () => {
    const { s, ava } = await registeredSeller();
    const created = (await ava.createOrAdjustTransaction({ model: { createTransactionModel: invoice('INV-2', { commit: true }) } as never })) as any;
    expect(created).toMatchObject({ status: 'Committed', version: 1 });
    const again = (await ava.createOrAdjustTransaction({ model: { adjustmentReason: 'Other', createTransactionModel: invoice('INV-2', { commit: true, lines: [{ number: '1', amount: 10, taxCode: 'P0000000' }] }) } as never })) as any;
    expect(again).toMatchObject({ status: 'Adjusted', version: 2, totalAmount: 10 });
    expect((await s.call('GET', '/v1/transactions/INV-2')).body).toMatchObject({ version: 2, subtotal: 1000 });
  });

  it('refunds: Full, Partial and Percentage against the original; errors for unknown lines and types', async () => {
    const { s, ava } = await registeredSeller();
    const sale = (await ava.createTransaction({ model: invoice('INV-3', { commit: true }) as never })) as any;
    const partial = (await ava.refundTransaction({
      companyCode: 'DEFAULT',
      transactionCode: 'INV-3',
      model: { refundTransactionCode: 'INV-3-R1', refundDate: '2026-11-20', refundType: 'Partial', refundLines: ['2'] } as never,
    })) as any;
    expect(partial).toMatchObject({ code: 'INV-3-R1', type: 'ReturnInvoice', status: 'Committed', totalAmount: -100, referenceCode: 'INV-3' });
    expect(cents(partial.totalTax)).toBe(-cents(sale.lines[1].tax));
    const pct = (await ava.refundTransaction({
      companyCode: 'DEFAULT',
      transactionCode: 'INV-3',
      model: { refundTransactionCode: 'INV-3-R2', refundDate: '2026-11-21', refundType: 'Percentage', refundPercentage: 10, refundLines: ['1'] } as never,
    })) as any;
    expect(pct.totalAmount).toBe(-12.35);
    expect((await s.call('GET', '/v1/transactions/INV-3-R2')).body).toMatchObject({ type: 'refund', originalId: 'INV-3', subtotal: -1235 });
    expect((await failure(ava.refundTransaction({ companyCode: 'DEFAULT', transactionCode: 'INV-3', model: { refundDate: '2026-11-21', refundType: 'Partial', refundLines: ['9'] } as never }))).code).toBe('LineNoOutOfRange');
    expect((await failure(ava.refundTransaction({ companyCode: 'DEFAULT', transactionCode: 'INV-3', model: { refundDate: '2026-11-21', refundType: 'TaxOnly' } as never }))).code).toBe('InvalidRefundType');
    expect((await failure(ava.refundTransaction({ companyCode: 'DEFAULT', transactionCode: 'INV-404', model: { refundDate: '2026-11-21', refundType: 'Full' } as never }))).code).toBe('EntityNotFoundError');
    const full = (await ava.refundTransaction({ companyCode: 'DEFAULT', transactionCode: 'INV-3', model: { refundTransactionCode: 'INV-3-R3', refundDate: '2026-11-22', refundType: 'Full' } as never })) as any;
    const ledger = (await s.call('GET', '/v1/transactions/INV-3')).body;
    expect(ledger.refunds).toHaveLength(3);
    const refunded = [partial, pct, full].reduce((a, r) => a + cents(r.totalTax), 0);
    expect(refunded).toBe(-ledger.tax);
  });

  it('a ReturnInvoice refunds the sale its referenceCode names, or stands alone as a negative invoice at the TaxDate override', async () => {
    const { s, ava } = await registeredSeller();
    await ava.createTransaction({ model: invoice('INV-4', { commit: true }) as never });
    const ret = (await ava.createTransaction({
      model: invoice('RET-4', { type: 'ReturnInvoice', referenceCode: 'INV-4', date: '2026-11-25', commit: true, lines: [{ number: '2', amount: -100, taxCode: 'SW054000' }], taxOverride: { type: 'TaxDate', taxDate: '2026-11-15', reason: 'return' } }) as never,
    })) as any;
    expect(ret).toMatchObject({ type: 'ReturnInvoice', status: 'Committed', totalAmount: -100 });
    expect((await s.call('GET', '/v1/transactions/RET-4')).body).toMatchObject({ type: 'refund', originalId: 'INV-4', date: '2026-11-25' });
    const loose = (await ava.createTransaction({
      model: invoice('RET-5', { type: 'ReturnInvoice', date: '2026-11-25', commit: true, lines: [{ number: '1', amount: -40, taxCode: 'P0000000' }], taxOverride: { type: 'TaxDate', taxDate: '2026-11-10' } }) as never,
    })) as any;
    expect(loose).toMatchObject({ type: 'ReturnInvoice', totalAmount: -40, taxDate: '2026-11-10' });
    expect(loose.totalTax).toBeLessThan(0);
    const got = (await ava.getTransactionByCode({ companyCode: 'DEFAULT', transactionCode: 'RET-5' })) as any;
    expect(got).toMatchObject({ type: 'ReturnInvoice', status: 'Committed', totalTax: loose.totalTax });
    expect((await failure(ava.createTransaction({ model: invoice('RET-6', { type: 'ReturnInvoice', referenceCode: 'INV-4', lines: [{ number: '7', amount: -1, taxCode: 'P0000000' }] }) as never }))).code).toBe('LineNoOutOfRange');
  });

  it('entityUseCode and exemptionNo exempt the transaction; itemCode maps through product external ids', async () => {
    const { s, ava } = await registeredSeller();
    const exempt = (await ava.createTransaction({ model: invoice('Q-E', { type: 'SalesOrder', entityUseCode: 'E' }) as never })) as any;
    expect(exempt).toMatchObject({ totalTax: 0, totalExempt: 223.45, entityUseCode: 'E' });
    expect(exempt.lines[0].details.find((d: any) => d.jurisType === 'STA').exemptAmount).toBe(123.45);
    const byNumber = (await ava.createTransaction({ model: invoice('Q-N', { type: 'SalesOrder', exemptionNo: 'CERT-1' }) as never })) as any;
    expect(byNumber.totalTax).toBe(0);
    await s.call('PUT', '/v1/products/exempt-thing', { taxCategory: 'nontaxable', externalIds: ['SKU-NT'] });
    const byItem = (await ava.createTransaction({ model: invoice('Q-I', { type: 'SalesOrder', lines: [{ number: '1', amount: 10, itemCode: 'SKU-NT', taxCode: 'P0000000' }] }) as never })) as any;
    expect(byItem).toMatchObject({ totalTax: 0, lines: [expect.objectContaining({ itemCode: 'SKU-NT' })] });
    const mixed = await failure(ava.createTransaction({ model: invoice('Q-M', { type: 'SalesOrder', lines: [{ number: '1', amount: 10, entityUseCode: 'E' }, { number: '2', amount: 10 }] }) as never }));
    expect(mixed.code).toBe('ModelStateInvalid');
  });

  it('an invoice\'s entityUseCode and exemptionNo are recorded with the transaction, as a transaction exemption', async () => {
    const { s, ava } = await registeredSeller();
    const recorded = (await ava.createTransaction({ model: invoice('INV-E', { entityUseCode: 'G', exemptionNo: 'RESALE-7' }) as never })) as any;
    expect(recorded).toMatchObject({ totalTax: 0, entityUseCode: 'G', exemptNo: 'RESALE-7' });
    const stored = await s.call('GET', '/v1/transactions/INV-E');
    expect(stored.body).toMatchObject({ tax: 0, exemptions: [{ kind: 'transaction_exempt', reason: 'resale', number: 'RESALE-7', jurisdictions: expect.arrayContaining(['US-TX']) }] });
  });

  it('discounted lines share the document discount; taxIncluded backs tax out; line addresses must agree', async () => {
    const { s, ava } = await registeredSeller();
    const all = (await ava.createTransaction({ model: invoice('Q-D', { type: 'SalesOrder', discount: 23.45, lines: [{ number: '1', amount: 123.45, taxCode: 'P0000000', discounted: true }, { number: '2', amount: 100, taxCode: 'P0000000', discounted: true }] }) as never })) as any;
    const native = await s.call('POST', '/v1/tax/calculate', { date: '2026-11-15', currency: 'USD', discount: 2345, customer: { address: { postalCode: '78701', region: 'TX', city: 'Austin', line1: AUSTIN.line1, country: 'US' } }, shipFrom: { line1: SEATTLE.line1, city: SEATTLE.city, region: 'WA', postalCode: '98101', country: 'US' }, lines: [{ id: '1', productId: 'goods.general', amount: 12345 }, { id: '2', productId: 'goods.general', amount: 10000 }] });
    expect(cents(all.totalTax)).toBe(native.body.tax);
    expect(all.totalDiscount).toBe(23.45);
    const some = (await ava.createTransaction({ model: invoice('Q-D2', { type: 'SalesOrder', discount: 20, lines: [{ number: '1', amount: 100, taxCode: 'P0000000', discounted: true }, { number: '2', amount: 100, taxCode: 'P0000000' }] }) as never })) as any;
    expect(some.totalTaxable).toBe(180);
    const included = (await ava.createTransaction({ model: invoice('Q-T', { type: 'SalesOrder', lines: [{ number: '1', amount: 108.25, taxCode: 'P0000000', taxIncluded: true }] }) as never })) as any;
    expect(included.lines[0].taxIncluded).toBe(true);
    expect(cents(included.totalTax) + cents(included.totalTaxable)).toBe(10825);
    const sameLines = (await ava.createTransaction({ model: { ...invoice('Q-L', { type: 'SalesOrder' }), addresses: undefined, lines: [{ number: '1', amount: 10, addresses: { singleLocation: AUSTIN } }, { number: '2', amount: 10, addresses: { singleLocation: AUSTIN } }] } as never })) as any;
    expect(sameLines.totalTax).toBeGreaterThan(0);
    const conflict = await failure(ava.createTransaction({ model: invoice('Q-X', { type: 'SalesOrder', lines: [{ number: '1', amount: 10 }, { number: '2', amount: 10, addresses: { shipTo: SEATTLE } }] }) as never }));
    expect(conflict.code).toBe('AddressConflictException');
  });

  it('refuses unknown companies, unknown tax codes, malformed bodies and over-precise amounts in AvaTax\'s shape', async () => {
    const { s, ava } = await registeredSeller();
    const company = await failure(ava.createTransaction({ model: invoice('E-1', { companyCode: 'ACME' }) as never }));
    expect(company.code).toBe('EntityNotFoundError');
    expect((await failure(ava.getTransactionByCode({ companyCode: 'ACME', transactionCode: 'E-1' }))).code).toBe('EntityNotFoundError');
    const taxCode = await failure(ava.createTransaction({ model: invoice('E-2', { lines: [{ number: '1', amount: 10, taxCode: 'PZZZ' }] }) as never }));
    expect(taxCode).toMatchObject({ code: 'GetTaxError' });
    expect(taxCode.details[0]).toMatchObject({ refersTo: 'lines.0.taxCode', number: 300 });
    const noDate = await failure(ava.createTransaction({ model: { ...invoice('E-3'), date: undefined } as never }));
    expect(noDate.code).toBe('ValueRequiredError');
    const cents = await failure(ava.createTransaction({ model: invoice('E-4', { lines: [{ number: '1', amount: 10.005 }] }) as never }));
    expect(cents).toMatchObject({ code: 'ModelStateInvalid' });
    const [username, secret] = s.key.split('/secret.') as [string, string];
    const raw = await fetch(`${base}/api/v2/transactions/create`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${username}:${secret}`).toString('base64')}` }, body: '{"type": ' });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as any).error.code).toBe('ModelStateInvalid');
    const keysInAnyCase = (await ava.createTransaction({ model: { Type: 0, Date: '2026-11-15', CustomerCode: 'c', Addresses: { SingleLocation: AUSTIN }, Lines: [{ Amount: 10 }] } as never })) as any;
    expect(keysInAnyCase.totalTax).toBeGreaterThan(0);
  });

  it('an adjustment of a committed sale in a filed period is refused as a locked transaction', async () => {
    const s = await api.seller();
    await s.call('PUT', '/v1/registrations/US-TX', { effectiveDate: '2020-01-01', filingFrequency: 'quarterly' });
    const ava = clientFor(s.key);
    await ava.createTransaction({ model: invoice('OLD-1', { date: '2025-08-10', commit: true }) as never });
    expect((await s.call('POST', '/v1/returns/US-TX/2025-Q3/file', { filedAt: '2025-10-20' })).status).toBe(200);
    const locked = await failure(ava.adjustTransaction({ companyCode: 'DEFAULT', transactionCode: 'OLD-1', model: { adjustmentReason: 'Other', newTransaction: invoice('OLD-1', { date: '2025-08-10', commit: true, lines: [{ number: '1', amount: 1 }] }) } as never }));
    expect(locked.code).toBe('CannotModifyLockedTransaction');
    expect((await failure(ava.voidTransaction({ companyCode: 'DEFAULT', transactionCode: 'OLD-1', model: { code: 'DocVoided' } as never }))).code).toBe('CannotModifyLockedTransaction');
  });

  it('tax rates by address and by postal code, and address resolution, from the engine', async () => {
    const { s, ava } = await registeredSeller();
    const byAddress = (await ava.taxRatesByAddress({ line1: AUSTIN.line1, city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' })) as any;
    expect(byAddress.rates.find((r: any) => r.type === 'State')).toMatchObject({ rate: 0.0625 });
    expect(byAddress.totalRate).toBe(0.0825);
    const byZip = (await ava.taxRatesByPostalCode({ country: 'US', postalCode: '78701' })) as any;
    expect(byZip.totalRate).toBe(byAddress.totalRate);
    expect((await failure(ava.taxRatesByPostalCode({ country: 'US', postalCode: '' }))).code).toBe('ValueRequiredError');
    const resolved = (await ava.resolveAddressPost({ model: { line1: AUSTIN.line1, city: 'austin', region: 'tx', postalCode: '78701', country: 'US' } as never })) as any;
    expect(resolved).toMatchObject({ resolutionQuality: 'PostalCentroidGood', validatedAddresses: [expect.objectContaining({ region: 'TX', postalCode: '78701' })], messages: [] });
    expect(resolved.taxAuthorities.map((t: any) => t.jurisdictionType)).toContain('State');
    const unknown = (await ava.resolveAddress({ line1: 'x', city: 'Nowhere', region: 'ZZ', postalCode: '00000', country: 'US' } as never)) as any;
    expect(unknown.messages[0]).toMatchObject({ severity: 'Error' });
    void s;
  });
});
