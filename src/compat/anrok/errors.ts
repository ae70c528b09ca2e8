/**
 * Anrok's two error shapes: a 400 whose body is a JSON string
 * (`"Request body: \"lineItems\": Required."`) for a body it cannot read, and
 * a 409 `{ "type": ... }` for a request it understood but cannot carry out.
 * Levy's own errors (TaxError) are translated here, so a client written for
 * Anrok sees only the types it already handles.
 */
import type { z } from 'zod';
import { TaxError } from '../../errors/tax-error.js';

/** A 409 in Anrok's shape; `extra` adds fields beside `type` (productExternalId ...). */
export class AnrokConflict extends Error {
  constructor(
    readonly type: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(type);
    this.name = 'AnrokConflict';
  }

  body(): Record<string, unknown> {
    return { type: this.type, ...this.extra };
  }
}

/** A 400 (or 401) whose answer is one message string. */
export class AnrokBadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'AnrokBadRequest';
  }
}

/** Anrok writes a path as quoted segments: `Request body: "filter": "status": Invalid enum value.` */
export function requestBodyMessage(path: ReadonlyArray<PropertyKey>, message: string): string {
  const where = path.map((p) => `"${String(p)}": `).join('');
  const text = message.endsWith('.') ? message : `${message}.`;
  return `Request body: ${where}${text}`;
}

/** The first problem zod found, in Anrok's words where Anrok has some ("Required"). */
export function fromZod(error: z.ZodError): AnrokBadRequest {
  const issue = error.issues[0]!;
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  return new AnrokBadRequest(requestBodyMessage(issue.path, missing ? 'Required' : issue.message));
}

const ADDRESS_CODES = new Set(['address_incomplete', 'address_mismatch', 'address_unresolvable', 'postal_code_invalid']);

/**
 * A Levy error as Anrok would answer it. `context` supplies what the
 * translation needs from the request (the line's product id).
 */
export function fromTaxError(error: TaxError, context: { productIdOfLine?: (index: number) => string | undefined } = {}): AnrokConflict | AnrokBadRequest {
  if (ADDRESS_CODES.has(error.code)) return new AnrokConflict('customerAddressCouldNotResolve');
  switch (error.code) {
    case 'product_unknown':
    case 'default_product_missing': {
      const index = Number(/^lines\.(\d+)\./.exec(error.param ?? '')?.[1]);
      return new AnrokConflict('productExternalIdUnknown', { productExternalId: context.productIdOfLine?.(index) ?? null });
    }
    case 'tax_category_unknown':
      return new AnrokConflict('productTaxCategoryNotSupportedForJuris');
    case 'currency_unknown':
      return new AnrokConflict('currencyCodeNotSupported');
    case 'time_zone_unknown':
      return new AnrokConflict('accountingTimeZoneNotSupported');
    case 'period_filed':
      return new AnrokConflict('transactionFrozenForFiling');
    case 'transaction_exists':
      return new AnrokConflict('duplicateTransactionId');
    case 'jurisdiction_unknown':
      return new AnrokConflict('jurisNotFound');
    case 'authentication_required':
    case 'api_key_invalid':
      return new AnrokBadRequest(error.message, 401);
  }
  if (error.status === 400) return new AnrokBadRequest(requestBodyMessage(paramPath(error.param), error.message));
  // Levy refusals Anrok has no word for keep Levy's code, in Anrok's shape.
  return new AnrokConflict(camelCase(error.code), { message: error.message });
}

/** Levy's dotted param (`lines.2.amount`) in Anrok's field names. */
function paramPath(param: string | undefined): string[] {
  if (!param) return [];
  const names: Record<string, string> = { lines: 'lineItems', productId: 'productExternalId', customer: 'customerAddress', currency: 'currencyCode', date: 'accountingDate', taxIncluded: 'isTaxIncludedInAmount' };
  const parts = param.split('.');
  if (parts[0] === 'customer' && parts[1] === 'address') parts.splice(1, 1);
  if (parts[0] === 'customer' && parts[1] === 'taxIds') parts.splice(0, 2, 'customerTaxIds');
  return parts.map((p) => names[p] ?? p);
}

export function camelCase(code: string): string {
  return code.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}
