/**
 * Recording a registration (PUT /v1/registrations/{jurisdictionId}): since
 * when tax is collected, the number the authority gave, and how often returns
 * are filed. With no fixed jurisdiction it asks for one (registrations abroad).
 */
import { useState, type FormEvent } from 'react';
import { api } from './api';
import type { FilingFrequency, RegistrationBody, RegistrationRecord } from './attention-types';
import { Field } from './Field';
import { fieldError, FormError } from './FormError';
import { useAction } from './useAction';
import { FormActions } from './FormActions';

const FIELDS = ['jurisdictionId', 'effectiveDate', 'registrationNumber', 'filingFrequency'] as const;

interface Props {
  /** Prefix of the controls' ids, unique on the page. */
  idPrefix: string;
  /** The jurisdiction when it is given (a state's panel, an existing row); null asks for it. */
  jurisdictionId: string | null;
  initial: RegistrationRecord | null;
  submitLabel: string;
  onSaved: (saved: RegistrationRecord) => void;
  onCancel: () => void;
}

export function RegistrationForm({ idPrefix, jurisdictionId, initial, submitLabel, onSaved, onCancel }: Props) {
  const [target, setTarget] = useState(jurisdictionId ?? '');
  const [effectiveDate, setEffectiveDate] = useState(initial?.effectiveDate ?? '');
  const [number, setNumber] = useState(initial?.registrationNumber ?? '');
  const [frequency, setFrequency] = useState<FilingFrequency | ''>(initial?.filingFrequency ?? '');
  const save = useAction(async (_key: string, id: string, body: RegistrationBody) =>
    api<RegistrationRecord>('PUT', `/v1/registrations/${encodeURIComponent(id)}`, body),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const id = target.trim().toUpperCase();
    const saved = await save.run(id, { effectiveDate, registrationNumber: number.trim() || null, filingFrequency: frequency || null });
    if (saved) onSaved(saved);
  }

  const id = (field: string) => `${idPrefix}-${field}`;
  return (
    <form className="form manage-form" onSubmit={submit} noValidate>
      <FormError error={save.error} fields={jurisdictionId === null ? FIELDS : FIELDS.slice(1)} />
      {jurisdictionId === null && (
        <Field id={id('jurisdiction')} label="Jurisdiction" hint="GB, DE, CA, CA-QC, AU, EU-OSS… (US states: on the map)" error={fieldError(save.error, 'jurisdictionId')}>
          <input type="text" value={target} onChange={(e) => setTarget(e.target.value)} autoComplete="off" spellCheck={false} required />
        </Field>
      )}
      <div className="form-row">
        <Field id={id('since')} label="Registered since" error={fieldError(save.error, 'effectiveDate')}>
          <input type="date" value={effectiveDate} onChange={(e) => setEffectiveDate(e.target.value)} required autoFocus={jurisdictionId !== null} />
        </Field>
        <Field id={id('frequency')} label="Filing frequency" error={fieldError(save.error, 'filingFrequency')}>
          <select value={frequency} onChange={(e) => setFrequency(e.target.value as FilingFrequency | '')}>
            <option value="">Not set</option>
            <option value="monthly">Monthly</option>
            <option value="quarterly">Quarterly</option>
            <option value="annual">Annual</option>
          </select>
        </Field>
      </div>
      <Field id={id('number')} label="Registration number" hint="Optional" error={fieldError(save.error, 'registrationNumber')}>
        <input type="text" value={number} onChange={(e) => setNumber(e.target.value)} maxLength={100} autoComplete="off" />
      </Field>
      <FormActions label={submitLabel} busy={save.busy} onCancel={onCancel} />
    </form>
  );
}
