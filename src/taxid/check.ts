/**
 * Format checks of customers' tax ids. VAT numbers of the EU, the UK,
 * Switzerland and Norway and Australian ABNs go through jsvat-next (country
 * patterns and check digits). Other types are checked against the format
 * their tax authority publishes; Levy does not query VIES or any registry,
 * so "valid" means well-formed, not registered.
 */
import jsvat from 'jsvat-next';

export interface TaxIdCheck {
  valid: boolean;
  /** ISO country the id belongs to (GR for an EL VAT number; GB for XI). */
  country?: string | undefined;
}

const { checkVAT, countries } = jsvat;
const europe = countries.filter((c) => !['Andorra', 'Australia', 'Brazil', 'Norway', 'Russia', 'Serbia', 'Switzerland', 'United Kingdom'].includes(c.name));
const byName = (name: string) => countries.filter((c) => c.name === name);

function viaJsvat(value: string, list: typeof countries): TaxIdCheck {
  const result = checkVAT(value, list);
  return { valid: result.isValid, country: result.isValid ? result.country?.isoCode.short : undefined };
}

const compact = (value: string) => value.toUpperCase().replace(/[\s.\-/]/g, '');

/** Published formats for the types jsvat-next does not cover. */
const FORMATS = new Map<string, { pattern: RegExp; country: string }>(Object.entries({
  // Canada Revenue Agency: a 9-digit business number, with the RT program account for GST/HST.
  ca_bn: { pattern: /^\d{9}$/, country: 'CA' },
  ca_gst_hst: { pattern: /^\d{9}RT\d{4}$/, country: 'CA' },
  // Revenu Québec: 10 digits, TQ and a 4-digit file number.
  ca_qst: { pattern: /^\d{10}TQ\d{4}$/, country: 'CA' },
  // Inland Revenue: GST numbers are IRD numbers of 8 or 9 digits.
  nz_gst: { pattern: /^\d{8,9}$/, country: 'NZ' },
  // National Tax Agency: qualified invoice issuer number, T and 13 digits.
  jp_trn: { pattern: /^T\d{13}$/, country: 'JP' },
  // IRAS: GST registration numbers M + 8 digits + check letter, or a UEN.
  sg_gst: { pattern: /^(M\d{8}[A-Z]|\d{8,9}[A-Z]|[TSR]\d{2}[A-Z]{2}\d{4}[A-Z])$/, country: 'SG' },
}));

export function checkTaxId(type: string, value: string): TaxIdCheck {
  switch (type) {
    case 'eu_vat': {
      const result = viaJsvat(value, europe);
      return result;
    }
    case 'gb_vat':
      return viaJsvat(value, byName('United Kingdom'));
    case 'ch_vat':
      return viaJsvat(value, byName('Switzerland'));
    case 'no_vat': {
      // jsvat-next expects the 9 digits followed by MVA, without the NO prefix.
      const digits = compact(value).replace(/^NO/, '').replace(/MVA$/, '');
      return viaJsvat(`${digits}MVA`, byName('Norway'));
    }
    case 'au_abn':
      return viaJsvat(compact(value), byName('Australia'));
    default: {
      const format = FORMATS.get(type); // a Map: a type named like an Object method is just unknown
      if (!format) return { valid: false };
      const valid = format.pattern.test(compact(value));
      return { valid, country: valid ? format.country : undefined };
    }
  }
}
