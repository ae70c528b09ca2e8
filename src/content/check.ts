/**
 * `levy content check`: load and validate the content, then summarise it so
 * a reviewer sees at a glance what Levy knows.
 */
import { ContentError, loadContentFiles, type RawContent } from './load.js';
import { contentProblems } from './validate.js';

export interface ContentSummary {
  files: number;
  categories: number;
  usStates: number;
  usStatesWithoutSalesTax: string[];
  usLocals: number;
  countries: number;
  provinces: number;
  unions: number;
  datedEntries: number;
}

/** Loads `dir` and throws {@link ContentError} listing every problem found. */
export async function checkContent(dir?: string): Promise<{ raw: RawContent; summary: ContentSummary }> {
  const raw = await loadContentFiles(dir);
  const problems = contentProblems(raw);
  if (problems.length > 0) throw new ContentError(problems);
  return { raw, summary: summarize(raw) };
}

function summarize(raw: RawContent): ContentSummary {
  const docs = raw.jurisdictions.map((j) => j.doc);
  const states = docs.filter((d) => d.level === 'state' && d.id.startsWith('US-'));
  let datedEntries = 0;
  for (const d of docs) {
    datedEntries += d.rates.length + (d.sourcing?.length ?? 0) + (d.streamlined?.length ?? 0);
    for (const entries of Object.values(d.taxability ?? {})) datedEntries += entries.length;
  }
  return {
    files: raw.jurisdictions.length + raw.unions.length + 1,
    categories: raw.categories.doc.length,
    usStates: states.length,
    usStatesWithoutSalesTax: states.filter((s) => s.rates.every((r) => !/[1-9]/.test(r.rate))).map((s) => s.id),
    usLocals: docs.filter((d) => d.id.startsWith('US-') && d.level !== 'state').length,
    countries: docs.filter((d) => d.level === 'country').length,
    provinces: docs.filter((d) => d.level === 'state' && !d.id.startsWith('US-')).length,
    unions: raw.unions.length,
    datedEntries,
  };
}

export { ContentError };
