import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type Engine } from '../../index.js';
import { prepareSeller } from '../../engine/seller.js';
import { includeOf } from './answer.js';
import { canonicalKeys, createTransactionModel, readModel } from './model.js';
import { categoryOfTaxCode, toSaleBody } from './request.js';
import { decodeCode, refundLines } from './routes.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const AUSTIN = { postalCode: '78701', region: 'tx', country: 'USA' };
const model = (extra: Record<string, unknown> = {}) =>
  readModel(createTransactionModel, { type: 'SalesInvoice', code: 'I-1', date: '2026-11-15', customerCode: 'C', addresses: { shipTo: AUSTIN }, lines: [{ number: 'a', amount: 10.5, taxCode: 'SW054000' }], ...extra });

describe('AvaTax requests as Levy transactions', () => {
  it('reads keys in any case and enums by number', () => {
    expect(canonicalKeys({ SingleLocation: { PostalCode: '1' }, x: 1 })).toEqual({ singleLocation: { postalCode: '1' }, x: 1 });
    expect(readModel(createTransactionModel, { Type: 5, Date: '2026-01-01', CustomerCode: 7, Lines: [{ Amount: 1 }] })).toMatchObject({ type: 'ReturnInvoice', customerCode: '7' });
    expect(readModel(createTransactionModel, { date: '2026-01-01', customerCode: 'c', lines: [{ amount: 1 }] }).type).toBe('SalesOrder');
  });

  it('maps tax codes to categories, amounts to minor units, and the one ship-to', () => {
    expect(categoryOfTaxCode(engine.content, 'p0000000')).toBe('goods.general');
    expect(categoryOfTaxCode(engine.content, 'NOPE')).toBeUndefined();
    const mapped = toSaleBody(model(), 'I-1', prepareSeller({}), engine.content);
    expect(mapped.body).toMatchObject({ id: 'I-1', currency: 'USD', customer: { id: 'C', address: { country: 'US', region: 'TX', postalCode: '78701' } }, lines: [{ id: 'a', productId: 'saas.b2b', amount: 1050 }] });
    expect(mapped.body.exemption).toBeUndefined();
  });

  it('uses a product when itemCode names one, and the default category when nothing does', () => {
    const seller = prepareSeller({ products: [{ id: 'p1', taxCategory: 'nontaxable', externalIds: ['SKU'] }] });
    const mapped = toSaleBody(model({ lines: [{ amount: 1, itemCode: 'SKU', taxCode: 'P0000000' }, { amount: 2 }] }), 'I', seller, engine.content);
    expect(mapped.body.lines.map((l) => l.productId)).toEqual(['SKU', 'goods.general']);
  });

  it('splits a discount over the discounted lines only, exactly', () => {
    const mapped = toSaleBody(model({ discount: 0.01, lines: [{ amount: 1, discounted: true }, { amount: 1, discounted: true }, { amount: 5 }] }), 'I', prepareSeller({}), engine.content);
    expect(mapped.body.lines.map((l) => l.amount).reduce((a, b) => a + b, 0)).toBe(699);
    expect(mapped.body.discount).toBeUndefined();
    const all = toSaleBody(model({ discount: 1, lines: [{ amount: 3, discounted: true }] }), 'I', prepareSeller({}), engine.content);
    expect(all.body).toMatchObject({ discount: 100, lines: [{ amount: 300 }] });
  });

  it('claims an exemption for this transaction by entity use code or certificate number, in the body it records', () => {
    const claim = (extra: Record<string, unknown>) => toSaleBody(model(extra), 'I', prepareSeller({}), engine.content).body.exemption;
    expect(claim({ entityUseCode: 'G' })).toEqual({ reason: 'resale' });
    expect(claim({ customerUsageType: 'A', exemptionNo: ' X1 ' })).toEqual({ reason: 'government', number: 'X1' });
    expect(claim({ exemptionNo: 'X1' })).toEqual({ reason: 'other', number: 'X1' });
    expect(claim({ entityUseCode: 'Q' })).toEqual({ reason: 'other' });
    expect(claim({ entityUseCode: 'TAXABLE' })).toBeUndefined();
    expect(claim({ lines: [{ amount: 1, entityUseCode: 'E' }, { amount: 2, entityUseCode: 'E' }] })).toEqual({ reason: 'nonprofit' });
  });

  it('refuses what Levy cannot honour, naming the field', () => {
    const refuse = (extra: Record<string, unknown>) => () => toSaleBody(model(extra), 'I', prepareSeller({}), engine.content);
    expect(refuse({ lines: [{ amount: 1, taxCode: 'BOGUS' }] })).toThrow(expect.objectContaining({ code: 'GetTaxError', refersTo: 'lines.0.taxCode' }));
    expect(refuse({ taxOverride: { type: 'TaxAmount', taxAmount: 1 } })).toThrow(expect.objectContaining({ refersTo: 'taxOverride.type' }));
    expect(refuse({ addresses: undefined })).toThrow(expect.objectContaining({ code: 'MissingAddress' }));
    expect(refuse({ addresses: { shipTo: { country: 'Narnia', postalCode: '1' } } })).toThrow(expect.objectContaining({ code: 'InvalidAddress' }));
  });

  it('takes a TaxDate override as the date of the calculation', () => {
    const mapped = toSaleBody(model({ type: 'ReturnInvoice', taxOverride: { type: 'TaxDate', taxDate: '2025-01-02T00:00:00' } }), 'I', prepareSeller({}), engine.content);
    expect(mapped.body.date).toBe('2025-01-02');
  });

  it('reads $include, path escapes and refund types', () => {
    expect(includeOf('Summary')).toEqual({ lines: true, details: true, summary: true });
    expect(includeOf('Lines')).toEqual({ lines: true, details: false, summary: false });
    expect(decodeCode('INV_-ava2f-_1')).toBe('INV/1');
    const original = { lines: [{ id: '1', amount: 1001 }, { id: '2', amount: 500 }] } as never;
    expect(refundLines({ refundDate: '2026-01-01', refundType: 'Percentage', refundPercentage: 50 }, original)).toEqual([{ id: '1', amount: 501 }, { id: '2', amount: 250 }]);
    expect(refundLines({ refundDate: '2026-01-01', refundType: 'Full' }, original)).toBeUndefined();
  });
});
