/**
 * Where alerts go (threshold approaching or crossed, new physical presence):
 * email through the seller's own SMTP server, and a signed webhook. The SMTP
 * password is never answered back, so its box stays empty and an empty box
 * keeps the stored one; the webhook's signing secret is shown once, when it
 * is created or rotated. Members see both with the controls disabled.
 */
import { useState, type FormEvent } from 'react';
import { api } from './api';
import { errorFor, Field } from './Field';
import { ShownOnce } from './ShownOnce';
import type { AlertChannels as Channels } from './settings-types';
import { useAction } from './useAction';

type Put = (key: string, body: Partial<Record<'email' | 'webhook', unknown>>) => Promise<Channels>;
const put: Put = (_key, body) => api<Channels>('PUT', '/v1/alert-channels', body);

interface Props {
  channels: Channels;
  canEdit: boolean;
  onSaved: (channels: Channels) => void;
}

export function AlertChannels({ channels, canEdit, onSaved }: Props) {
  return (
    <div className="two channels">
      <EmailChannel email={channels.email} canEdit={canEdit} onSaved={onSaved} />
      <WebhookChannel webhook={channels.webhook} canEdit={canEdit} onSaved={onSaved} />
    </div>
  );
}

/** Recipients typed one a line or separated by commas or spaces. */
function addresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

function EmailChannel({ email, canEdit, onSaved }: { email: Channels['email']; canEdit: boolean; onSaved: (c: Channels) => void }) {
  const [to, setTo] = useState((email?.to ?? []).join('\n'));
  const [from, setFrom] = useState(email?.from ?? '');
  const [host, setHost] = useState(email?.smtp.host ?? '');
  const [port, setPort] = useState(String(email?.smtp.port ?? 587));
  const [secure, setSecure] = useState(email?.smtp.secure ?? false);
  const [username, setUsername] = useState(email?.smtp.username ?? '');
  const [password, setPassword] = useState('');
  const [passwordSet, setPasswordSet] = useState(email?.smtp.passwordSet ?? false);
  const [status, setStatus] = useState<string | null>(null);
  const save = useAction(put);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    const smtp = {
      host: host.trim(),
      // A port that is not a whole number goes as typed, for the API to refuse beside this field.
      port: /^\d+$/.test(port.trim()) ? Number(port.trim()) : port,
      secure,
      ...(username.trim() ? { username: username.trim() } : {}),
      ...(password ? { password } : {}),
    };
    const answer = await save.run({ email: { to: addresses(to), from: from.trim(), smtp } });
    if (answer) {
      setPassword('');
      setPasswordSet(answer.email?.smtp.passwordSet ?? false);
      setStatus('Email alerts saved.');
      onSaved(answer);
    }
  }

  async function turnOff() {
    setStatus(null);
    const answer = await save.run({ email: null });
    if (answer) {
      setPasswordSet(false);
      setStatus('Email alerts are off.');
      onSaved(answer);
    }
  }

  const e = (field: string) => errorFor(save.error, `email.${field}`);
  const placed = ['to', 'from', 'smtp.host', 'smtp.port', 'smtp.secure', 'smtp.username', 'smtp.password'].some((f) => e(f));
  return (
    <section className="channel" aria-labelledby="email-title">
      <h3 id="email-title">
        Email <span className={`badge ${email ? 'badge-active' : 'badge-none'}`}>{email ? 'On' : 'Off'}</span>
      </h3>
      <form className="form" onSubmit={submit} noValidate aria-labelledby="email-title">
        <fieldset disabled={!canEdit} className="plain-fieldset form">
          <Field id="smtp-to" label="Recipients" hint="One address a line." error={e('to')}>
            <textarea value={to} onChange={(ev) => setTo(ev.target.value)} rows={2} spellCheck={false} />
          </Field>
          <Field id="smtp-from" label="From" error={e('from')}>
            <input type="email" value={from} onChange={(ev) => setFrom(ev.target.value)} autoComplete="off" />
          </Field>
          <div className="smtp-server">
            <Field id="smtp-host" label="SMTP host" error={e('smtp.host')}>
              <input value={host} onChange={(ev) => setHost(ev.target.value)} autoComplete="off" spellCheck={false} />
            </Field>
            <Field id="smtp-port" label="Port" error={e('smtp.port')}>
              <input value={port} onChange={(ev) => setPort(ev.target.value)} inputMode="numeric" autoComplete="off" />
            </Field>
          </div>
          <label className="check">
            <input type="checkbox" checked={secure} onChange={(ev) => setSecure(ev.target.checked)} /> TLS from the first byte (port 465); otherwise STARTTLS when offered
          </label>
          <Field id="smtp-username" label="Username" error={e('smtp.username')}>
            <input value={username} onChange={(ev) => setUsername(ev.target.value)} autoComplete="off" />
          </Field>
          <Field id="smtp-password" label="Password" hint={passwordSet ? `A password is stored and never shown.${canEdit ? ' Leave blank to keep it.' : ''}` : 'No password stored.'} error={e('smtp.password')}>
            <input type="password" value={password} onChange={(ev) => setPassword(ev.target.value)} autoComplete="new-password" placeholder={passwordSet ? '••••••••  (stored)' : ''} />
          </Field>
        </fieldset>
        {canEdit && (
          <div className="actions">
            <button type="submit" className="primary" disabled={save.busy}>
              Save email
            </button>
            {email && (
              <button type="button" className="quiet" onClick={turnOff} disabled={save.busy}>
                Turn off email
              </button>
            )}
            <span role="status" className="small">
              {status}
            </span>
          </div>
        )}
        {save.error && !placed && (
          <p className="error" role="alert">
            {save.error.message}
          </p>
        )}
      </form>
    </section>
  );
}

