/** How an import's status reads on a badge, and when it was made, for people. */
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

/** "2025-03-04T09:12:00.000Z" → "2025-03-04 09:12" in the reader's time zone. */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
