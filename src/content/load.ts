/**
 * Reads `content/` into validated values. Nothing here knows tax rules: it
 * parses YAML strictly (duplicate keys are errors), checks each file against
 * its schema and reports every problem with the file and key path, so a
 * content author fixes all of them in one pass.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  categoriesFile,
  jurisdictionFile,
  unionFile,
  type CategoryEntry,
  type JurisdictionFile,
  type UnionFile,
} from './schema.js';

export interface SourceFile<T> {
  /** Path relative to the content directory, with forward slashes. */
  file: string;
  doc: T;
}

export interface RawContent {
  dir: string;
  categories: SourceFile<CategoryEntry[]>;
  jurisdictions: SourceFile<JurisdictionFile>[];
  unions: SourceFile<UnionFile>[];
}

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`tax content is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`);
    this.name = 'ContentError';
  }
}

/** The content shipped with Levy, next to `src/` and `dist/`. */
export const defaultContentDir = fileURLToPath(new URL('../../content/', import.meta.url));

export async function loadContentFiles(dir: string = defaultContentDir): Promise<RawContent> {
  const problems: string[] = [];
  const files = (await yamlFilesUnder(dir)).sort();
  let categories: SourceFile<CategoryEntry[]> | undefined;
  const jurisdictions: SourceFile<JurisdictionFile>[] = [];
  const unions: SourceFile<UnionFile>[] = [];

  for (const path of files) {
    const file = relative(dir, path).split(sep).join('/');
    const data = parseYaml(file, await readFile(path, 'utf8'), problems);
    if (data === undefined) continue;
    if (file === 'categories.yaml') {
      const doc = check(file, categoriesFile, data, problems);
      if (doc) categories = { file, doc: doc.categories };
    } else if (isRecord(data) && data.level === 'union') {
      const doc = check(file, unionFile, data, problems);
      if (doc) unions.push({ file, doc });
    } else {
      const doc = check(file, jurisdictionFile, data, problems);
      if (doc) jurisdictions.push({ file, doc });
    }
  }
  if (!categories && !problems.some((p) => p.startsWith('categories.yaml'))) {
    problems.push('categories.yaml: missing (the catalog of tax categories)');
  }
  if (problems.length > 0 || !categories) throw new ContentError(problems);
  return { dir, categories, jurisdictions, unions };
}

async function yamlFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

function parseYaml(file: string, source: string, problems: string[]): unknown {
  // YAML 1.2 core schema: 2020-01-01 stays a string and duplicate keys are errors.
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) problems.push(`${file}: ${error.message.split('\n')[0]}`);
    return undefined;
  }
  return doc.toJS();
}

function check<T>(file: string, schema: z.ZodType<T>, data: unknown, problems: string[]): T | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.join('.') || '(top level)';
    problems.push(`${file}: ${path}: ${issue.message}`);
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
