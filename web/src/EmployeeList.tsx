/** The employees Levy knows, where they work and since when: each is physical presence in that state. */
import type { Employee } from './imports-types';
import { PagedListFoot } from './PagedListFoot';
import { usePagedList } from './usePagedList';

export function EmployeeList() {
  const list = usePagedList<Employee>('/v1/employees', 50);
  const { rows, error } = list;

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
          <table className="data" aria-labelledby="employees-title" aria-busy={list.loading}>
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
      <PagedListFoot list={list} empty="No employees yet." />
    </div>
  );
}
