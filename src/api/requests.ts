/** From an API body to the engine's request: the accounting date, and the API's own fields removed. */
import type { z } from 'zod';
import type { ParsedRequest } from '../engine/schemas.js';
import { dateOf } from '../ledger/accounting-date.js';
import { engineRequestOf } from '../ledger/engine-request.js';
import type { calculateBody } from './schemas.js';

export { dateOf };

/** The body's own validation (its schema extends the engine's) stands for the engine's. */
export function engineRequest(body: z.output<typeof calculateBody> & { id?: string; commit?: boolean }, timeZone: string): ParsedRequest {
  return engineRequestOf<ParsedRequest>(body, timeZone);
}
