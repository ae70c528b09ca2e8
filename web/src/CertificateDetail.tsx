/**
 * One certificate: its facts and status, the signed document, editing,
 * archiving, the review of one a customer sent, a renewal request, and
 * reprocessing the customer's past sales.
 */
import { useEffect, useRef, useState } from 'react';
import { api } from './api';
import { CertificateBadge, customerHref, reasonLabel } from './CertificateBadge';
import { CertificateDocument } from './CertificateDocument';
import { CertificateEditForm } from './CertificateEditForm';
import { CertificateReview } from './CertificateReview';
import type { Certificate, Customer } from './certificate-types';
import { ConfirmDialog } from './ConfirmDialog';
import { Dialog } from './Dialog';
import { Link } from './Link';
import { Reprocess } from './Reprocess';
import { RequestCertificate } from './RequestCertificate';
import { useAction } from './useAction';
import { useApi } from './useApi';
import './styles/certificates.css';

export function CertificateDetail({ id }: { id: string }) {
  const path = `/v1/certificates/${encodeURIComponent(id)}`;
  const loaded = useApi<Certificate>(path);
  const [changed, setChanged] = useState<Certificate | null>(null);
  const [dialog, setDialog] = useState<'edit' | 'archive' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const title = useRef<HTMLHeadingElement>(null);
  // Bumped by each write: focus goes to the title once the dialog has closed (a child's effect, run first).
  const [written, setWritten] = useState(0);
  useEffect(() => {
    if (written > 0) title.current?.focus();
  }, [written]);
  const certificate = changed ?? (loaded.state === 'ready' ? loaded.data : null);
  const customer = useApi<Customer>(certificate ? `/v1/customers/${encodeURIComponent(certificate.customerId)}` : null);

  const archive = useAction(async (key: string) => api<Certificate>('POST', `${path}/archive`, undefined, { 'idempotency-key': key }));

  /** A write's answer replaces what is shown; focus goes back to the title, where the new status is read. */
  const update = (next: Certificate, message: string) => {
    setChanged(next);
    setDialog(null);
    setNotice(message);
    setWritten((n) => n + 1);
  };

  const back = (
    <p className="back">
      <Link href="/customers">← Customers</Link>
    </p>
  );
  if (loaded.state === 'loading')
    return (
      <p className="muted" role="status">
        Loading the certificate…
      </p>
    );
  if (loaded.state === 'error' || !certificate)
    return (
      <section className="card">
        {back}
        <h1>Certificate {id}</h1>
        <p className="error" role="alert">
          Could not load certificate {id}: {loaded.state === 'error' ? loaded.error.message : ''}
        </p>
      </section>
    );
  const c = certificate;
  const emailOnRecord = customer.state === 'ready' ? customer.data.email : null;

  return (
    <div className="certificate-detail" data-certificate={c.id} data-status={c.status}>
      <section className="card" aria-labelledby="certificate-title">
        {back}
        <div className="card-head certificate-head">
          <h1 id="certificate-title" ref={title} tabIndex={-1}>
            Certificate {c.number ?? c.id}
          </h1>
          <CertificateBadge status={c.status} />
        </div>
        <div aria-live="polite">{notice && <p className="notice">{notice}</p>}</div>
        {c.status === 'pending_review' && <CertificateReview certificate={c} onReviewed={update} />}
        {c.status === 'rejected' && c.rejectionReason && (
          <p className="error">
            <strong>Rejected:</strong> {c.rejectionReason}
          </p>
        )}
        <div className="two certificate-body">
          <div>
            <dl className="facts wide certificate-facts">
              <dt>Customer</dt>
              <dd>
                <Link href={customerHref(c.customerId)}>{c.customerName ?? c.customerId}</Link>
                {c.customerName && <span className="muted small"> {c.customerId}</span>}
              </dd>
              <dt>Number</dt>
              <dd>{c.number ?? <span className="muted">None</span>}</dd>
              <dt>Jurisdictions</dt>
              <dd>{c.jurisdictions.join(', ')}</dd>
              <dt>Reason</dt>
              <dd>
                {reasonLabel(c.reason)} <span className="muted small">(entity/use code {c.entityUseCode})</span>
              </dd>
              <dt>Effective</dt>
              <dd className="date">{c.effectiveDate}</dd>
              <dt>Expires</dt>
              <dd className="date">{c.expirationDate ?? <span className="muted">Does not expire</span>}</dd>
              {c.notes && (
                <>
                  <dt>Notes</dt>
                  <dd className="notes">{c.notes}</dd>
                </>
              )}
              {c.reviewedAt && (
                <>
                  <dt>Reviewed</dt>
                  <dd className="date">{c.reviewedAt.slice(0, 10)}</dd>
                </>
              )}
              {c.requestId && (
                <>
                  <dt>Sent by the customer</dt>
                  <dd className="small">through request {c.requestId}</dd>
                </>
              )}
              <dt>Updated</dt>
              <dd className="date">{c.updatedAt.slice(0, 10)}</dd>
            </dl>
            <div className="actions certificate-actions">
              <button type="button" className="quiet" onClick={() => setDialog('edit')}>
                Edit
              </button>
              {c.status !== 'archived' && (
                <button type="button" className="quiet danger-text" onClick={() => setDialog('archive')}>
                  Archive
                </button>
              )}
            </div>
          </div>
          <CertificateDocument certificateId={c.id} />
        </div>
      </section>

      {c.status !== 'pending_review' && (
        <section className="card" aria-labelledby="renewal-title">
          <h2 id="renewal-title">Request a renewal</h2>
          <p className="muted small tight">Emails the customer a link to send a new certificate for {c.jurisdictions.join(', ')}. What they send waits for your review.</p>
          <RequestCertificate path={`${path}/request`} emailOnRecord={emailOnRecord} askJurisdictions={false} />
        </section>
      )}

      {c.status !== 'pending_review' && <Reprocess certificateId={c.id} effectiveDate={c.effectiveDate} />}

      <Dialog open={dialog === 'edit'} title="Edit certificate" onClose={() => setDialog(null)}>
        <CertificateEditForm certificate={c} onSaved={(saved) => update(saved, 'Changes saved.')} onCancel={() => setDialog(null)} />
      </Dialog>
      <ConfirmDialog
        open={dialog === 'archive'}
        title="Archive this certificate?"
        confirmLabel="Archive certificate"
        busyLabel="Archiving…"
        action={archive}
        onConfirm={async () => {
          const archived = await archive.run();
          if (archived) update(archived, 'Certificate archived: it no longer exempts any sale.');
        }}
        onClose={() => setDialog(null)}
      >
        <p>
          Certificate {c.number ?? c.id} of {c.customerName ?? c.customerId} will no longer exempt any sale. It is kept as the record of the sales it exempted. Sales already recorded keep their tax: reprocess them afterwards if they
          should change.
        </p>
      </ConfirmDialog>
    </div>
  );
}
