import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalSyntaxError, parseMajorUnits } from './money.js';

const ok = (value: number) => ({ ok: true, value });

function rejects(text: string, currency: string): string {
  const result = parseMajorUnits(text, currency);
  if (result.ok) throw new Error(`${text} ${currency} was accepted as ${result.value}`);
  return result.message;
}

describe('parseMajorUnits: accepted', () => {
  it.each([
    ['1234.56', 'USD', 123456],
    ['-12.5', 'USD', -1250],
    ['12.5', 'USD', 1250],
    ['0', 'USD', 0],
    ['0.00', 'USD', 0],
    ['-0', 'USD', 0],
    ['-0.00', 'USD', 0],
    ['.5', 'USD', 50],
    ['-.05', 'USD', -5],
    ['+3.10', 'USD', 310],
    ['007.50', 'USD', 750],
    [' 19.99 ', 'USD', 1999],
    ['0.29', 'USD', 29],
    ['1.005', 'BHD', 1005],
    ['1.5', 'BHD', 1500],
    ['1500', 'JPY', 1500],
    ['12.3456', 'CLF', 123456],
    ['19.99', 'usd', 1999],
    ['90071992547409.91', 'USD', Number.MAX_SAFE_INTEGER],
    ['-90071992547409.91', 'USD', -Number.MAX_SAFE_INTEGER],
  ])('%s %s is %i minor units', (text, currency, minor) => {
    expect(parseMajorUnits(text, currency)).toEqual(ok(minor));
  });

  it('never produces negative zero', () => {
    const result = parseMajorUnits('-0.00', 'USD');
    expect(result.ok && Object.is(result.value, 0)).toBe(true);
  });

  it('keeps values exact where a double would not (0.29 * 100 is 28.999999999999996)', () => {
    for (const [text, minor] of [['0.29', 29], ['1.15', 115], ['4.35', 435], ['1.005', undefined]] as const) {
      const result = parseMajorUnits(text, 'USD');
      expect(result.ok ? result.value : undefined).toBe(minor);
    }
  });
});

describe('parseMajorUnits: refused, with what to write instead', () => {
  it('says 1234.567 has more decimals than USD has, and never rounds', () => {
    expect(rejects('1234.567', 'USD')).toBe("1234.567 has more decimals than USD's 2");
    expect(rejects('1.500', 'USD')).toBe("1.500 has more decimals than USD's 2");
    expect(rejects('1.0001', 'BHD')).toBe("1.0001 has more decimals than BHD's 3");
    expect(rejects('12.5', 'JPY')).toBe('12.5 has decimals, but JPY amounts are whole numbers');
    expect(rejects('12.0', 'JPY')).toContain('whole numbers');
  });

  it('refuses thousands separators and says how to write the amount', () => {
    expect(rejects('1,234.56', 'USD')).toBe('"1,234.56" has thousands separators; write it without them, as 1234.56');
    expect(rejects('-1,234,567.00', 'USD')).toContain('as -1234567.00');
    expect(rejects('1 234.56', 'USD')).toContain('as 1234.56');
    expect(rejects("1'234.56", 'USD')).toContain('as 1234.56');
    // Could be 1234 or 1.234: say both.
    expect(rejects('1,234', 'USD')).toBe('1,234 has a comma: write amounts without thousands separators and with a point before the decimals (1234, or 1.234 if the comma was a decimal separator)');
  });

  it('refuses decimal commas', () => {
    expect(rejects('12,50', 'EUR')).toBe('12,50 uses a comma as the decimal separator; write it with a point, as 12.50');
    expect(rejects('1.234,56', 'EUR')).toBe('1.234,56 uses points for thousands and a comma for decimals; write it as 1234.56');
  });

  it('refuses currency symbols and codes', () => {
    for (const text of ['$12.50', '-$12.50', '12.50 €', '£3', '¥1500', 'USD 12.50', '12.50USD']) {
      expect(rejects(text, 'USD')).toContain('currency symbol or code');
    }
  });

  it('refuses exponent notation', () => {
    for (const text of ['1e3', '1.2E+5', '-3.5e-2', '.5e1']) expect(rejects(text, 'USD')).toContain('exponent notation');
  });

  it('refuses accounting parentheses, typographic minus signs, trailing points and other text', () => {
    expect(rejects('(12.50)', 'USD')).toContain('write a minus sign');
    expect(rejects('−12.50', 'USD')).toContain('plain hyphen');
    expect(rejects('5.', 'USD')).toBe('5. ends with a decimal point; write 5 or add the decimals');
    for (const text of ['abc', '-', '.', '+-1', '1.2.3', '12-', 'NaN', 'Infinity', '0x10', '١٢']) {
      expect(rejects(text, 'USD')).toContain('is not an amount');
    }
    expect(rejects('', 'USD')).toContain('empty');
    expect(rejects('   ', 'USD')).toContain('empty');
  });

  it('refuses amounts beyond exact double precision', () => {
    expect(rejects('90071992547409.92', 'USD')).toContain('too large');
    expect(rejects('9007199254740992', 'JPY')).toContain('too large');
    expect(rejects('1'.repeat(41), 'JPY')).toContain('too long');
  });

  it('refuses an unknown currency', () => {
    expect(rejects('1.00', 'XYZ')).toBe('"XYZ" is not an ISO 4217 currency code Levy can import, such as USD');
    expect(rejects('1.00', 'XXX')).toContain('not an ISO 4217');
  });
});

