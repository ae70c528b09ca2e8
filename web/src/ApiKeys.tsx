/**
 * The seller's API keys (admins only): listed by note and date, created with
 * a note and shown whole exactly once, revoked after a confirmation, with
 * when each was last used (to within an hour).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { errorFor, Field } from './Field';
import { FormError } from './FormError';
import { ShownOnce } from './ShownOnce';
import type { ApiKey, CreatedApiKey } from './settings-types';
import type { List } from './types';
import { useAction } from './useAction';
import { useApi } from './useApi';
import { formatWhen } from './when';

export function ApiKeys() {
  const loaded = useApi<List<ApiKey>>('/v1/api-keys');
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (loaded.state === 'ready') setKeys(loaded.data.data);
  }, [loaded]);

  const create = useAction((key: string, note: string) => api<CreatedApiKey>('POST', '/v1/api-keys', { name: note }, { 'idempotency-key': key }));
  const revoke = useAction((_key: string, id: string) => api<ApiKey>('POST', `/v1/api-keys/${encodeURIComponent(id)}/revoke`));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    const answer = await create.run(name.trim());
    if (answer) {
      const { key: _secret, ...listed } = answer;
      setKeys((previous) => [...previous, listed]);
      setCreated(answer);
      setName('');
    }
  }

  async function confirmRevoke() {
    if (!revoking) return;
    const answer = await revoke.run(revoking.id);
    if (answer) {
      setKeys((previous) => previous.map((k) => (k.id === answer.id ? answer : k)));
      setNotice(`The key “${answer.name ?? answer.id}” is revoked: requests with it are refused from now on.`);
      setRevoking(null);
    }
  }

  return (
    <>
      <p className="muted small">Programs call Levy&rsquo;s API with a key, sent as <code>Authorization: Bearer &lt;key&gt;</code>.</p>
      <form className="form-row inline-create" onSubmit={submit} aria-label="Create an API key">
        <Field id="key-name" label="Note" hint="What uses the key, e.g. Billing sync (production)." error={errorFor(create.error, 'name')}>
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} autoComplete="off" />
        </Field>
        <button type="submit" className="primary" disabled={create.busy}>
          {create.busy ? 'Creating…' : 'Create key'}
        </button>
      </form>
      <FormError error={create.error} fields={['name']} />
      {created && (
        <ShownOnce
          label={`New API key “${created.name ?? created.id}”`}
          value={created.key}
          warning="this is the only time the whole key is shown. Store it in your secrets manager; if it is lost, create another and revoke this one."
          onDone={() => setCreated(null)}
        />
      )}
      <div aria-live="polite">{notice && <p className="notice">{notice}</p>}</div>
      {loaded.state === 'error' && (
        <p className="error" role="alert">
          Could not load the API keys: {loaded.error.message}
        </p>
      )}
      <div className="table-scroll">
        <table className="data keys-table" aria-busy={loaded.state === 'loading'}>
          <caption className="sr-only">API keys</caption>
          <thead>
            <tr>
              <th scope="col">Note</th>
              <th scope="col" className="col-wide">Key id</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} data-key={k.id} className={k.revokedAt ? 'revoked' : undefined}>
                <th scope="row">{k.name ?? <span className="muted">No note</span>}</th>
                <td className="ref col-wide">{k.id}</td>
                <td className="date">{formatWhen(k.createdAt)}</td>
                <td className="date" data-last-used>
                  {k.lastUsedAt ? formatWhen(k.lastUsedAt) : <span className="muted">Never</span>}
                </td>
                <td>{k.revokedAt ? <span className="badge badge-none">Revoked {formatWhen(k.revokedAt)}</span> : <span className="badge badge-active">Active</span>}</td>
                <td className="row-actions">
                  {!k.revokedAt && (
                    <button type="button" className="quiet" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name ?? k.id}`}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loaded.state === 'ready' && keys.length === 0 && <p className="muted">No API keys yet.</p>}

      <ConfirmDialog
        open={revoking !== null}
        title="Revoke API key"
        confirmLabel="Revoke key"
        busyLabel="Revoking…"
        action={revoke}
        onConfirm={() => void confirmRevoke()}
        onClose={() => setRevoking(null)}
      >
        {revoking && (
          <p>
            Revoke <strong>{revoking.name ?? revoking.id}</strong>? Every program using it is refused at once, and a revoked key cannot be brought back.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
