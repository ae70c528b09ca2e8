/**
 * A state's physical presence, as the seller recorded it (offices,
 * warehouses) and as its employees give it, with adding, editing and
 * removing the recorded one. Employees are listed, not edited: they come
 * from the employees API or an employee CSV.
 */
import { api, ApiError } from './api';
import type { PhysicalNexus } from './attention-types';
import type { Employee } from './imports-types';
import { ConfirmRemove } from './ConfirmRemove';
import { PhysicalNexusForm } from './PhysicalNexusForm';
import type { List } from './types';
import { useApi } from './useApi';
import { useManagedSection } from './useManagedSection';

interface Props {
  jurisdictionId: string;
  name: string;
  /** After a write, so the map and the panel show the new status. */
  onChanged: () => void;
}

export function PresenceManager({ jurisdictionId, name, onChanged }: Props) {
  const path = `/v1/physical-nexus/${encodeURIComponent(jurisdictionId)}`;
  const presence = useApi<PhysicalNexus>(path);
  const employees = useApi<List<Employee>>('/v1/employees?limit=500');
  const { editing, said, heading, closeForm, startEditing, written } = useManagedSection();
  const region = jurisdictionId.replace(/^US-/, '');

  const changed = (message: string) => {
    written(message);
    presence.reload();
    onChanged();
  };

  // No presence recorded answers 404: that is "none", not a failure.
  const missing = presence.state === 'error' && presence.error instanceof ApiError && presence.error.status === 404;
  const recorded = presence.state === 'ready' ? presence.data : null;
  const here = employees.state === 'ready' ? employees.data.data.filter((e) => e.country.toUpperCase() === 'US' && e.region.toUpperCase() === region) : [];

  return (
    <section className="block manage" aria-labelledby="presence-title">
      <div className="manage-head">
        <h3 id="presence-title" ref={heading} tabIndex={-1}>Physical presence</h3>
        {!editing && (recorded || missing) && (
          <button type="button" className="quiet" onClick={startEditing}>
            {recorded ? 'Edit' : 'Add'}
            <span className="sr-only"> physical presence in {name}</span>
          </button>
        )}
      </div>
      <p role="status" className="small manage-said">
        {said}
      </p>
      {presence.state === 'loading' && <p className="muted small">Loading…</p>}
      {presence.state === 'error' && !missing && (
        <p className="error" role="alert">
          Could not load the physical presence: {presence.error.message}
        </p>
      )}
      {editing ? (
        <PhysicalNexusForm jurisdictionId={jurisdictionId} initial={recorded} onSaved={() => changed('Physical presence saved.')} onCancel={closeForm} />
      ) : recorded ? (
        <div className="manage-record">
          <p className="small">
            Since <span className="date">{recorded.effectiveDate}</span>
            {recorded.notes && <span className="muted"> · {recorded.notes}</span>}
          </p>
          <ConfirmRemove
            label="Remove"
            labelDetail={`physical presence in ${name}`}
            title="Remove physical presence"
            perform={() => api('DELETE', path)}
            onRemoved={() => changed('Physical presence removed.')}
          >
            <p>
              Remove the physical presence recorded in {name} since {recorded.effectiveDate}? Nexus, exposure and alerts are worked out again without it
              {here.length > 0 ? '; the employees there still give presence' : ''}.
            </p>
          </ConfirmRemove>
        </div>
      ) : (
        missing && <p className="muted small">None recorded.</p>
      )}
      {here.length > 0 && (
        <div className="manage-employees">
          <p className="small muted">Employees working here also give physical presence:</p>
          <ul className="plain small">
            {here.map((e) => (
              <li key={e.id}>
                {e.name ?? e.id} <span className="muted date">from {e.startDate}{e.endDate ? ` to ${e.endDate}` : ''}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {employees.state === 'error' && (
        <p className="error" role="alert">
          Could not load the employees: {employees.error.message}
        </p>
      )}
    </section>
  );
}
