/** Small helpers shared by the commands: reading input, printing errors the same way. */
import { readFile } from 'node:fs/promises';
import { TaxError } from '../errors/tax-error.js';
import { ContentError } from '../content/load.js';
import { DataDirLockedError } from '../store/lock.js';

export async function readInput(file: string | undefined): Promise<string> {
  if (file && file !== '-') return readFile(file, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Known failures print their message (a TaxError as its JSON body) and set exit code 1; others propagate. */
export function reportFailure(error: unknown): void {
  if (error instanceof TaxError) {
    process.stderr.write(`${JSON.stringify(error.toJSON(), null, 2)}\n`);
  } else if (error instanceof ContentError || error instanceof UsageError || error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    throw error;
  }
  process.exitCode = 1;
}

/** A mistake in how a command was called. */
export class UsageError extends Error {}
