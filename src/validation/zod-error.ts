/**
 * zod's findings → one TaxError for the first problem, with a stable code
 * and the offending field as a dotted path, the way the API answers it.
 */
import type { z } from 'zod';
import { ERRORS, type ErrorCode } from '../errors/registry.js';
import { TaxError } from '../errors/tax-error.js';

export function zodToTaxError(error: z.ZodError, prefix: string | undefined, fallback: ErrorCode, input?: unknown): TaxError {
  const issue = error.issues[0]!;
  const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)];
  if (issue.code === 'unrecognized_keys') {
    const param = [...path, issue.keys[0]!].join('.');
    return new TaxError(fallback === 'seller_invalid' ? fallback : 'parameter_unknown', `${param} is not a field Levy knows`, param);
  }
  const param = path.join('.') || undefined;
  const custom = (issue as { params?: { code?: string } }).params?.code;
  let code: ErrorCode = fallback;
  const value = valueAt(input, issue.path);
  if (fallback === 'seller_invalid') code = fallback;
  else if (custom !== undefined && custom in ERRORS) code = custom as ErrorCode;
  // Amounts are z.int(): a fraction is the classic mistake of sending dollars, not cents.
  else if (issue.code === 'invalid_type' && issue.expected === 'int' && typeof value === 'number') code = Number.isFinite(value) && !Number.isInteger(value) ? 'amount_not_integer' : 'amount_too_large';
  else if (issue.code === 'too_big' && issue.origin === 'int') code = 'amount_too_large';
  else if (issue.code === 'invalid_format' && issue.format === 'date') code = 'date_invalid';
  else if (issue.code === 'too_small' && issue.origin === 'int') code = 'amount_too_large';
  else if (issue.code === 'invalid_type' && value === undefined) code = 'parameter_missing';
  const message =
    code === 'parameter_missing' ? `${param} is required`
    : code === 'amount_not_integer' ? `${param}: must be an integer amount in minor units (cents), got ${String(value)}`
    : code === 'amount_too_large' ? `${param}: ${String(value)} is beyond ±9007199254740991 minor units`
    : `${param ?? 'the request'}: ${issue.message}`;
  return new TaxError(code, message, param);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
