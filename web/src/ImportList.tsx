/** Past imports, newest first, each opening its flow where it stands. */
import { ImportStatusBadge } from './ImportStatusBadge';
import type { ImportView } from './imports-types';
import { Link } from './Link';
import { formatCount } from './money';
import { PagedListFoot } from './PagedListFoot';
import { usePagedList } from './usePagedList';
import { formatWhen } from './when';

const PAGE = 20;

export const importHref = (id: string) => `/data-sources/imports/${encodeURIComponent(id)}`;

export function ImportList() {
  const list = usePagedList<ImportView>('/v1/imports', PAGE);
  const { rows, error } = list;

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
          <table className="data imports-table" aria-busy={list.loading}>
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
      <PagedListFoot list={list} empty="No imports yet: upload a file above to start." />
    </section>
  );
}
