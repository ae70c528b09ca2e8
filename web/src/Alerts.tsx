/** Alerts Levy raised, newest first: thresholds approaching or crossed, new physical presence; each links to its state on the map. */
import { useEffect, useState } from 'react';
import { api } from './api';
import type { Alert, AlertKind } from './attention-types';
import { Link } from './Link';
import type { List } from './types';
import { formatWhen } from './when';

const PAGE = 20;

const KIND: Record<AlertKind, { label: string; badge: string }> = {
  threshold_crossed: { label: 'Threshold crossed', badge: 'badge-economic' },
  physical_presence: { label: 'Physical presence', badge: 'badge-physical' },
  threshold_approaching: { label: 'Approaching threshold', badge: 'badge-approaching' },
};

const DELIVERY: Record<Alert['delivery']['email'], string> = { pending: 'pending', sent: 'sent', failed: 'failed', skipped: 'not set up' };

export function Alerts() {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);

  async function load(cursor: string | null) {
    setLoading(true);
    setError(null);
    try {
      const page = await api<List<Alert>>('GET', `/v1/alerts?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      setAlerts((previous) => (cursor ? [...previous, ...page.data] : page.data));
      setNext(page.nextCursor);
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    void load(null);
  }, []);

  return (
    <section className="card alerts" aria-labelledby="alerts-title">
      <div className="card-head">
        <h2 id="alerts-title">Alerts</h2>
      </div>
      {error && (
        <p className="error" role="alert">
          Could not load the alerts: {error.message}
        </p>
      )}
      <ol className="alert-list" aria-busy={loading}>
        {alerts.map((a) => (
          <li key={a.id} data-alert={a.id} data-kind={a.kind}>
            <div className="alert-head">
              <span className={`badge ${KIND[a.kind].badge}`}>{KIND[a.kind].label}</span>
              <time className="small muted" dateTime={a.createdAt}>
                {formatWhen(a.createdAt)}
              </time>
            </div>
            <p className="alert-message">{a.message}</p>
            <p className="small alert-foot">
              {a.jurisdictionId.startsWith('US-') && <Link href={`/jurisdictions/${encodeURIComponent(a.jurisdictionId)}`}>Show {a.jurisdictionId} on the map</Link>}
              <span className="muted">
                Email {DELIVERY[a.delivery.email]} · webhook {DELIVERY[a.delivery.webhook]}
              </span>
            </p>
            {a.delivery.lastError && <p className="small error-text">Last delivery error: {a.delivery.lastError}</p>}
          </li>
        ))}
      </ol>
      {loading && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {!loading && alerts.length === 0 && !error && <p className="muted">No alerts yet. Levy raises one when sales approach or cross a state's threshold, or a new physical presence begins.</p>}
      {next && !loading && (
        <button type="button" className="quiet more" onClick={() => void load(next)}>
          Show more
        </button>
      )}
    </section>
  );
}
