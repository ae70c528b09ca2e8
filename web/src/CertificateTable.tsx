/** Certificates as a table: number, status in words, jurisdictions, reason and dates; the customer too where the list spans customers. */
import { CertificateBadge, certificateHref, customerHref, reasonLabel } from './CertificateBadge';
import type { Certificate } from './certificate-types';
import { Link } from './Link';

interface Props {
  certificates: Certificate[];
  labelledBy: string;
  busy?: boolean;
  showCustomer?: boolean;
}

export function CertificateTable({ certificates, labelledBy, busy = false, showCustomer = false }: Props) {
  return (
    <div className="table-scroll">
      <table className="data certificate-list" aria-busy={busy} aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">Certificate</th>
            {showCustomer && <th scope="col">Customer</th>}
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
          {certificates.map((c) => (
            <tr key={c.id} data-certificate={c.id} data-status={c.status}>
              <th scope="row" className="c-cert">
                <Link href={certificateHref(c.id)}>{c.number ?? c.id}</Link>
                {c.number && <span className="muted small block-line">{c.id}</span>}
              </th>
              {showCustomer && (
                <td className="c-customer">
                  <Link href={customerHref(c.customerId)}>{c.customerName ?? c.customerId}</Link>
                  {c.customerName && <span className="muted small block-line">{c.customerId}</span>}
                </td>
              )}
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
  );
}
