/** The employees Levy knows, where they work and since when: each is physical presence in that state. */
import { useEffect, useState } from 'react';
import { api } from './api';
import type { Employee } from './imports-types';
import type { List } from './types';

export function EmployeeList() {
  const [rows, setRows] = useState<Employee[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);

  async function load(cursor: string | null) {
    setLoading(true);
    setError(null);
    try {
      const params = new URLSearchParams({ limit: '50' });
      if (cursor) params.set('cursor', cursor);
      const page = await api<List<Employee>>('GET', `/v1/employees?${params}`);
      setRows((previous) => (cursor ? [...previous, ...page.data] : page.data));
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
    <div className="employee-list">
      <h3 id="employees-title">Employees on record</h3>
      {error && (
        <p className="error" role="alert">
          Could not load the employees: {error.message}
        </p>
      )}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="data" aria-labelledby="employees-title" aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col">Employee</th>
                <th scope="col">Works in</th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id} data-employee={e.id}>
                  <th scope="row">
                    {e.name ?? e.id}
                    {e.name && <span className="muted small ref"> {e.id}</span>}
                  </th>
                  <td>{e.region ? `${e.region}, ${e.country}` : e.country}</td>
                  <td className="date">{e.startDate}</td>
                  <td className="date">{e.endDate ?? <span className="muted">now</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loading && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {!loading && rows.length === 0 && !error && <p className="muted">No employees yet.</p>}
      {next && !loading && (
        <button type="button" className="quiet more" onClick={() => void load(next)}>
          Show more
        </button>
      )}
    </div>
  );
}