function WebhookChannel({ webhook, canEdit, onSaved }: { webhook: Channels['webhook']; canEdit: boolean; onSaved: (c: Channels) => void }) {
  const [url, setUrl] = useState(webhook?.url ?? '');
  const [on, setOn] = useState(webhook !== null);
  const [secret, setSecret] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const save = useAction(put);

  async function send(rotateSecret: boolean) {
    setStatus(null);
    const answer = await save.run({ webhook: { url: url.trim(), ...(rotateSecret ? { rotateSecret } : {}) } });
    if (answer) {
      setOn(true);
      setSecret(answer.webhook?.secret ?? null);
      setStatus(answer.webhook?.secret ? null : 'Webhook saved; the signing secret is unchanged.');
      onSaved(answer);
    }
  }

  async function turnOff() {
    setStatus(null);
    const answer = await save.run({ webhook: null });
    if (answer) {
      setOn(false);
      setSecret(null);
      setStatus('The webhook is off.');
      onSaved(answer);
    }
  }

  return (
    <section className="channel" aria-labelledby="webhook-title">
      <h3 id="webhook-title">
        Webhook <span className={`badge ${on ? 'badge-active' : 'badge-none'}`}>{on ? 'On' : 'Off'}</span>
      </h3>
      <form
        className="form"
        noValidate
        aria-labelledby="webhook-title"
        onSubmit={(event) => {
          event.preventDefault();
          void send(false);
        }}
      >
        <fieldset disabled={!canEdit} className="plain-fieldset form">
          <Field id="webhook-url" label="URL" hint="Alerts are POSTed here as JSON, signed with the header Levy-Signature (HMAC-SHA256)." error={errorFor(save.error, 'webhook.url') ?? errorFor(save.error, 'webhook')}>
            <input type="url" value={url} onChange={(ev) => setUrl(ev.target.value)} autoComplete="off" spellCheck={false} placeholder="https://" />
          </Field>
        </fieldset>
        {canEdit && (
          <div className="actions">
            <button type="submit" className="primary" disabled={save.busy}>
              Save webhook
            </button>
            {on && (
              <>
                <button type="button" className="quiet" onClick={() => void send(true)} disabled={save.busy}>
                  Rotate secret
                </button>
                <button type="button" className="quiet" onClick={turnOff} disabled={save.busy}>
                  Turn off webhook
                </button>
              </>
            )}
            <span role="status" className="small">
              {status}
            </span>
          </div>
        )}
        {save.error && !errorFor(save.error, 'webhook') && (
          <p className="error" role="alert">
            {save.error.message}
          </p>
        )}
      </form>
      {secret && (
        <ShownOnce
          label="Webhook signing secret"
          value={secret}
          warning="this is the only time the secret is shown. Verify each request's Levy-Signature with it; rotate it to get a new one."
          onDone={() => setSecret(null)}
        />
      )}
    </section>
  );
}
