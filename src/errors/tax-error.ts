import { ERRORS, type ErrorCode, type ErrorType } from './registry.js';

export interface ErrorBody {
  error: { type: ErrorType; code: ErrorCode; message: string; param?: string };
}

/**
 * An error a caller can act on: a stable code, the offending field as a
 * dotted path (`lines.2.amount`) and a message naming the values involved.
 * Never carries a stack into an answer.
 */
export class TaxError extends Error {
  readonly type: ErrorType;
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly param?: string,
  ) {
    super(message);
    this.name = 'TaxError';
    this.type = ERRORS[code].type;
    this.status = ERRORS[code].status;
  }

  toJSON(): ErrorBody {
    return {
      error: {
        type: this.type,
        code: this.code,
        message: this.message,
        ...(this.param !== undefined ? { param: this.param } : {}),
      },
    };
  }
}
