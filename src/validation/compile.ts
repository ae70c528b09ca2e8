/**
 * Validators compiled from zod schemas. The zod schema is the definition
 * (and the source of the TypeScript types and the OpenAPI document); its
 * JSON Schema, compiled by ajv, accepts valid input in a fraction of zod's
 * time, which matters on paths taken by every invoice. Input ajv refuses
 * goes through zod, whose first finding becomes the TaxError, so the error a
 * caller sees is zod's either way. A property test holds the two to the same
 * verdict.
 *
 * Schemas compiled here must have no defaults or transforms: what ajv
 * accepts is returned as it is.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { z } from 'zod';
import type { ErrorCode } from '../errors/registry.js';
import { zodToTaxError } from './zod-error.js';

// Date patterns in the JSON Schema already check month lengths and leap years.
const ajv = new Ajv2020({ allErrors: false, strict: false, validateFormats: false });

export interface Validator<T> {
  /** The input, typed, or a TaxError naming the first problem. */
  parse(input: unknown): T;
  /** ajv's verdict alone (for the agreement test). */
  accepts(input: unknown): boolean;
}

export function compileValidator<S extends z.ZodType>(
  schema: S,
  options: { prefix?: string; fallback?: ErrorCode } = {},
): Validator<z.output<S>> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  const accepts = ajv.compile(json);
  // ajv checks no formats: a format zod gives no pattern for (a URL) is checked by zod alone.
  const fast = !uncheckedFormat(json);
  return {
    parse(input) {
      if (fast && accepts(input)) return input as z.output<S>;
      const parsed = schema.safeParse(input);
      if (!parsed.success) throw zodToTaxError(parsed.error, options.prefix, options.fallback ?? 'parameter_invalid', input);
      return parsed.data;
    },
    accepts: (input) => accepts(input),
  };
}

/** Whether some string in the schema is constrained by a `format` that carries no `pattern` ajv could check instead. */
function uncheckedFormat(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(uncheckedFormat);
  if (typeof node !== 'object' || node === null) return false;
  const record = node as Record<string, unknown>;
  if (typeof record.format === 'string' && typeof record.pattern !== 'string') return true;
  return Object.values(record).some(uncheckedFormat);
}
