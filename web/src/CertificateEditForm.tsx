/** Changing a certificate's details (PATCH /v1/certificates/:id), each refusal beside the field it names. */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from './api';
import { reasonLabel } from './CertificateBadge';
import { REASONS, type Certificate, type CertificatePatch, type Reason } from './certificate-types';
import { errorFor, Field } from './Field';
import { useAction } from './useAction';
import { FormActions } from './FormActions';

const FIELDS = ['jurisdictions', 'reason', 'number', 'effectiveDate', 'expirationDate', 'notes'];

export function CertificateEditForm({ certificate, onSaved, onCancel }: { certificate: Certificate; onSaved: (saved: Certificate) => void; onCancel: () => void }) {
  const [jurisdictions, setJurisdictions] = useState(certificate.jurisdictions.join(', '));
  const [reason, setReason] = useState(certificate.reason);
  const [number, setNumber] = useState(certificate.number ?? '');
  const [effectiveDate, setEffectiveDate] = useState(certificate.effectiveDate);
  const [expirationDate, setExpirationDate] = useState(certificate.expirationDate ?? '');
  const [notes, setNotes] = useState(certificate.notes ?? '');

  const save = useAction(async () => {
    const body: CertificatePatch = {
      jurisdictions: jurisdictions
        .split(/[\s,]+/)
        .map((j) => j.trim().toUpperCase())
        .filter(Boolean),
      reason: reason as Reason,
      number: number.trim() || null,
      effectiveDate,
      expirationDate: expirationDate || null,
      notes: notes.trim() || null,
    };
    return api<Certificate>('PATCH', `/v1/certificates/${encodeURIComponent(certificate.id)}`, body);
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await save.run();
    if (saved) onSaved(saved);
  };
  const fieldError = (field: string) => (save.error instanceof ApiError ? errorFor(save.error, field) : null);
  const shownByField = FIELDS.some((f) => fieldError(f));

  return (
    <form className="form" onSubmit={submit} aria-label="Edit the certificate">
      <Field id="edit-jurisdictions" label="Jurisdictions" hint="Comma-separated, such as US-TX, US-OK" error={fieldError('jurisdictions')}>
        <input type="text" value={jurisdictions} onChange={(e) => setJurisdictions(e.target.value)} required />
      </Field>
      <div className="form-row">
        <Field id="edit-reason" label="Reason" error={fieldError('reason')}>
          <select value={reason} onChange={(e) => setReason(e.target.value)}>
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {reasonLabel(r)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="edit-number" label="Certificate number" error={fieldError('number')}>
          <input type="text" value={number} onChange={(e) => setNumber(e.target.value)} maxLength={100} />
        </Field>
      </div>
      <div className="form-row">
        <Field id="edit-effective" label="Effective date" error={fieldError('effectiveDate')}>
          <input type="date" value={effectiveDate} onChange={(e) => setEffectiveDate(e.target.value)} required />
        </Field>
        <Field id="edit-expiration" label="Expiration date" hint="Empty: does not expire" error={fieldError('expirationDate')}>
          <input type="date" value={expirationDate} onChange={(e) => setExpirationDate(e.target.value)} />
        </Field>
      </div>
      <Field id="edit-notes" label="Notes" error={fieldError('notes')}>
        <textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={4000} />
      </Field>
      {save.error && !shownByField && (
        <p className="error" role="alert">
          {save.error.message}
        </p>
      )}
      <FormActions label="Save changes" busy={save.busy} onCancel={onCancel} />
    </form>
  );
}
