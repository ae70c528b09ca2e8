/** Sign-in: email and password against POST /v1/session; errors read out where they occur. */
import { useState, type FormEvent } from 'react';
import { api, ApiError, type Session } from './api';

export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api<Session>('POST', '/v1/session', { email, password }));
    } catch (failure) {
      setError(signInMessage(failure));
      setBusy(false);
    }
  }

  return (
    <main className="auth">
      <form className="auth-card" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <p className="brand">Levy</p>
        <h1 id="sign-in-title">Sign in</h1>
        {error && (
          <p id="sign-in-error" className="error" role="alert">
            {error}
          </p>
        )}
        <label htmlFor="email">Email</label>
        <input
          id="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? 'sign-in-error' : undefined}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

function signInMessage(failure: unknown): string {
  if (!(failure instanceof ApiError)) return 'Levy could not be reached. Check your connection and try again.';
  if (failure.code === 'credentials_invalid') return 'That email and password do not match an account.';
  if (failure.code === 'too_many_attempts') {
    const minutes = failure.retryAfter === null ? null : Math.max(1, Math.ceil(failure.retryAfter / 60));
    return `Too many sign-in attempts. ${minutes === null ? 'Wait a while' : `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}`}.`;
  }
  return failure.message;
}
