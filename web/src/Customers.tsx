/**
 * Customers and their exemption certificates, in two views: every
 * certificate with its status, filtered by status and searched by customer
 * id, name or number; and every customer, searched by id, name or email.
 * The view and its filters live in the address (?view=&status=&q=) so a
 * filtered list can be linked to and survives a reload.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { customerHref, STATUS_LABEL } from './CertificateBadge';
import { CertificateTable } from './CertificateTable';
import { CERTIFICATE_STATUSES, type Certificate, type CertificateStatus, type Customer } from './certificate-types';
import { Link } from './Link';
import { useNavigation } from './navigation';
import { PagedListFoot, PagedListStatus } from './PagedListFoot';
import { usePagedList } from './usePagedList';
import './styles/certificates.css';

const PAGE = 50;
type View = 'certificates' | 'customers';

function query(entries: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function screenPath(view: View, status: string, q: string): string {
  return `/customers${query({ view: view === 'customers' ? 'customers' : '', status: view === 'certificates' ? status : '', q })}`;
}

export function Customers() {
  const { url, navigate } = useNavigation();
  const view: View = url.searchParams.get('view') === 'customers' ? 'customers' : 'certificates';
  const status = CERTIFICATE_STATUSES.includes(url.searchParams.get('status') as CertificateStatus) ? (url.searchParams.get('status') as CertificateStatus) : '';
  const q = url.searchParams.get('q')?.trim() ?? '';
  const apply = (nextView: View, nextStatus: string, nextQ: string) => navigate(screenPath(nextView, nextStatus, nextQ.trim()), { replace: nextView === view });

  return (
    <section className="card certificates" aria-labelledby="customers-title">
      <div className="card-head">
        <h1 id="customers-title">Customers</h1>
        <span className="muted small">Customers and their exemption certificates</span>
      </div>
      <nav className="tabs" aria-label="Customers views">
        <Link href={screenPath('certificates', '', '')} aria-current={view === 'certificates' ? 'page' : undefined}>
          Certificates
        </Link>
        <Link href={screenPath('customers', '', '')} aria-current={view === 'customers' ? 'page' : undefined}>
          All customers
        </Link>
      </nav>
      {view === 'certificates' ? (
        <CertificateList status={status} q={q} onApply={(s, text) => apply('certificates', s, text)} />
      ) : (
        <CustomerList q={q} onApply={(text) => apply('customers', '', text)} />
      )}
    </section>
  );
}

function CertificateList({ status, q, onApply }: { status: CertificateStatus | ''; q: string; onApply: (status: string, q: string) => void }) {
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  const list = usePagedList<Certificate>(`/v1/certificates${query({ status, q })}`, PAGE);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(status, search);
  };
  const filtered = status !== '' || q !== '';

  return (
    <>
      <form className="filters" role="search" aria-label="Find certificates" onSubmit={submit}>
        <div className="grow">
          <label htmlFor="certificates-q">Search</label>
          <input id="certificates-q" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Customer id, name or certificate number" maxLength={200} />
        </div>
        <div>
          <label htmlFor="certificates-status">Status</label>
          <select id="certificates-status" value={status} onChange={(e) => onApply(e.target.value, search)}>
            <option value="">Any</option>
            {CERTIFICATE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-actions">
          <button type="submit" className="primary">
            Search
          </button>
          {filtered && (
            <button type="button" className="quiet" onClick={() => onApply('', '')}>
              Clear
            </button>
          )}
        </div>
      </form>
      <PagedListStatus list={list} noun={{ one: 'certificate', many: 'certificates' }} />
      <CertificateTable certificates={list.rows} busy={list.loading} labelledBy="customers-title" showCustomer />
      <PagedListFoot list={list} empty={filtered ? 'No certificates match.' : 'No certificates yet. Open a customer to request one.'} />
    </>
  );
}

function CustomerList({ q, onApply }: { q: string; onApply: (q: string) => void }) {
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);
  const list = usePagedList<Customer>(`/v1/customers${query({ q })}`, PAGE);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(search);
  };
  const place = (c: Customer) => (c.address ? [c.address.city, c.address.region, c.address.postalCode, c.address.country].filter(Boolean).join(', ') : '');

  return (
    <>
      <form className="filters" role="search" aria-label="Find customers" onSubmit={submit}>
        <div className="grow">
          <label htmlFor="customers-q">Search</label>
          <input id="customers-q" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Customer id, name or email" maxLength={200} />
        </div>
        <div className="filter-actions">
          <button type="submit" className="primary">
            Search
          </button>
          {q && (
            <button type="button" className="quiet" onClick={() => onApply('')}>
              Clear
            </button>
          )}
        </div>
      </form>
      <OpenCustomer />
      <PagedListStatus list={list} noun={{ one: 'customer', many: 'customers' }} />
      <div className="table-scroll">
        <table className="data customer-list" aria-busy={list.loading} aria-labelledby="customers-title">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Email</th>
              <th scope="col" className="col-type">
                Type
              </th>
              <th scope="col">Address</th>
              <th scope="col">Exempt</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((c) => (
              <tr key={c.id} data-customer={c.id}>
                <th scope="row">
                  <Link href={customerHref(c.id)}>{c.name ?? c.id}</Link>
                  {c.name && <span className="muted small block-line">{c.id}</span>}
                </th>
                <td>{c.email ?? <span className="muted">None</span>}</td>
                <td className="col-type">{c.type}</td>
                <td>{place(c) || <span className="muted">None</span>}</td>
                <td>{c.exempt ? <span className="badge cert-active">Exempt</span> : <span className="muted">No</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PagedListFoot list={list} empty={q ? 'No customers match.' : 'No customers yet. Customers are added through the API (PUT /v1/customers/{id}), an import or a billing connector, or by id below.'} />
    </>
  );
}

/** A customer by its id: one not yet recorded opens as a blank record to fill in and save. */
function OpenCustomer() {
  const { navigate } = useNavigation();
  const [id, setId] = useState('');
  return (
    <form
      className="filters open-customer"
      aria-label="Open a customer"
      onSubmit={(event) => {
        event.preventDefault();
        if (id.trim()) navigate(customerHref(id.trim()));
      }}
    >
      <div>
        <label htmlFor="open-customer-id">Customer id</label>
        <input id="open-customer-id" type="text" value={id} onChange={(e) => setId(e.target.value)} required maxLength={200} />
      </div>
      <div className="filter-actions">
        <button type="submit" className="quiet">
          Open or add
        </button>
      </div>
    </form>
  );
}
