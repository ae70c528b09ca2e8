import { describe, expect, it } from 'vitest';
import { US_STATES, zipIndex } from './zip-index.js';

describe('the ZIP index', () => {
  const zips = zipIndex();

  it('lists the US ZIP codes of every state and DC', () => {
    expect(zips.size).toBeGreaterThan(40_000);
    expect([...US_STATES].filter((s) => zips.inState(s).length === 0)).toEqual([]);
  });

  it('gives a ZIP its state, county and postal city', () => {
    expect(zips.get('78701')).toEqual({ zip: '78701', state: 'TX', city: 'Austin', county: 'Travis' });
    expect(zips.get('02108')).toMatchObject({ state: 'MA', city: 'Boston', county: 'Suffolk' });
  });

  it('names the state of any ZIP by its three-digit prefix, listed or not', () => {
    expect(zips.get('10015')).toBeUndefined();
    expect(zips.statesOfPrefix('10015')).toEqual(['NY']);
    // The data lists 96860 without a state; its prefix is Hawaii's.
    expect(zips.statesOfPrefix('96860')).toEqual(['HI']);
    for (const state of US_STATES) {
      for (const { zip } of zips.inState(state)) expect(zips.statesOfPrefix(zip)).toContain(state);
    }
  });
});
