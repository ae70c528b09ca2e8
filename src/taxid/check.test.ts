import { describe, expect, it } from 'vitest';
import { checkTaxId } from './check.js';

describe('checkTaxId', () => {
  it('accepts well-formed VAT numbers and names their country', () => {
    expect(checkTaxId('eu_vat', 'DE136695976')).toEqual({ valid: true, country: 'DE' });
    expect(checkTaxId('eu_vat', 'de 136 695 976')).toEqual({ valid: true, country: 'DE' });
    expect(checkTaxId('eu_vat', 'EL094259216')).toEqual({ valid: true, country: 'GR' });
    expect(checkTaxId('eu_vat', 'ATU13585627')).toEqual({ valid: true, country: 'AT' });
    expect(checkTaxId('gb_vat', 'GB980780684')).toEqual({ valid: true, country: 'GB' });
    expect(checkTaxId('ch_vat', 'CHE-116.281.710 MWST')).toEqual({ valid: true, country: 'CH' });
    expect(checkTaxId('no_vat', 'NO974760673MVA')).toEqual({ valid: true, country: 'NO' });
    expect(checkTaxId('no_vat', '974760673')).toEqual({ valid: true, country: 'NO' });
    expect(checkTaxId('au_abn', '51 824 753 556')).toEqual({ valid: true, country: 'AU' });
  });

  it('refuses a bad check digit, a UK number as an EU one, and unknown types', () => {
    expect(checkTaxId('eu_vat', 'DE123456789').valid).toBe(false);
    expect(checkTaxId('eu_vat', 'GB980780684').valid).toBe(false);
    expect(checkTaxId('au_abn', '51824753557').valid).toBe(false);
    expect(checkTaxId('us_ein', '12-3456789').valid).toBe(false);
    expect(checkTaxId('valueOf', '123').valid).toBe(false);
    expect(checkTaxId('__proto__', '123').valid).toBe(false);
  });

  it('checks the published formats of other authorities', () => {
    expect(checkTaxId('ca_gst_hst', '123456789RT0001')).toEqual({ valid: true, country: 'CA' });
    expect(checkTaxId('ca_gst_hst', '123456789')).toEqual({ valid: false, country: undefined });
    expect(checkTaxId('ca_qst', '1234567890TQ0001').valid).toBe(true);
    expect(checkTaxId('jp_trn', 'T1234567890123').valid).toBe(true);
    expect(checkTaxId('sg_gst', 'M90312345A').valid).toBe(true);
    expect(checkTaxId('nz_gst', '123-456-789').valid).toBe(true);
  });
});
