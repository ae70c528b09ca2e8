/** Past imports, newest first, each opening its flow where it stands. */
import { useEffect, useState } from 'react';
import { api } from './api';
import { ImportStatusBadge } from './ImportStatusBadge';
import { formatWhen } from './importStatus';
import type { ImportView } from './imports-types';
import { Link } from './Link';
import { formatCount } from './money';
import type { List } from './types';

const PAGE = 20;

export const importHref = (id: string) => `/data-sources/imports/${encodeURIComponent(id)}`;

export function ImportList() {
  const [rows, setRows] = useState<ImportView[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);

  async function load(cursor: string | null) {
    setLoading(true);
    setError(null);
    try {
      const params = new URLSearchParams({ limit: String(PAGE) });
      if (cursor) params.set('cursor', cursor);
      const page = await api<List<ImportView>>('GET', `/v1/imports?${params}`);
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
    <section className="card" aria-labelledby="past-imports-title">
      <div className="card-head">
        <h2 id="past-imports-title">Past imports</h2>
      </div>
      {error && (
        <p className="error" role="alert">
          Could not load the imports: {error.message}
        </p>
      )}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="data imports-table" aria-busy={loading}>
            <thead>
              <tr>
                <th scope="col">Uploaded</th>
                <th scope="col">File</th>
                <th scope="col" className="col-wide">Kind</th>
                <th scope="col">Status</th>
                <th scope="col" className="num col-wide">Rows</th>
                <th scope="col" className="num col-wide">Errors</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr key={i.id} data-import={i.id}>
                  <td className="date">{formatWhen(i.createdAt)}</td>
                  <th scope="row" className="file-cell">
                    <Link href={importHref(i.id)}>{i.fileName ?? i.id}</Link>
                    <span className="muted small kind-inline"> {i.kind}</span>
                  </th>
                  <td className="col-wide">{i.kind === 'transactions' ? 'Transactions' : 'Employees'}</td>
                  <td>
                    <ImportStatusBadge status={i.status} />
                  </td>
                  <td className="num col-wide">{formatCount(i.rows.total)}</td>
                  <td className="num col-wide">{i.errors.count > 0 ? formatCount(i.errors.count) : <span className="muted">—</span>}</td>
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
      {!loading && rows.length === 0 && !error && <p className="muted">No imports yet: upload a file above to start.</p>}
      {next && !loading && (
        <button type="button" className="quiet more" onClick={() => void load(next)}>
          Show more
        </button>
      )}
    </section>
  );
}
