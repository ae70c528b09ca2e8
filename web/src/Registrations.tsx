/** Registrations outside the United States (VAT, GST, the EU's One-Stop Shop). */
import type { List, Registration } from './types';
import { jurisdictionName } from './jurisdiction-name';
import { useApi } from './useApi';

export function Registrations() {
  const list = useApi<List<Registration>>('/v1/registrations?limit=100');
  return (
    <section className="card" aria-labelledby="registrations-title">
      <h2 id="registrations-title">Registrations outside the US</h2>
      {list.state === 'loading' && <p className="muted" role="status">Loading…</p>}
      {list.state === 'error' && <p className="error" role="alert">Could not load the registrations: {list.error.message}</p>}
      {list.state === 'ready' &&
        (() => {
          const abroad = list.data.data.filter((r) => !r.jurisdictionId.startsWith('US-'));
          if (abroad.length === 0) return <p className="muted">None.</p>;
          return (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Jurisdiction</th>
                  <th scope="col">Since</th>
                  <th scope="col">Number</th>
                  <th scope="col">Filing</th>
                </tr>
              </thead>
              <tbody>
                {abroad.map((r) => (
                  <tr key={r.jurisdictionId}>
                    <th scope="row">
                      {jurisdictionName(r.jurisdictionId)} <span className="muted">{r.jurisdictionId}</span>
                    </th>
                    <td className="date">{r.effectiveDate}</td>
                    <td>{r.registrationNumber ?? '—'}</td>
                    <td>{r.filingFrequency ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })()}
    </section>
  );
}
