/** Alerts Levy raised, newest first: thresholds approaching or crossed, new physical presence; each links to its state on the map. */
import type { Alert, AlertKind } from './attention-types';
import { Link } from './Link';
import { PagedListFoot } from './PagedListFoot';
import { usePagedList } from './usePagedList';
import { formatWhen } from './when';

const PAGE = 20;

const KIND: Record<AlertKind, { label: string; badge: string }> = {
  threshold_crossed: { label: 'Threshold crossed', badge: 'badge-economic' },
  physical_presence: { label: 'Physical presence', badge: 'badge-physical' },
  threshold_approaching: { label: 'Approaching threshold', badge: 'badge-approaching' },
};

const DELIVERY: Record<Alert['delivery']['email'], string> = { pending: 'pending', sent: 'sent', failed: 'failed', skipped: 'not set up' };

export function Alerts() {
  const list = usePagedList<Alert>('/v1/alerts', PAGE);
  const { rows: alerts, error } = list;

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
      <ol className="alert-list" aria-busy={list.loading}>
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
      <PagedListFoot list={list} empty="No alerts yet. Levy raises one when sales approach or cross a state's threshold, or a new physical presence begins." />
    </section>
  );
}
