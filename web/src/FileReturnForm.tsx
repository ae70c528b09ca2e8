/** Recording that a closed period's return was filed with the tax authority. */
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from './api';
import type { ReturnReport } from './types';
import { newIdempotencyKey } from './useAction';

/** Today in the browser's own calendar, as the default filing date. */
function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function FileReturnForm({ path, currency, onFiled }: { path: string; currency: string | undefined; onFiled: (filed: ReturnReport) => void }) {
  const [filedAt, setFiledAt] = useState(localToday);
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  // One key per filing attempt of this form, so a retry after a lost answer is not recorded twice.
  const key = useRef(newIdempotencyKey());

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { filedAt, confirmation: confirmation.trim() || null, ...(currency ? { currency } : {}) };
      onFiled(await api<ReturnReport>('POST', path, body, { 'idempotency-key': key.current }));
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
      // A refusal is final for this body; a new attempt gets a new key.
      key.current = newIdempotencyKey();
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: string) => (error instanceof ApiError && error.param === field ? true : undefined);
  return (
    <form className="file-return" onSubmit={submit} aria-labelledby="file-return-title" aria-describedby={error ? 'file-return-error' : undefined}>
      <h2 id="file-return-title" className="section-title">
        Record filing
      </h2>
      <p className="muted small">The period has ended and is not filed. Once recorded, the return keeps these figures and the period is closed to changes.</p>
      {error && (
        <p className="error" role="alert" id="file-return-error">
          {error.message}
        </p>
      )}
      <div className="field">
        <label htmlFor="file-filed-at">Filed date</label>
        <input id="file-filed-at" type="date" required value={filedAt} onChange={(e) => setFiledAt(e.target.value)} aria-invalid={invalid('filedAt')} />
      </div>
      <div className="field">
        <label htmlFor="file-confirmation">Confirmation number</label>
        <input id="file-confirmation" type="text" maxLength={200} value={confirmation} onChange={(e) => setConfirmation(e.target.value)} aria-invalid={invalid('confirmation')} />
      </div>
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Recording…' : 'Record filing'}
      </button>
    </form>
  );
}
