/** From an API body to the engine's request: the accounting date, and the API's own fields removed. */
import type { z } from 'zod';
import { TaxError } from '../errors/tax-error.js';
import type { ParsedRequest } from '../engine/schemas.js';
import { accountingDate } from '../ledger/accounting-date.js';
import type { calculateBody } from './schemas.js';

export function dateOf(body: { date?: string | undefined; timestamp?: string | undefined }, timeZone: string): string {
  if (body.date !== undefined && body.timestamp !== undefined) throw new TaxError('parameter_invalid', 'give date or timestamp, not both', 'timestamp');
  if (body.date !== undefined) return body.date;
  if (body.timestamp !== undefined) return accountingDate(body.timestamp, timeZone);
  throw new TaxError('parameter_missing', 'date is required (or a timestamp, dated in your accounting time zone)', 'date');
}

/** The body's own validation (its schema extends the engine's) stands for the engine's. */
export function engineRequest(body: z.output<typeof calculateBody> & { id?: string; commit?: boolean }, timeZone: string): ParsedRequest {
  const request: ParsedRequest = { date: dateOf(body, timeZone), currency: body.currency, customer: body.customer, lines: body.lines };
  if (body.mode !== undefined) request.mode = body.mode;
  if (body.shipFrom !== undefined) request.shipFrom = body.shipFrom;
  if (body.discount !== undefined) request.discount = body.discount;
  return request;
}
