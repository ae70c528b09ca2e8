/** A US state's registration in its panel: what is recorded, and recording, changing or removing it. */
import { api } from './api';
import type { RegistrationRecord } from './attention-types';
import { ConfirmRemove } from './ConfirmRemove';
import { FREQUENCY_LABEL } from './registration-words';
import { RegistrationForm } from './RegistrationForm';
import type { List } from './types';
import { useApi } from './useApi';
import { useManagedSection } from './useManagedSection';

interface Props {
  jurisdictionId: string;
  name: string;
  onChanged: () => void;
}

export function RegistrationManager({ jurisdictionId, name, onChanged }: Props) {
  const list = useApi<List<RegistrationRecord>>('/v1/registrations');
  const { editing, said, heading, closeForm, startEditing, written } = useManagedSection();
  const recorded = list.state === 'ready' ? list.data.data.find((r) => r.jurisdictionId === jurisdictionId) ?? null : null;

  const changed = (message: string) => {
    written(message);
    list.reload();
    onChanged();
  };

  return (
    <section className="block manage" aria-labelledby="registration-title">
      <div className="manage-head">
        <h3 id="registration-title" ref={heading} tabIndex={-1}>Registration</h3>
        {!editing && list.state === 'ready' && (
          <button type="button" className="quiet" onClick={startEditing}>
            {recorded ? 'Edit' : 'Add'}
            <span className="sr-only"> registration in {name}</span>
          </button>
        )}
      </div>
      <p role="status" className="small manage-said">
        {said}
      </p>
      {list.state === 'loading' && <p className="muted small">Loading…</p>}
      {list.state === 'error' && (
        <p className="error" role="alert">
          Could not load the registrations: {list.error.message}
        </p>
      )}
      {editing ? (
        <RegistrationForm
          idPrefix="state-registration"
          jurisdictionId={jurisdictionId}
          initial={recorded}
          submitLabel="Save registration"
          onSaved={() => changed('Registration saved.')}
          onCancel={closeForm}
        />
      ) : recorded ? (
        <div className="manage-record">
          <dl className="facts compact">
            <dt>Since</dt>
            <dd className="date">{recorded.effectiveDate}</dd>
            <dt>Number</dt>
            <dd>{recorded.registrationNumber ?? '—'}</dd>
            <dt>Filing</dt>
            <dd>{recorded.filingFrequency ? FREQUENCY_LABEL[recorded.filingFrequency] : 'Not set'}</dd>
          </dl>
          <ConfirmRemove
            label="Remove"
            labelDetail={`registration in ${name}`}
            title="Remove registration"
            perform={() => api('DELETE', `/v1/registrations/${encodeURIComponent(jurisdictionId)}`)}
            onRemoved={() => changed('Registration removed.')}
          >
            <p>
              Remove the {name} registration? Transactions already recorded keep the tax they collected; new ones in {name} are no longer collected on, and
              exposure is worked out again.
            </p>
          </ConfirmRemove>
        </div>
      ) : (
        list.state === 'ready' && <p className="muted small">Not registered. Record the registration once the state has issued it: tax is collected from its date.</p>
      )}
    </section>
  );
}
