/**
 * Deciding a certificate a customer sent: approve it (it starts exempting
 * the sales it covers) or reject it with a reason the customer can act on
 * (they are emailed it with a new link when it came through a request).
 */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from './api';
import type { Certificate } from './certificate-types';
import { Dialog } from './Dialog';
import { errorFor, Field } from './Field';
import { useAction } from './useAction';
import { FormActions } from './FormActions';

export function CertificateReview({ certificate, onReviewed }: { certificate: Certificate; onReviewed: (reviewed: Certificate, message: string) => void }) {
  const path = `/v1/certificates/${encodeURIComponent(certificate.id)}`;
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const approve = useAction(async (key: string) => api<Certificate>('POST', `${path}/approve`, undefined, { 'idempotency-key': key }));
  const reject = useAction(async (key: string) => api<Certificate>('POST', `${path}/reject`, { reason }, { 'idempotency-key': key }));

  const submitRejection = async (event: FormEvent) => {
    event.preventDefault();
    const rejected = await reject.run();
    if (rejected) {
      setRejecting(false);
      onReviewed(rejected, certificate.requestId ? 'Certificate rejected: the customer is emailed the reason with a new link.' : 'Certificate rejected.');
    }
  };
  const reasonError = reject.error instanceof ApiError ? errorFor(reject.error, 'reason') : null;

  return (
    <div className="review" role="region" aria-label="Review">
      <p className="tight">
        <strong>Waiting for your review.</strong> The customer sent this certificate; it exempts nothing until you approve it. Check the document against the details.
      </p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={approve.busy}
          onClick={async () => {
            const approved = await approve.run();
            if (approved) onReviewed(approved, 'Certificate approved: it now exempts the sales it covers.');
          }}
        >
          {approve.busy ? 'Approving…' : 'Approve'}
        </button>
        <button type="button" className="quiet" onClick={() => setRejecting(true)}>
          Reject…
        </button>
      </div>
      {approve.error && (
        <p className="error" role="alert">
          {approve.error.message}
        </p>
      )}
      <Dialog
        open={rejecting}
        title="Reject this certificate"
        onClose={() => {
          reject.clear();
          setRejecting(false);
        }}
      >
        <form className="form" onSubmit={submitRejection}>
          <Field id="reject-reason" label="Why" hint="Kept on the certificate and, when it came through a request, emailed to the customer with a new link." error={reasonError}>
            <textarea rows={4} value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={2000} />
          </Field>
          {reject.error && !reasonError && (
            <p className="error" role="alert">
              {reject.error.message}
            </p>
          )}
          <FormActions label="Reject certificate" busyLabel="Rejecting…" danger busy={reject.busy} onCancel={() => setRejecting(false)} />
        </form>
      </Dialog>
    </div>
  );
}
