/** How an import's status reads on a badge, for people. */
import type { ImportStatus } from './imports-types';

const LABEL: Record<ImportStatus, string> = {
  validating: 'Checking',
  invalid: 'Has errors',
  validated: 'Ready to import',
  committing: 'Importing',
  committed: 'Imported',
  completed: 'Backfill complete',
  failed: 'Upload failed',
};

export function statusLabel(status: ImportStatus): string {
  return LABEL[status];
}
