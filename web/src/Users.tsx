/**
 * The people who sign in to the dashboard (admins only): invited by email
 * with a role, the answer's one-time set-password link shown once to pass
 * on; made admin or member; removed after a confirmation. Nobody can
 * remove themselves, and the signed-in user's own row offers no role change
 * either (the API would take it while another admin remains, but it would
 * take this screen away mid-use).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, type Session } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { errorFor, Field } from './Field';
import { FormError } from './FormError';
import { ShownOnce } from './ShownOnce';
import type { CreatedUser, Role, User } from './settings-types';
import type { List } from './types';
import { useAction } from './useAction';
import { useApi } from './useApi';
import { formatWhen } from './when';

export function Users() {
  const loaded = useApi<List<User>>('/v1/users');
  // The screen is given only the role; the session says who "you" are.
  const session = useApi<Session>('/v1/session');
  const me = session.state === 'ready' ? session.data.user.id : null;
  const [users, setUsers] = useState<User[]>([]);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [invited, setInvited] = useState<CreatedUser | null>(null);
  const [removing, setRemoving] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (loaded.state === 'ready') setUsers(loaded.data.data);
  }, [loaded]);

  const invite = useAction((key: string, address: string, as: Role) => api<CreatedUser>('POST', '/v1/users', { email: address, role: as }, { 'idempotency-key': key }));
  const remove = useAction((_key: string, id: string) => api<{ id: string }>('DELETE', `/v1/users/${encodeURIComponent(id)}`));
  const changeRole = useAction((_key: string, id: string, to: Role) => api<User>('PATCH', `/v1/users/${encodeURIComponent(id)}`, { role: to }));

  async function setRoleOf(u: User) {
    setNotice(null);
    const answer = await changeRole.run(u.id, u.role === 'admin' ? 'member' : 'admin');
    if (answer) {
      setUsers((previous) => previous.map((x) => (x.id === answer.id ? answer : x)));
      setNotice(`${answer.email} is now ${answer.role === 'admin' ? 'an admin' : 'a member'}.`);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setNotice(null);
    const answer = await invite.run(email.trim(), role);
    if (answer) {
      const { setPasswordUrl: _link, ...listed } = answer;
      setUsers((previous) => [...previous, listed]);
      setInvited(answer);
      setEmail('');
    }
  }

  async function confirmRemove() {
    if (!removing) return;
    const answer = await remove.run(removing.id);
    if (answer) {
      setUsers((previous) => previous.filter((u) => u.id !== answer.id));
      setNotice(`${removing.email} was removed and signed out everywhere.`);
      setRemoving(null);
    }
  }

  return (
    <>
      <form className="form-row inline-create" onSubmit={submit} aria-label="Invite a user">
        <Field id="invite-email" label="Email" error={errorFor(invite.error, 'email')}>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />
        </Field>
        <Field id="invite-role" label="Role" hint="Admins also change settings, API keys and users." error={errorFor(invite.error, 'role')}>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="member">Member</option>
            <option value="admin">Admin</option>
          </select>
        </Field>
        <button type="submit" className="primary" disabled={invite.busy}>
          {invite.busy ? 'Inviting…' : 'Invite'}
        </button>
      </form>
      <FormError error={invite.error} fields={['email', 'role']} />
      {invited && (
        <ShownOnce
          label={`Set-password link for ${invited.email}`}
          value={invited.setPasswordUrl}
          warning="send this link to them yourself; it is shown only now, works once and expires in 7 days."
          onDone={() => setInvited(null)}
        />
      )}
      <div aria-live="polite">
        {notice && <p className="notice">{notice}</p>}
        {changeRole.error && (
          <p className="error" role="alert">
            Could not change the role: {changeRole.error.message}
          </p>
        )}
      </div>
      {loaded.state === 'error' && (
        <p className="error" role="alert">
          Could not load the users: {loaded.error.message}
        </p>
      )}
      <div className="table-scroll">
        <table className="data users-table" aria-busy={loaded.state === 'loading'}>
          <caption className="sr-only">Users</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Password</th>
              <th scope="col" className="col-wide">Added</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-user={u.id}>
                <th scope="row">
                  {u.email}
                  {u.id === me && <span className="muted small"> (you)</span>}
                </th>
                <td>
                  <span className={`badge role-${u.role}`}>{u.role}</span>
                </td>
                <td>{u.passwordSet ? 'Set' : <span className="muted">Invited, not set yet</span>}</td>
                <td className="date col-wide">{formatWhen(u.createdAt)}</td>
                <td className="row-actions">
                  {me !== null && u.id !== me && (
                    <>
                      <button type="button" className="quiet" onClick={() => setRoleOf(u)} disabled={changeRole.busy} aria-label={`Make ${u.email} ${u.role === 'admin' ? 'a member' : 'an admin'}`}>
                        {u.role === 'admin' ? 'Make member' : 'Make admin'}
                      </button>
                      <button type="button" className="quiet" onClick={() => setRemoving(u)} aria-label={`Remove ${u.email}`}>
                        Remove
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ConfirmDialog
        open={removing !== null}
        title="Remove user"
        confirmLabel="Remove user"
        busyLabel="Removing…"
        action={remove}
        onConfirm={() => void confirmRemove()}
        onClose={() => setRemoving(null)}
      >
        {removing && (
          <p>
            Remove <strong>{removing.email}</strong>? They are signed out at once and can no longer sign in.
          </p>
        )}
      </ConfirmDialog>
    </>
  );
}
