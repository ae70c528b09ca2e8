/** Registrations outside the United States (VAT, GST, the EU's One-Stop Shop): listed, added, changed and removed. */
import './styles/jurisdictions-manage.css';
import { useEffect, useRef, useState } from 'react';
import { api } from './api';
import type { RegistrationRecord } from './attention-types';
import { ConfirmRemove } from './ConfirmRemove';
import { jurisdictionName } from './jurisdiction-name';
import { FREQUENCY_LABEL } from './registration-words';
import { RegistrationForm } from './RegistrationForm';
import type { List } from './types';
import { useApi } from './useApi';

/** What the form is doing: nothing, adding one, or changing the one named. */
type Editing = { mode: 'none' } | { mode: 'add' } | { mode: 'edit'; record: RegistrationRecord };

export function Registrations({ onChanged }: { onChanged: () => void }) {
  const list = useApi<List<RegistrationRecord>>('/v1/registrations');
  const [editing, setEditing] = useState<Editing>({ mode: 'none' });
  const [said, setSaid] = useState('');
  const formTitle = useRef<HTMLHeadingElement>(null);
  const title = useRef<HTMLHeadingElement>(null);

  // The form's heading takes focus when it opens, so the keyboard lands where the form is.
  useEffect(() => {
    if (editing.mode !== 'none') formTitle.current?.focus();
  }, [editing]);
  // After a save or removal the form or row is gone: focus goes back to the list's heading (after the dialog hands it back).
  useEffect(() => {
    if (said) title.current?.focus();
  }, [said]);

  const changed = (message: string) => {
    setEditing({ mode: 'none' });
    setSaid(message);
    list.reload();
    onChanged();
  };
  const open = (next: Editing) => {
    setSaid('');
    setEditing(next);
  };

  const abroad = list.state === 'ready' ? list.data.data.filter((r) => !r.jurisdictionId.startsWith('US-')) : [];
  return (
    <section className="card" aria-labelledby="registrations-title">
      <div className="card-head">
        <h2 id="registrations-title" ref={title} tabIndex={-1}>Registrations outside the US</h2>
        {editing.mode === 'none' && list.state === 'ready' && (
          <button type="button" className="quiet" onClick={() => open({ mode: 'add' })}>
            Add registration
          </button>
        )}
      </div>
      <p role="status" className="small manage-said">
        {said}
      </p>
      {list.state === 'loading' && <p className="muted" role="status">Loading…</p>}
      {list.state === 'error' && <p className="error" role="alert">Could not load the registrations: {list.error.message}</p>}
      {list.state === 'ready' && abroad.length === 0 && <p className="muted">None.</p>}
      {abroad.length > 0 && (
        <div className="table-scroll">
          <table className="data regs-table">
            <thead>
              <tr>
                <th scope="col">Jurisdiction</th>
                <th scope="col">Since</th>
                <th scope="col">Number</th>
                <th scope="col">Filing</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {abroad.map((r) => {
                const name = jurisdictionName(r.jurisdictionId);
                return (
                  <tr key={r.jurisdictionId} data-jurisdiction={r.jurisdictionId}>
                    <th scope="row">
                      {name} <span className="muted">{r.jurisdictionId}</span>
                    </th>
                    <td className="date" data-label="Since">{r.effectiveDate}</td>
                    <td data-label="Number">{r.registrationNumber ?? '—'}</td>
                    <td data-label="Filing">{r.filingFrequency ? FREQUENCY_LABEL[r.filingFrequency] : '—'}</td>
                    <td className="row-actions">
                      <button type="button" className="link" onClick={() => open({ mode: 'edit', record: r })}>
                        Edit<span className="sr-only"> {name}</span>
                      </button>
                      <ConfirmRemove
                        label="Remove"
                        labelDetail={name}
                        title="Remove registration"
                        perform={() => api('DELETE', `/v1/registrations/${encodeURIComponent(r.jurisdictionId)}`)}
                        onRemoved={() => changed(`${name} registration removed.`)}
                      >
                        <p>Remove the {name} ({r.jurisdictionId}) registration? Transactions already recorded keep the tax they collected; its returns are no longer prepared.</p>
                      </ConfirmRemove>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {editing.mode !== 'none' && (
        <div className="block">
          <h3 ref={formTitle} tabIndex={-1}>
            {editing.mode === 'add' ? 'New registration' : `Edit ${jurisdictionName(editing.record.jurisdictionId)} registration`}
          </h3>
          <RegistrationForm
            key={editing.mode === 'add' ? 'add' : editing.record.jurisdictionId}
            idPrefix="abroad-registration"
            jurisdictionId={editing.mode === 'add' ? null : editing.record.jurisdictionId}
            initial={editing.mode === 'add' ? null : editing.record}
            submitLabel={editing.mode === 'add' ? 'Add registration' : 'Save registration'}
            onSaved={(saved) =>
              changed(saved.jurisdictionId.startsWith('US-') ? `${saved.jurisdictionId} registration saved: US states show on the map.` : `${jurisdictionName(saved.jurisdictionId)} registration saved.`)
            }
            onCancel={() => setEditing({ mode: 'none' })}
          />
        </div>
      )}
    </section>
  );
}
