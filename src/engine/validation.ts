/**
 * zod's findings → one TaxError for the first problem, with a stable code
 * and the offending field as a dotted path, the way the API answers it.
 */
import type { z } from 'zod';
import type { ErrorCode } from '../errors/registry.js';
import { ERRORS } from '../errors/registry.js';
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
  if (fallback === 'seller_invalid') code = fallback;
  else if (custom !== undefined && custom in ERRORS) code = custom as ErrorCode;
  else if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) code = 'parameter_missing';
  const message = code === 'parameter_missing' ? `${param} is required` : `${param ?? 'the request'}: ${issue.message}`;
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
