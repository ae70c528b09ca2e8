/** One customer: the record, its certificates, the requests sent to it, and asking it for a certificate. */
import { useState } from 'react';
import { certificateHref } from './CertificateBadge';
import type { Certificate, CertificateRequest, Customer } from './certificate-types';
import { CertificateTable } from './CertificateTable';
import { CustomerForm } from './CustomerForm';
import { ApiError } from './api';
import { Link } from './Link';
import { RequestCertificate } from './RequestCertificate';
import type { List } from './types';
import { useApi, type Loaded } from './useApi';
import './styles/certificates.css';

export function CustomerDetail({ id }: { id: string }) {
  const path = `/v1/customers/${encodeURIComponent(id)}`;
  const loaded = useApi<Customer>(path);
  const [saved, setSaved] = useState<Customer | null>(null);
  // Requests sent from this page, shown before the list read on load.
  const [sent, setSent] = useState<CertificateRequest[]>([]);
  const certificates = useApi<List<Certificate>>(`/v1/certificates?customerId=${encodeURIComponent(id)}&limit=100`);
  const requests = useApi<List<CertificateRequest>>(`/v1/certificate-requests?customerId=${encodeURIComponent(id)}&limit=20`);

  const back = (
    <p className="back">
      <Link href="/customers">← Customers</Link>
    </p>
  );
  if (loaded.state === 'loading')
    return (
      <p className="muted" role="status">
        Loading the customer…
      </p>
    );
  // An id with no record yet (certificates may name a customer before it is recorded) opens blank, to be filled in and saved.
  const missing = loaded.state === 'error' && loaded.error instanceof ApiError && loaded.error.status === 404;
  if (loaded.state === 'error' && !missing)
    return (
      <section className="card">
        {back}
        <h1>Customer {id}</h1>
        <p className="error" role="alert">
          Could not load customer {id}: {loaded.error.message}
        </p>
      </section>
    );
  const customer = saved ?? (loaded.state === 'ready' ? loaded.data : blankCustomer(id));
  const recorded = saved !== null || loaded.state === 'ready';

  return (
    <div className="customer-detail" data-customer={customer.id}>
      <section className="card" aria-labelledby="customer-title">
        {back}
        <div className="card-head">
          <h1 id="customer-title">
            {customer.name ?? customer.id} {customer.name && <span className="muted small">{customer.id}</span>}
          </h1>
          {customer.exempt && <span className="badge cert-active">Exempt customer</span>}
        </div>
        {!recorded && (
          <p className="notice" role="status">
            No record for customer {id} yet: fill it in and save to add it.
          </p>
        )}
        <CustomerForm key={customer.updatedAt} customer={customer} onSaved={setSaved} />
      </section>

      <section className="card" aria-labelledby="customer-certificates-title">
        <h2 id="customer-certificates-title">Certificates</h2>
        {certificates.state === 'loading' && <p className="muted">Loading…</p>}
        {certificates.state === 'error' && (
          <p className="error" role="alert">
            Could not load the certificates: {certificates.error.message}
          </p>
        )}
        {certificates.state === 'ready' && certificates.data.data.length === 0 && <p className="muted">No certificates on record.</p>}
        {certificates.state === 'ready' && certificates.data.data.length > 0 && (
          <CertificateTable certificates={certificates.data.data} labelledBy="customer-certificates-title" />
        )}
      </section>

      <section className="card" aria-labelledby="customer-request-title">
        <h2 id="customer-request-title">Request a certificate</h2>
        <p className="muted small tight">The customer gets an email with a link to a form where they fill in the certificate and upload the signed document. What they send waits for your review.</p>
        <RequestCertificate path={`${path}/certificate-requests`} emailOnRecord={customer.email} askJurisdictions onSent={(r) => setSent((previous) => [r, ...previous])} />
        <RequestList sent={sent} loaded={requests} />
      </section>
    </div>
  );
}

function RequestList({ sent, loaded }: { sent: CertificateRequest[]; loaded: Loaded<List<CertificateRequest>> }) {
  const ids = new Set(sent.map((r) => r.id));
  const rows = [...sent, ...(loaded.state === 'ready' ? loaded.data.data.filter((r) => !ids.has(r.id)) : [])];
  if (rows.length === 0) return null;
  return (
    <>
      <h3 className="section-title">Requests sent</h3>
      <div className="table-scroll">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Sent</th>
              <th scope="col">To</th>
              <th scope="col">Email</th>
              <th scope="col">Link</th>
              <th scope="col">Submitted</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-request={r.id}>
                <td className="date">{r.createdAt.slice(0, 10)}</td>
                <td>{r.email}</td>
                <td>
                  {r.emailStatus}
                  {r.lastError && <span className="muted small block-line">{r.lastError}</span>}
                </td>
                <td>{r.status === 'open' ? `open until ${r.expiresAt.slice(0, 10)}` : r.status}</td>
                <td>{r.submittedCertificateId ? <Link href={certificateHref(r.submittedCertificateId)}>{r.submittedCertificateId}</Link> : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function blankCustomer(id: string): Customer {
  return { id, name: null, email: null, type: 'business', address: null, taxIds: [], exempt: false, createdAt: '', updatedAt: '' };
}
