import type { ImportStatus } from './imports-types';
import { statusLabel } from './importStatus';

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  return (
    <span className={`badge imp-${status}`} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}
