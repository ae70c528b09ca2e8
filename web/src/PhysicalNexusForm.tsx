/** Recording a physical presence in a state (PUT /v1/physical-nexus/{jurisdictionId}): from when, and what it is. */
import { useState, type FormEvent } from 'react';
import { api } from './api';
import type { PhysicalNexus } from './attention-types';
import { Field } from './Field';
import { fieldError, FormError } from './FormError';
import { useAction } from './useAction';
import { FormActions } from './FormActions';

interface Props {
  jurisdictionId: string;
  initial: PhysicalNexus | null;
  onSaved: (saved: PhysicalNexus) => void;
  onCancel: () => void;
}

export function PhysicalNexusForm({ jurisdictionId, initial, onSaved, onCancel }: Props) {
  const [effectiveDate, setEffectiveDate] = useState(initial?.effectiveDate ?? '');
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const save = useAction(async (_key: string, body: { effectiveDate: string; notes: string | null }) =>
    api<PhysicalNexus>('PUT', `/v1/physical-nexus/${encodeURIComponent(jurisdictionId)}`, body),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await save.run({ effectiveDate, notes: notes.trim() || null });
    if (saved) onSaved(saved);
  }

  return (
    <form className="form manage-form" onSubmit={submit} noValidate aria-label="Physical presence">
      <FormError error={save.error} fields={['effectiveDate', 'notes']} />
      <Field id="presence-since" label="Present since" hint="The earliest date of an office, warehouse, inventory or people in the state" error={fieldError(save.error, 'effectiveDate')}>
        <input type="date" value={effectiveDate} onChange={(e) => setEffectiveDate(e.target.value)} required autoFocus />
      </Field>
      <Field id="presence-notes" label="Notes" hint="Optional: what and where, e.g. Warehouse, Reno" error={fieldError(save.error, 'notes')}>
        <textarea rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      <FormActions label="Save presence" busy={save.busy} onCancel={onCancel} />
    </form>
  );
}
