/**
 * AvaTax's error envelope, `{ error: { code, message, target, details } }`:
 * its clients detect a failure by the `error` key alone, so every failure of
 * the /api/v2 routes answers it, never Levy's own shape. Levy's TaxErrors
 * are translated to the nearest AvaTax code.
 */
import { TaxError } from '../../errors/tax-error.js';
import type { ErrorCode } from '../../errors/registry.js';

/** AvaTax's ErrorCodeId numbers for the codes this layer answers. */
const NUMBERS = {
  EntityNotFoundError: 4,
  ValueRequiredError: 5,
  AuthenticationException: 30,
  AuthenticationIncomplete: 34,
  BasicAuthIncorrect: 35,
  ModelRequiredException: 38,
  ModelStateInvalid: 70,
  TransactionAlreadyCancelled: 198,
  InternalServerError: 209,
  GetTaxError: 300,
  AddressConflictException: 301,
  DocumentCodeConflict: 303,
  MissingAddress: 304,
  InvalidAddress: 309,
  MissingLine: 311,
  DocumentNotCommitted: 313,
  InvalidParameterValue: 306,
  InvalidDocumentTypeForRefund: 702,
  InvalidRefundType: 705,
  RefundLinesRequired: 704,
  LineNoOutOfRange: 707,
  RefundPercentageOutOfRange: 708,
  CannotModifyLockedTransaction: 1100,
  InvalidDocumentType: 1310,
} as const;

export type AvaTaxCode = keyof typeof NUMBERS;

export class AvaTaxError extends Error {
  constructor(
    readonly code: AvaTaxCode,
    message: string,
    readonly status: number,
    readonly refersTo?: string,
    readonly faultSubCode?: string,
  ) {
    super(message);
    this.name = 'AvaTaxError';
  }

  static invalid(message: string, refersTo?: string): AvaTaxError {
    return new AvaTaxError('ModelStateInvalid', message, 400, refersTo);
  }

  static notFound(message: string): AvaTaxError {
    return new AvaTaxError('EntityNotFoundError', message, 404);
  }

  toJSON() {
    const target = this.status === 401 ? 'HttpRequestHeaders' : this.status >= 500 ? 'AvaTaxApiServer' : this.status === 400 ? 'IncorrectData' : 'HttpRequest';
    return {
      error: {
        code: this.code,
        message: this.message,
        target,
        details: [
          {
            code: this.code,
            number: NUMBERS[this.code],
            message: this.message,
            description: this.message,
            faultCode: this.status >= 500 ? 'Server' : 'Client',
            ...(this.faultSubCode ? { faultSubCode: this.faultSubCode } : {}),
            helpLink: `http://developer.avalara.com/avatax/errors/${this.code}`,
            ...(this.refersTo ? { refersTo: this.refersTo } : {}),
            severity: 'Error',
          },
        ],
      },
    };
  }
}

/** Levy's ledger and engine errors as AvaTax would word them. */
const FROM_LEVY: Partial<Record<ErrorCode, [AvaTaxCode, number, string?]>> = {
  resource_not_found: ['EntityNotFoundError', 404],
  period_filed: ['CannotModifyLockedTransaction', 400],
  transaction_committed: ['DocumentCodeConflict', 400],
  transaction_voided: ['TransactionAlreadyCancelled', 400],
  transaction_not_committed: ['DocumentNotCommitted', 400],
  transaction_exists: ['DocumentCodeConflict', 400],
  transaction_refunded: ['CannotModifyLockedTransaction', 400],
  address_incomplete: ['InvalidAddress', 400, 'InsufficientAddressError'],
  address_mismatch: ['GetTaxError', 400, 'InvalidZipForStateError'],
  address_unresolvable: ['GetTaxError', 400, 'AddressError'],
  product_unknown: ['GetTaxError', 400, 'TaxCodeError'],
  tax_category_unknown: ['GetTaxError', 400, 'TaxCodeError'],
  refund_line_unknown: ['LineNoOutOfRange', 400],
  invalid_json: ['ModelStateInvalid', 400],
  body_too_large: ['ModelStateInvalid', 413],
  unsupported_media_type: ['ModelStateInvalid', 415],
};

/** Any error thrown inside an /api/v2 route, as an AvaTaxError (undefined: an unexpected failure). */
export function toAvaTaxError(error: unknown): AvaTaxError | undefined {
  if (error instanceof AvaTaxError) return error;
  if (error instanceof TaxError) {
    const known = FROM_LEVY[error.code];
    if (known) return new AvaTaxError(known[0], error.message, known[1], error.param, known[2]);
    if (error.status >= 500) return undefined;
    return new AvaTaxError(error.status === 401 ? 'AuthenticationException' : 'GetTaxError', error.message, error.status === 401 ? 401 : 400, error.param);
  }
  const fastify = error as { code?: string; statusCode?: number; message?: string };
  if (typeof fastify.code === 'string' && fastify.code.startsWith('FST_ERR_CTP')) {
    return new AvaTaxError('ModelStateInvalid', `the request body is not valid JSON: ${fastify.message ?? ''}`, fastify.statusCode ?? 400);
  }
  if (error instanceof SyntaxError) return new AvaTaxError('ModelStateInvalid', `the request body is not valid JSON: ${error.message}`, 400);
  return undefined;
}
