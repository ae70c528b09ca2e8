/** Where the seller has nexus: the map, its legend, what needs action, and the selected state's panel. */
import { useEffect } from 'react';
import { Legend } from './Legend';
import { formatUsd } from './money';
import { Registrations } from './Registrations';
import { StatePanel } from './StatePanel';
import { STATUS_LABEL, needsAction } from './status';
import { StatusPatterns } from './StatusPatterns';
import type { NexusReport } from './types';
import { UsMap } from './UsMap';
import { useApi } from './useApi';

export function Jurisdictions({ selected, onSelect }: { selected: string | null; onSelect: (id: string | null) => void }) {
  // Reloaded after a presence or registration is changed here, keeping the map on screen meanwhile.
  const report = useApi<NexusReport>('/v1/nexus');
  const entry = report.state === 'ready' && selected ? report.data.data.find((s) => s.jurisdictionId === selected) ?? null : null;

  // The panel's heading takes focus when a state is chosen, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (entry) document.getElementById('state-panel-title')?.focus({ preventScroll: false });
  }, [entry?.jurisdictionId]);

  if (report.state === 'loading') return <p className="muted" role="status">Loading nexus…</p>;
  if (report.state === 'error') return <p className="error" role="alert">Could not load nexus: {report.error.message}</p>;
  const states = report.data.data;
  const action = states.filter((s) => needsAction(s.status)).sort((a, b) => b.exposure.estimatedTax - a.exposure.estimatedTax);
  const totalExposure = states.reduce((sum, s) => sum + BigInt(s.exposure.estimatedTax), 0n);

  return (
    <div className="jurisdictions">
      <StatusPatterns />
      <section className="card map-area" aria-labelledby="map-title">
        <div className="card-head">
          <h1 id="map-title">Jurisdictions</h1>
          <span className="muted small">As of {report.data.asOf}</span>
        </div>
        <UsMap states={states} selected={selected} onSelect={onSelect} />
        <Legend states={states} />
      </section>
      <div className="side-area">
        {entry ? (
          <StatePanel key={entry.jurisdictionId} entry={entry} onClose={() => onSelect(null)} onChanged={report.reload} />
        ) : (
          <section className="panel" aria-labelledby="summary-title">
            <h2 id="summary-title">Needs action</h2>
            <p className="small muted">
              Nexus without a registration in {action.length} {action.length === 1 ? 'state' : 'states'}; estimated tax not collected{' '}
              <strong className="num">{formatUsd(totalExposure)}</strong>. Select a state on the map for its figures.
            </p>
            {action.length > 0 && (
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">State</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num">Exposure</th>
                  </tr>
                </thead>
                <tbody>
                  {action.map((s) => (
                    <tr key={s.jurisdictionId}>
                      <th scope="row">
                        <button type="button" className="link" onClick={() => onSelect(s.jurisdictionId)}>
                          {s.name}
                        </button>
                      </th>
                      <td>
                        <span className={`badge badge-${s.status}`}>{STATUS_LABEL[s.status]}</span>
                      </td>
                      <td className="num">{formatUsd(s.exposure.estimatedTax)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        )}
      </div>
      <div className="regs-area">
        <Registrations onChanged={report.reload} />
      </div>
    </div>
  );
}
