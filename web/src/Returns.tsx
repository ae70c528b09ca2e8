/** Filing periods of every registration, newest first, each opening its return. */
import { useState } from 'react';
import { PeriodBadge } from './PeriodBadge';
import { jurisdictionName } from './jurisdiction-name';
import type { FilingPeriod, List, NexusReport } from './types';
import { useApi } from './useApi';
import { Link, returnHref } from './Link';

export function Returns() {
  const [only, setOnly] = useState('');
  const all = useApi<List<FilingPeriod>>('/v1/filing-periods');
  const shown = useApi<List<FilingPeriod>>(only ? `/v1/filing-periods?jurisdictionId=${encodeURIComponent(only)}` : '/v1/filing-periods');
  // The nexus report names the US states; the periods carry only ids.
  const nexus = useApi<NexusReport>('/v1/nexus');
  const names = new Map(nexus.state === 'ready' ? nexus.data.data.map((s) => [s.jurisdictionId, s.name] as const) : []);
  const nameOf = (id: string) => names.get(id) ?? jurisdictionName(id);

  const registrations = all.state === 'ready' ? [...new Set(all.data.data.map((p) => p.jurisdictionId))] : [];
  const groups = new Map<string, FilingPeriod[]>();
  if (shown.state === 'ready') {
    for (const p of shown.data.data) groups.set(p.jurisdictionId, [...(groups.get(p.jurisdictionId) ?? []), p]);
    for (const periods of groups.values()) periods.sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
  }
  // US states first (the map's order of business), then registrations abroad.
  const ordered = [...groups].sort(([a], [b]) => Number(b.startsWith('US-')) - Number(a.startsWith('US-')) || (a < b ? -1 : a > b ? 1 : 0));

  return (
    <section className="card returns" aria-labelledby="returns-title">
      <div className="card-head">
        <h1 id="returns-title">Returns</h1>
        <span className="muted small">Filing periods of each registration, newest first</span>
      </div>
      <form className="filters" aria-label="Filter returns" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor="returns-registration">Registration</label>
          <select id="returns-registration" value={only} onChange={(e) => setOnly(e.target.value)}>
            <option value="">All</option>
            {registrations.map((id) => (
              <option key={id} value={id}>
                {nameOf(id)} ({id})
              </option>
            ))}
          </select>
        </div>
      </form>
      {shown.state === 'loading' && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {shown.state === 'error' && (
        <p className="error" role="alert">
          Could not load the filing periods: {shown.error.message}
        </p>
      )}
      {shown.state === 'ready' && groups.size === 0 && <p className="muted">No registrations yet: filing periods follow them.</p>}
      <div className="period-groups">
        {ordered.map(([id, periods]) => (
          <section key={id} className="period-group" aria-labelledby={`periods-${id}`} data-registration={id}>
            <h2 id={`periods-${id}`}>
              {nameOf(id)} <span className="muted small">{id}</span>
            </h2>
            <p className="muted small">
              Files {periods[0]!.frequency}
              {!periods[0]!.frequencySet && ' (no frequency set: quarterly assumed)'}
            </p>
            <div className="table-scroll">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Period</th>
                    <th scope="col">Dates</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {periods.map((p) => (
                    <tr key={p.period} data-period={p.period} data-status={p.status}>
                      <th scope="row">
                        <Link href={returnHref(id, p.period)}>
                          {p.period}
                        </Link>
                      </th>
                      <td className="date">
                        {p.start} – {p.end}
                      </td>
                      <td>
                        <PeriodBadge status={p.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
      </div>
    </section>
  );
}
