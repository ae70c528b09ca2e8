/**
 * The seller's name as its customers see it, in certificate requests,
 * reminders and the page a request opens (GET/PATCH /v1/me). Admins change
 * it; members see it.
 */
import { useState, type FormEvent } from 'react';
import { api } from './api';
import { errorFor, Field } from './Field';
import { FormError } from './FormError';
import { useAction } from './useAction';
import { useApi } from './useApi';

interface Me {
  sellerId: string;
  name: string | null;
}

export function BusinessName({ canEdit, onSaved }: { canEdit: boolean; onSaved: (name: string) => void }) {
  const loaded = useApi<Me>('/v1/me');
  if (loaded.state === 'loading') return <p className="muted">Loading…</p>;
  if (loaded.state === 'error')
    return (
      <p className="error" role="alert">
        Could not load the business name: {loaded.error.message}
      </p>
    );
  return <BusinessNameForm me={loaded.data} canEdit={canEdit} onSaved={onSaved} />;
}

function BusinessNameForm({ me, canEdit, onSaved }: { me: Me; canEdit: boolean; onSaved: (name: string) => void }) {
  const [name, setName] = useState(me.name ?? '');
  const [saved, setSaved] = useState(false);
  const save = useAction((_key: string, value: string) => api<Me>('PATCH', '/v1/me', { name: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const answer = await save.run(name.trim());
    if (answer) {
      setSaved(true);
      if (answer.name) onSaved(answer.name);
    }
  }

  return (
    <form className="form business-form" onSubmit={submit} aria-labelledby="business-title">
      <fieldset disabled={!canEdit} className="plain-fieldset">
        <Field id="business-name" label="Business name" hint={`As your customers see it in certificate requests and reminders. Seller id ${me.sellerId}.`} error={errorFor(save.error, 'name')}>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required />
        </Field>
      </fieldset>
      <FormError error={save.error} fields={['name']} />
      {canEdit && (
        <div className="actions">
          <button type="submit" className="primary" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save name'}
          </button>
          <span role="status" className="small">
            {saved && !save.busy ? 'Name saved.' : ''}
          </span>
        </div>
      )}
    </form>
  );
}
