import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngine, type Engine } from '../engine/load-engine.js';
import { registrationScope, reportedOn } from './scope.js';

let engine: Engine;
beforeAll(async () => {
  engine = await loadEngine();
});

const q3 = { start: '2026-07-01', end: '2026-09-30' };
const scope = (id: string, held: string[] = [id], period = q3) => registrationScope(engine.content, id, period, new Set(held));

describe('what a return outside the US covers', () => {
  it('Canada\'s GST/HST return carries the GST and the harmonized provinces; a PST or QST registration has a return of its own', () => {
    expect(scope('CA')).toEqual({ registrationId: 'CA', name: 'Canada', currency: 'CAD', covers: ['CA', 'CA-NB', 'CA-NL', 'CA-NS', 'CA-ON', 'CA-PE'] });
    expect(scope('CA-BC')).toMatchObject({ currency: 'CAD', covers: ['CA-BC'] });
    expect(scope('CA-QC')).toMatchObject({ covers: ['CA-QC'] });
    expect(scope('GB')).toMatchObject({ currency: 'GBP', covers: ['GB'] });
    expect(scope('DE')).toMatchObject({ currency: 'EUR', covers: ['DE'] });
  });

  it('the EU one-stop shop carries the member states of the period, in euro, less those the seller is registered in itself', () => {
    const oss = scope('EU-OSS');
    expect(oss).toMatchObject({ currency: 'EUR' });
    expect(oss!.covers).toHaveLength(27);
    expect(oss!.covers).not.toContain('GB');
    expect(scope('EU-OSS', ['EU-OSS'], { start: '2020-10-01', end: '2020-12-31' })!.covers).toContain('GB');
    expect(scope('EU-OSS', ['EU-OSS', 'DE', 'FR'])!.covers).toHaveLength(25);
  });

  it('has none for a US state, an unknown id, or a province reported on another return, and says which', () => {
    expect(scope('US-TX')).toBeUndefined();
    expect(scope('XX')).toBeUndefined();
    expect(scope('CA-ON')).toBeUndefined();
    expect(reportedOn(engine.content, 'CA-ON')).toBe('CA');
    expect(reportedOn(engine.content, 'CA-BC')).toBeUndefined();
  });
});
