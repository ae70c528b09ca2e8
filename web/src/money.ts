/**
 * Display of integer minor units and of shares, by string and integer math:
 * the API's cents never become floats on their way to the screen.
 */
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const usdWhole = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0, roundingMode: 'trunc' } as Intl.NumberFormatOptions);

/** "-1234567" → "-12345.67": the exact decimal, which Intl formats without passing through a float. */
export function minorToDecimal(minor: number | bigint, fractionDigits = 2): string {
  const value = BigInt(minor);
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString();
  if (fractionDigits === 0) return sign + digits;
  const padded = digits.padStart(fractionDigits + 1, '0');
  return `${sign}${padded.slice(0, -fractionDigits)}.${padded.slice(-fractionDigits)}`;
}

const formats = new Map<string, Intl.NumberFormat>();

/** Minor units of any currency, with that currency's own number of decimals (JPY none, USD two). */
export function formatMoney(minor: number | bigint, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formats.set(currency, format);
  }
  return format.format(minorToDecimal(minor, format.resolvedOptions().maximumFractionDigits ?? 2) as Intl.StringNumericLiteral);
}

/** A decimal rate string as a percentage, by moving the point: "0.0825" → "8.25%", "0.2" → "20%". */
export function formatRate(rate: string): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(rate);
  if (!match) return rate;
  const fraction = (match[3] ?? '').padEnd(2, '0');
  const whole = `${match[2] ?? ''}${fraction.slice(0, 2)}`.replace(/^0+(?=\d)/, '') || '0';
  const rest = fraction.slice(2).replace(/0+$/, '');
  return `${match[1]}${whole}${rest ? `.${rest}` : ''}%`;
}

/** Cents as US dollars: 123456 → "$1,234.56". */
export function formatUsd(minor: number | bigint): string {
  return usd.format(minorToDecimal(minor) as Intl.StringNumericLiteral);
}

/** Whole dollars for axis labels and thresholds (cents dropped, never rounded up): 10000000 → "$100,000". */
export function formatUsdWhole(minor: number): string {
  return usdWhole.format(minorToDecimal(minor) as Intl.StringNumericLiteral);
}

/** part / whole in tenths of a percent, rounded down, by integer math: (82, 100) → 820. */
export function perMille(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Number((BigInt(part) * 1000n) / BigInt(whole));
}

/** 820 → "82.0%". */
export function formatPerMille(value: number): string {
  return `${Math.trunc(value / 10)}.${value % 10}%`;
}

export function formatCount(value: number): string {
  return new Intl.NumberFormat('en-US').format(value);
}
