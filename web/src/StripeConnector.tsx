/**
 * The Stripe billing connector (admins only): the webhook URL to give Stripe,
 * its signing secret set or replaced (never shown back), the events Levy
 * takes, the last one received and where it went, and disconnecting.
 */
import { useState, type FormEvent } from 'react';
import { api } from './api';
import { ConfirmDialog } from './ConfirmDialog';
import { errorFor, Field } from './Field';
import { FormError } from './FormError';
import { Link, transactionHref } from './Link';
import { useAction } from './useAction';
import { useApi } from './useApi';
import { formatWhen } from './when';

interface Connector {
  configured: boolean;
  webhookUrl: string;
  events: string[];
  lastEvent: { id: string; type: string; status: 'processed' | 'held' | 'ignored'; receivedAt: string; transactionId: string | null; attentionId: string | null } | null;
  updatedAt: string | null;
}

const PATH = '/v1/connectors/stripe';

export function StripeConnector({ role }: { role: 'admin' | 'member' }) {
  return (
    <section className="card source" aria-labelledby="stripe-title">
      <div className="card-head">
        <h2 id="stripe-title">Stripe</h2>
      </div>
      <p className="small muted">
        Stripe sends each invoice to Levy as it happens: a finalized invoice is recorded, a paid one committed, a voided one voided, a credit note refunded.
      </p>
      {role === 'admin' ? <StripeSetup /> : <p className="muted">An admin sets up billing connectors.</p>}
    </section>
  );
}

function StripeSetup() {
  const loaded = useApi<Connector>(PATH);
  const [secret, setSecret] = useState('');
  const [saved, setSaved] = useState<Connector | null>(null);
  const [disconnecting, setDisconnecting] = useState(false);
  const save = useAction((_key: string, webhookSecret: string) => api<Connector>('PUT', PATH, { webhookSecret }));
  const remove = useAction(async () => {
    await api('DELETE', PATH);
    return api<Connector>('GET', PATH);
  });

  if (loaded.state === 'loading') return <p className="muted">Loading…</p>;
  if (loaded.state === 'error')
    return (
      <p className="error" role="alert">
        Could not load the connector: {loaded.error.message}
      </p>
    );
  const connector = saved ?? loaded.data;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const answer = await save.run(secret.trim());
    if (answer) {
      setSaved(answer);
      setSecret('');
    }
  }
  async function disconnect() {
    const answer = await remove.run();
    if (answer) {
      setSaved(answer);
      setDisconnecting(false);
    }
  }

  return (
    <div className="stripe-connector" data-configured={connector.configured}>
      <p role="status">
        <span className={`badge ${connector.configured ? 'badge-registered' : 'badge-none'}`}>{connector.configured ? 'Connected' : 'Not set up'}</span>
        {connector.updatedAt && <span className="muted small"> since {formatWhen(connector.updatedAt)}</span>}
      </p>
      <div className="field">
        <label htmlFor="stripe-webhook-url">Webhook endpoint URL</label>
        <input id="stripe-webhook-url" readOnly value={connector.webhookUrl} onFocus={(e) => e.target.select()} aria-describedby="stripe-webhook-url-hint" />
        <span id="stripe-webhook-url-hint" className="hint">
          In Stripe, add this endpoint (Developers → Webhooks) with the events {connector.events.join(', ')}.
        </span>
      </div>
      <form className="form" onSubmit={submit} aria-label="Stripe connection">
        <Field id="stripe-secret" label={connector.configured ? 'Replace the signing secret' : 'Signing secret'} hint="The endpoint's signing secret from Stripe, whsec_…; it is stored and never shown again." error={errorFor(save.error, 'webhookSecret')}>
          <input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="off" required />
        </Field>
        <FormError error={save.error} fields={['webhookSecret']} />
        <div className="actions">
          <button type="submit" className="primary" disabled={save.busy}>
            {save.busy ? 'Saving…' : connector.configured ? 'Replace secret' : 'Connect Stripe'}
          </button>
          {connector.configured && (
            <button type="button" className="quiet" onClick={() => setDisconnecting(true)}>
              Disconnect
            </button>
          )}
        </div>
      </form>
      <h3>Last event</h3>
      {connector.lastEvent ? <LastEvent event={connector.lastEvent} /> : <p className="muted small">None received yet.</p>}
      <ConfirmDialog
        open={disconnecting}
        title="Disconnect Stripe?"
        confirmLabel="Disconnect"
        busyLabel="Disconnecting…"
        action={remove}
        onConfirm={() => void disconnect()}
        onClose={() => setDisconnecting(false)}
      >
        <p>Stripe's events are refused from then on. What they recorded stays in the ledger.</p>
      </ConfirmDialog>
    </div>
  );
}

function LastEvent({ event }: { event: NonNullable<Connector['lastEvent']> }) {
  return (
    <p className="small" data-last-event={event.id}>
      <code>{event.type}</code> {formatWhen(event.receivedAt)}:{' '}
      {event.status === 'processed' && event.transactionId ? (
        <>
          recorded as <Link href={transactionHref(event.transactionId)}>{event.transactionId}</Link>
        </>
      ) : event.status === 'held' ? (
        <>
          held: see <Link href="/attention?source=connector&sourceId=stripe">Needs attention</Link>
        </>
      ) : (
        event.status
      )}
    </p>
  );
}
