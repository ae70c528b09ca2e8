/** The page a one-time link opens: choose a password (12 characters or more) with POST /v1/password. */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from './api';

const MIN_LENGTH = 12;

export function SetPassword({ token, onDone }: { token: string | null; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (password.length < MIN_LENGTH) return setError(`The password must be at least ${MIN_LENGTH} characters.`);
    if (password !== confirm) return setError('The two passwords differ.');
    setBusy(true);
    try {
      await api('POST', '/v1/password', { token, password });
      setDone(true);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : 'Levy could not be reached. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth">
      <div className="auth-card">
        <p className="brand">Levy</p>
        <h1>Set your password</h1>
        {!token ? (
          <p className="error" role="alert">
            This link has no token. Ask an administrator for a new link.
          </p>
        ) : done ? (
          <>
            <p role="status">Your password is set.</p>
            <button type="button" className="primary" onClick={onDone}>
              Sign in
            </button>
          </>
        ) : (
          <form onSubmit={submit} noValidate>
            {error && (
              <p id="set-password-error" className="error" role="alert">
                {error}
              </p>
            )}
            <label htmlFor="new-password">New password</label>
            <input
              id="new-password"
              type="password"
              autoComplete="new-password"
              minLength={MIN_LENGTH}
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-describedby="password-hint"
            />
            <p id="password-hint" className="small muted">
              At least {MIN_LENGTH} characters.
            </p>
            <label htmlFor="confirm-password">Repeat it</label>
            <input
              id="confirm-password"
              type="password"
              autoComplete="new-password"
              required
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
              aria-describedby={error ? 'set-password-error' : undefined}
            />
            <button type="submit" className="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Set password'}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
