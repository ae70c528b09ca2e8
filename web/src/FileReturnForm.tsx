/** Recording that a closed period's return was filed with the tax authority. */
import { useState, type FormEvent } from 'react';
import { api } from './api';
import type { ReturnReport } from './types';
import { useAction } from './useAction';
import { localToday } from './when';

export function FileReturnForm({ path, currency, onFiled }: { path: string; currency: string | undefined; onFiled: (filed: ReturnReport) => void }) {
  const [filedAt, setFiledAt] = useState(localToday);
  const [confirmation, setConfirmation] = useState('');
  const file = useAction((key: string) => {
    const body = { filedAt, confirmation: confirmation.trim() || null, ...(currency ? { currency } : {}) };
    return api<ReturnReport>('POST', path, body, { 'idempotency-key': key });
  });
  const { busy, error, invalid } = file;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const filed = await file.run();
    if (filed) onFiled(filed);
  }

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
