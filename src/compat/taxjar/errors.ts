/**
 * TaxJar's error shape, `{ error, detail, status }`, where `error` is the
 * HTTP reason phrase. The official client builds its TaxjarError only when
 * both `error` and `detail` are non-empty strings, so both always are.
 * Levy's own TaxErrors are translated to the status TaxJar gives for the
 * same situation.
 */
import { TaxError } from '../../errors/tax-error.js';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface TaxjarErrorBody {
  error: string;
  detail: string;
  status: number;
}

export class TaxjarError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'TaxjarError';
  }

  toJSON(): TaxjarErrorBody {
    return { error: REASONS[this.status] ?? 'Error', detail: this.detail, status: this.status };
  }
}

/**
 * A Levy error in TaxJar's terms: bad keys 401, unknown objects 404, an id
 * taken 422 (TaxJar's answer to a create whose transaction_id exists), a
 * write into a filed period or a sale that can no longer change 422 (TaxJar
 * refuses such changes as unprocessable), any other bad input 400.
 */
export function fromTaxError(error: TaxError): TaxjarError {
  const detail = error.param ? `${error.message} (${error.param})` : error.message;
  switch (error.code) {
    case 'authentication_required':
    case 'api_key_invalid':
      return new TaxjarError(401, `Not authorized: ${error.message}`);
    case 'resource_not_found':
    case 'route_not_found':
      return new TaxjarError(404, detail);
    case 'transaction_exists':
    case 'period_filed':
    case 'transaction_committed':
    case 'transaction_voided':
    case 'transaction_refunded':
    case 'transaction_not_committed':
    case 'idempotency_key_reused':
      return new TaxjarError(422, detail);
    case 'body_too_large':
      return new TaxjarError(413, detail);
    case 'unsupported_media_type':
    case 'invalid_json':
      // TaxJar answers a body that is not JSON with 406.
      return new TaxjarError(406, detail);
    case 'internal':
      return new TaxjarError(500, detail);
    default:
      return new TaxjarError(error.status >= 500 ? 500 : 400, detail);
  }
}
