/** Every problem an import found, by spreadsheet row and column, a page at a time (GET /v1/imports/:id/errors). */
import { useEffect, useState } from 'react';
import { api } from './api';
import type { ImportError } from './imports-types';
import { formatCount } from './money';
import type { List } from './types';

const PAGE = 100;

export function RowErrors({ importId, count, caption }: { importId: string; count: number; caption: string }) {
  const [rows, setRows] = useState<ImportError[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);

  async function load(cursor: string | null) {
    setLoading(true);
    setError(null);
    try {
      const params = new URLSearchParams({ limit: String(PAGE) });
      if (cursor) params.set('cursor', cursor);
      const page = await api<List<ImportError>>('GET', `/v1/imports/${encodeURIComponent(importId)}/errors?${params}`);
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
  }, [importId]);

  return (
    <div className="row-errors">
      {error && (
        <p className="error" role="alert">
          Could not load the errors: {error.message}
        </p>
      )}
      <div className="table-scroll">
        <table className="data errors-table" aria-busy={loading}>
          <caption className="small muted">
            {caption} {rows.length < count ? `(showing ${formatCount(rows.length)} of ${formatCount(count)})` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">Row</th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e, i) => (
              <tr key={`${e.row}-${e.column ?? ''}-${i}`} data-row={e.row} data-column={e.column ?? ''} data-code={e.code}>
                <th scope="row" className="num">
                  {e.row}
                </th>
                <td>{e.column ? <code>{e.column}</code> : <span className="muted">whole row</span>}</td>
                <td className="message">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loading && (
        <p className="muted" role="status">
          Loading the errors…
        </p>
      )}
      {next && !loading && (
        <button type="button" className="quiet more" onClick={() => void load(next)}>
          Show more errors
        </button>
      )}
    </div>
  );
}
