/**
 * Loads everything a calculation needs, once: the tax content (validated
 * and compiled), the ZIP data, and any rate tables imported into the data
 * directory. The engine it returns calculates synchronously, with no I/O.
 */
import { zipIndex } from '../address/zip-index.js';
import { compileContent, type CompiledContent } from '../content/compile.js';
import { ContentError, loadContentFiles } from '../content/load.js';
import { contentProblems } from '../content/validate.js';
import { compileImported, type ImportedRates } from '../rates/imported.js';
import { readImportedTables } from '../rates/store.js';
import { calculate, calculateParsed } from './calculate.js';
import type { CalculateRequest, CalculateResponse, ParsedRequest, SellerContext } from './schemas.js';
import { prepareSeller, type PreparedSeller } from './seller.js';

export interface LoadEngineOptions {
  /** Data directory holding imported rate tables (`levy rates import`); none when omitted. */
  dataDir?: string | undefined;
  /** Tax content directory; the content shipped with Levy when omitted. */
  contentDir?: string | undefined;
}

export interface Engine {
  /**
   * Tax for one invoice. Throws a {@link TaxError} (with `code` and `param`)
   * for a request it cannot calculate; never anything else for bad input.
   *
   * The seller context is read as a value: its validated form is remembered
   * by object identity, so pass a new object when registrations, products or
   * certificates change rather than editing the one already used.
   */
  calculate(request: CalculateRequest, seller?: SellerContext | PreparedSeller): CalculateResponse;
  /** `calculate` for a request already validated against the engine's request schema (as the API's are). */
  calculateValidated(request: ParsedRequest, seller?: SellerContext | PreparedSeller): CalculateResponse;
  /** Validates and indexes a seller context once, for many calculations. */
  prepare(seller: SellerContext): PreparedSeller;
  readonly content: CompiledContent;
  readonly imported: ImportedRates;
}

/**
 * @example
 * const engine = await loadEngine();
 * const answer = engine.calculate(
 *   { date: '2026-11-15', currency: 'USD',
 *     customer: { address: { postalCode: '78701', region: 'TX', country: 'US' } },
 *     lines: [{ productId: 'saas.b2b', amount: 10000 }] },
 *   { registrations: [{ jurisdictionId: 'US-TX', effectiveDate: '2020-01-01' }] });
 * answer.tax; // 660: Texas taxes 80% of SaaS, at 8.25% in Austin
 */
export async function loadEngine(options: LoadEngineOptions = {}): Promise<Engine> {
  const raw = await loadContentFiles(options.contentDir);
  const problems = contentProblems(raw);
  if (problems.length > 0) throw new ContentError(problems);
  const zips = zipIndex();
  const content = compileContent(raw, zips);
  const tables = options.dataDir ? await readImportedTables(options.dataDir) : [];
  const imported = compileImported(tables, content, zips);
  const data = { content, zips, imported };
  return {
    calculate: (request, seller) => calculate(data, request, seller),
    calculateValidated: (request, seller) => calculateParsed(data, request, seller),
    prepare: (seller) => prepareSeller(seller),
    content,
    imported,
  };
}