describe('decimalSyntaxError', () => {
  it('judges only the syntax, for amounts whose currency is unknown', () => {
    expect(decimalSyntaxError('1.23456789')).toBeUndefined();
    expect(decimalSyntaxError('1,234.56')).toContain('thousands separators');
  });
});

const EXPONENTS: ReadonlyArray<[string, number]> = [['JPY', 0], ['USD', 2], ['BHD', 3], ['CLF', 4]];

/** Minor units as a spreadsheet writes them, done with BigInt so the test does not share the parser's arithmetic. */
function format(minor: bigint, exponent: number, trimZeros: boolean): string {
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  let fraction = digits.slice(digits.length - exponent);
  if (trimZeros) fraction = fraction.replace(/0+$/, '');
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

describe('parseMajorUnits: properties', () => {
  const minor = fc.bigInt({ min: -BigInt(Number.MAX_SAFE_INTEGER), max: BigInt(Number.MAX_SAFE_INTEGER) });
  const currency = fc.constantFrom(...EXPONENTS);

  it('reads back any integer amount formatted in its currency, with or without trailing zeros', () => {
    fc.assert(
      fc.property(minor, currency, fc.boolean(), (n, [code, exponent], trimZeros) => {
        expect(parseMajorUnits(format(n, exponent, trimZeros), code)).toEqual(ok(Number(n)));
      }),
      { numRuns: 2000 },
    );
  });

  it('never accepts more decimals than the currency has', () => {
    // Nine whole digits stay within the safe range in every exponent, so only the decimals decide.
    const decimal = fc.tuple(fc.stringMatching(/^-?\d{1,9}$/), fc.stringMatching(/^\d{1,8}$/)).map(([whole, fraction]) => `${whole}.${fraction}`);
    fc.assert(
      fc.property(decimal, currency, (text, [code, exponent]) => {
        const fraction = text.split('.')[1]!;
        expect(parseMajorUnits(text, code).ok).toBe(fraction.length <= exponent);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts anything only as an exact safe integer with no more decimals than allowed', () => {
    const text = fc.oneof(fc.string({ maxLength: 24 }), fc.stringMatching(/^[-+]?\d{0,18}(\.\d{0,5})?$/));
    fc.assert(
      fc.property(text, currency, (t, [code, exponent]) => {
        const result = parseMajorUnits(t, code);
        if (!result.ok) return;
        expect(Number.isSafeInteger(result.value)).toBe(true);
        const m = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(t.trim());
        expect(m).not.toBeNull();
        const fraction = m![3] ?? '';
        expect(fraction.length).toBeLessThanOrEqual(exponent);
        const magnitude = BigInt(`${m![2]}${fraction.padEnd(exponent, '0')}` || '0');
        expect(BigInt(result.value)).toBe(m![1] === '-' ? -magnitude : magnitude);
      }),
      { numRuns: 3000 },
    );
  });
});
