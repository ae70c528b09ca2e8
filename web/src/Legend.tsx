import { STATUSES, statusFill } from './status';
import type { NexusEntry } from './types';

export function Legend({ states }: { states: NexusEntry[] }) {
  return (
    <ul className="legend" aria-label="Legend">
      {STATUSES.map(({ status, label, description }) => (
        <li key={status} title={description}>
          <svg width="16" height="16" aria-hidden="true" focusable="false">
            <rect x="0.5" y="0.5" width="15" height="15" rx="2" fill={statusFill(status)} stroke="#8a929c" />
          </svg>
          <span>{label}</span>
          <span className="num muted">{states.filter((s) => s.status === status).length}</span>
        </li>
      ))}
    </ul>
  );
}
