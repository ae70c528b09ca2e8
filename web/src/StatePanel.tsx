/**
 * One state: where it stands against its threshold, since when, what is
 * owed, the months behind it, and its physical presence and registration
 * to manage.
 */
import './styles/jurisdictions-manage.css';
import { formatCount, formatUsd, formatUsdWhole } from './money';
import { MonthlyChart } from './MonthlyChart';
import { PresenceManager } from './PresenceManager';
import { Progress } from './Progress';
import { RegistrationManager } from './RegistrationManager';
import { STATUS_LABEL } from './status';
import type { NexusDetail, NexusEntry } from './types';
import { useApi } from './useApi';

/** `onChanged` follows a write here, so the map and this panel show the state's new status. */
export function StatePanel({ entry, onClose, onChanged }: { entry: NexusEntry; onClose: () => void; onChanged: () => void }) {
  const detail = useApi<NexusDetail>(`/v1/nexus/${encodeURIComponent(entry.jurisdictionId)}`);
  const { threshold, current, exposure } = entry;
  const nexusSince = [entry.economicSince, entry.physicalSince].filter((d): d is string => d !== null).sort()[0] ?? null;
  return (
    <section className="panel" aria-labelledby="state-panel-title" data-jurisdiction={entry.jurisdictionId}>
      <header className="panel-head">
        <h2 id="state-panel-title" tabIndex={-1}>
          {entry.name} <span className="muted">{entry.jurisdictionId}</span>
        </h2>
        <button type="button" className="link" onClick={onClose}>
          Close<span className="sr-only"> {entry.name}</span>
        </button>
      </header>
      <p>
        <span className={`badge badge-${entry.status}`}>{STATUS_LABEL[entry.status]}</span>
      </p>

      {threshold && current ? (
        <div className="block">
          <h3>Threshold</h3>
          <p className="muted small">
            {formatUsdWhole(threshold.sales)} {counted(threshold.counts)}
            {threshold.transactions !== null && ` ${threshold.operator ?? 'or'} ${formatCount(threshold.transactions)} transactions`}, {threshold.periodText}. Period{' '}
            {current.periodStart} to {current.periodEnd}.
          </p>
          <Progress label="Sales" current={current.sales} threshold={threshold.sales} text={`${formatUsd(current.sales)} of ${formatUsdWhole(threshold.sales)}`} />
          {threshold.transactions !== null && (
            <Progress
              label="Transactions"
              current={current.transactions}
              threshold={threshold.transactions}
              text={`${formatCount(current.transactions)} of ${formatCount(threshold.transactions)}`}
            />
          )}
          <p className="small muted">
            Rule: {threshold.rule} <span className="ref">({threshold.ref})</span>
          </p>
        </div>
      ) : (
        <p className="muted">{entry.status === 'no_sales_tax' ? 'This state has no general sales tax.' : 'No economic nexus threshold applies.'}</p>
      )}

      <dl className="facts">
        <dt>Nexus since</dt>
        <dd>{nexusSince ?? '—'}{entry.physicalSince && entry.physicalSince === nexusSince ? ' (physical presence)' : entry.economicSince && nexusSince ? ' (threshold crossed)' : ''}</dd>
        <dt>Collection required from</dt>
        <dd>{entry.collectionRequiredFrom ?? '—'}</dd>
        <dt>Registration</dt>
        <dd>{entry.registered ? `Registered since ${entry.registeredSince ?? '—'}` : 'Not registered'}</dd>
      </dl>

      {entry.status !== 'no_sales_tax' && (
        <>
          <PresenceManager jurisdictionId={entry.jurisdictionId} name={entry.name} onChanged={onChanged} />
          <RegistrationManager jurisdictionId={entry.jurisdictionId} name={entry.name} onChanged={onChanged} />
        </>
      )}

      <div className="block">
        <h3>Exposure</h3>
        <p className="exposure num">{formatUsd(exposure.estimatedTax)}</p>
        <p className="small muted">
          Estimated tax not collected on {formatUsd(exposure.taxableSales)} of taxable sales in {formatCount(exposure.transactions)} transactions
          {exposure.since ? `, ${exposure.since} to ${exposure.until ?? 'today'}` : ''}.
        </p>
      </div>

      <div className="block">
        <h3>Monthly sales</h3>
        {detail.state === 'loading' && <p className="muted" role="status">Loading the monthly sales…</p>}
        {detail.state === 'error' && <p role="alert" className="error">Could not load the monthly sales: {detail.error.message}</p>}
        {detail.state === 'ready' && <MonthlyChart detail={detail.data} />}
      </div>
    </section>
  );
}

function counted(counts: 'gross' | 'retail' | 'taxable'): string {
  return counts === 'gross' ? 'in gross sales' : counts === 'retail' ? 'in retail sales' : 'in taxable sales';
}
