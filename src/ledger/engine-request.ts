/**
 * The engine's request inside an API body: the accounting date, and the
 * fields the engine reads, with the API's own (id, commit, marketplace,
 * timestamp) left out. One list, used by the first calculation and by every
 * recalculation of a recorded sale, so a field the engine learns reaches both.
 */
import { dateOf } from './accounting-date.js';

const OPTIONAL_FIELDS = ['mode', 'shipFrom', 'discount', 'exemption'] as const;

interface ApiBody {
  date?: string | undefined;
  timestamp?: string | undefined;
  currency: string;
  customer: unknown;
  lines: unknown;
}

export function engineRequestOf<R>(body: ApiBody, timeZone: string): R {
  const request: Record<string, unknown> = { date: dateOf(body, timeZone), currency: body.currency, customer: body.customer, lines: body.lines };
  for (const field of OPTIONAL_FIELDS) {
    const value = (body as unknown as Record<string, unknown>)[field];
    if (value !== undefined) request[field] = value;
  }
  return request as R;
}
