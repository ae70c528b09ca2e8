/**
 * Levy as a library: `loadEngine()` and the types of its requests and answers.
 */
export { loadEngine, type Engine, type LoadEngineOptions } from './engine/load-engine.js';
export { TaxError, type ErrorBody } from './errors/tax-error.js';
export { ERRORS, type ErrorCode } from './errors/registry.js';
export { ContentError } from './content/load.js';
export type {
  CalculateRequest,
  CalculateResponse,
  SellerContext,
  ResultLine,
  LineJurisdiction,
  Warning,
} from './engine/schemas.js';
