/**
 * Customers' exemption certificates: every certificate with its status,
 * filtered by status and searched by customer id, customer name or number.
 * The filters live in the address (?status=&q=) so a filtered list can be
 * linked to and survives a reload.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from './api';
import { CertificateBadge, certificateHref, customerHref, reasonLabel, STATUS_LABEL } from './CertificateBadge';
import { CERTIFICATE_STATUSES, type Certificate, type CertificateStatus } from './certificate-types';
import { Link } from './Link';
import { useNavigation } from './navigation';
import type { List } from './types';
import './styles/certificates.css';

const PAGE = 50;

function listPath(status: string, q: string, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(PAGE) });
  if (status) params.set('status', status);
  if (q) params.set('q', q);
  if (cursor) params.set('cursor', cursor);
  return `/v1/certificates?${params}`;
}

function screenPath(status: string, q: string): string {
  const params = new URLSearchParams();
  if (status) params.set('status', status);
  if (q) params.set('q', q);
  const query = params.toString();
  return query ? `/customers?${query}` : '/customers';
}

export function Customers() {
  const { url, navigate } = useNavigation();
  const status = CERTIFICATE_STATUSES.includes(url.searchParams.get('status') as CertificateStatus) ? (url.searchParams.get('status') as CertificateStatus) : '';
  const q = url.searchParams.get('q')?.trim() ?? '';
  const [search, setSearch] = useState(q);
  const [rows, setRows] = useState<Certificate[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => setSearch(q), [q]);

  async function load(cursor: string | null, isCurrent: () => boolean = () => true) {
    setLoading(true);
    setError(null);
    try {
      const page = await api<List<Certificate>>('GET', listPath(status, q, cursor));
      if (!isCurrent()) return;
      setRows((previous) => (cursor ? [...previous, ...page.data] : page.data));
      setNext(page.nextCursor);
    } catch (failure) {
      if (isCurrent()) setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      if (isCurrent()) setLoading(false);
    }
  }

  useEffect(() => {
    let current = true;
    void load(null, () => current);
    return () => {
      current = false;
    };
  }, [status, q]);

  const apply = (nextStatus: string, nextQ: string) => navigate(screenPath(nextStatus, nextQ.trim()), { replace: true });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(status, search);
  };
  const filtered = status !== '' || q !== '';

  return (
    <section className="card certificates" aria-labelledby="customers-title">
      <div className="card-head">
        <h1 id="customers-title">Customers</h1>
        <span className="muted small">Exemption certificates, by customer</span>
      </div>
      <form className="filters" role="search" aria-label="Find certificates" onSubmit={submit}>
        <div className="grow">
          <label htmlFor="certificates-q">Search</label>
          <input id="certificates-q" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Customer id, name or certificate number" maxLength={200} />
        </div>
        <div>
          <label htmlFor="certificates-status">Status</label>
          <select id="certificates-status" value={status} onChange={(e) => apply(e.target.value, search)}>
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
            <button type="button" className="quiet" onClick={() => apply('', '')}>
              Clear
            </button>
          )}
        </div>
      </form>
      <OpenCustomer />
      {error && (
        <p className="error" role="alert">
          Could not load the certificates: {error.message}
        </p>
      )}
      <p className="sr-only" role="status" aria-live="polite">
        {loading ? 'Loading certificates…' : `${rows.length}${next ? '+' : ''} certificate${rows.length === 1 ? '' : 's'} shown`}
      </p>
      <div className="table-scroll">
        <table className="data certificate-list" aria-busy={loading} aria-labelledby="customers-title">
          <thead>
            <tr>
              <th scope="col">Certificate</th>
              <th scope="col">Customer</th>
              <th scope="col">Status</th>
              <th scope="col">Jurisdictions</th>
              <th scope="col" className="col-reason">
                Reason
              </th>
              <th scope="col">Effective</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id} data-certificate={c.id} data-status={c.status}>
                <th scope="row" className="c-cert">
                  <Link href={certificateHref(c.id)}>{c.number ?? c.id}</Link>
                  {c.number && <span className="muted small block-line">{c.id}</span>}
                </th>
                <td className="c-customer">
                  <Link href={customerHref(c.customerId)}>{c.customerName ?? c.customerId}</Link>
                  {c.customerName && <span className="muted small block-line">{c.customerId}</span>}
                </td>
                <td className="c-status">
                  <CertificateBadge status={c.status} />
                </td>
                <td className="jurisdiction-list c-juris">{c.jurisdictions.join(', ')}</td>
                <td className="col-reason">{reasonLabel(c.reason)}</td>
                <td className="date c-effective" data-label="From">
                  {c.effectiveDate}
                </td>
                <td className="date c-expires" data-label="Expires">
                  {c.expirationDate ?? <span className="muted">None</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loading && <p className="muted">Loading…</p>}
      {!loading && !error && rows.length === 0 && <p className="muted">{filtered ? 'No certificates match.' : 'No certificates yet. Open a customer to request one.'}</p>}
      {next && !loading && (
        <button type="button" className="quiet more" onClick={() => void load(next)}>
          Show more
        </button>
      )}
    </section>
  );
}

/** There is no list of customers: a customer without certificates is opened by its id. */
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
          Open customer
        </button>
      </div>
    </form>
  );
}
