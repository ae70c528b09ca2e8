/** Every problem an import found, by spreadsheet row and column, a page at a time (GET /v1/imports/:id/errors). */
import type { ImportError } from './imports-types';
import { formatCount } from './money';
import { PagedListFoot } from './PagedListFoot';
import { usePagedList } from './usePagedList';

const PAGE = 100;

export function RowErrors({ importId, count, caption }: { importId: string; count: number; caption: string }) {
  const list = usePagedList<ImportError>(`/v1/imports/${encodeURIComponent(importId)}/errors`, PAGE);
  const { rows, error } = list;

  return (
    <div className="row-errors">
      {error && (
        <p className="error" role="alert">
          Could not load the errors: {error.message}
        </p>
      )}
      <div className="table-scroll">
        <table className="data errors-table" aria-busy={list.loading}>
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
      <PagedListFoot list={list} loadingLabel="Loading the errors…" moreLabel="Show more errors" />
    </div>
  );
}
