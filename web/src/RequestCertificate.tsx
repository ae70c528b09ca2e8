/**
 * Emailing a customer a link to send a certificate: a first one from the
 * customer's page, a renewal from a certificate's. The link is only in the
 * email, so without an email channel nothing can be asked: that refusal is
 * explained rather than shown as a bare error.
 */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from './api';
import type { CertificateRequest } from './certificate-types';
import { errorFor, Field } from './Field';
import { Link } from './Link';
import { useAction } from './useAction';

interface Props {
  /** POST /v1/customers/:id/certificate-requests or /v1/certificates/:id/request. */
  path: string;
  /** The customer's email on record, used when the field is left empty. */
  emailOnRecord: string | null;
  /** A first request may name the jurisdictions asked for; a renewal asks for the renewed certificate's. */
  askJurisdictions: boolean;
  onSent?: (request: CertificateRequest) => void;
}

export function RequestCertificate({ path, emailOnRecord, askJurisdictions, onSent }: Props) {
  const [email, setEmail] = useState('');
  const [jurisdictions, setJurisdictions] = useState('');
  const [sent, setSent] = useState<CertificateRequest | null>(null);
  const send = useAction(async (key: string) => {
    const list = jurisdictions
      .split(/[\s,]+/)
      .map((j) => j.trim().toUpperCase())
      .filter(Boolean);
    const body = { ...(email.trim() ? { email: email.trim() } : {}), ...(askJurisdictions && list.length ? { jurisdictions: list } : {}) };
    return api<CertificateRequest>('POST', path, body, { 'idempotency-key': key });
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSent(null);
    const request = await send.run();
    if (request) {
      setSent(request);
      onSent?.(request);
    }
  };

  const idBase = askJurisdictions ? 'request' : 'renewal';
  const error = send.error;
  const noChannel = error instanceof ApiError && error.code === 'email_not_configured';
  const fieldError = (field: string) => (error instanceof ApiError ? errorFor(error, field) : null);
  const general = error && !noChannel && !fieldError('email') && !fieldError('jurisdictions') ? error : null;

  return (
    <form className="form request-form" onSubmit={submit} aria-label="Request a certificate">
      <div className="form-row">
        <Field id={`${idBase}-email`} label="Send to" hint={emailOnRecord ? `Leave empty to use ${emailOnRecord}` : 'No email on record: type the address'} error={fieldError('email')}>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="off" maxLength={320} />
        </Field>
        {askJurisdictions && (
          <Field id={`${idBase}-jurisdictions`} label="Jurisdictions asked for" hint="Optional, such as US-TX, US-NY" error={fieldError('jurisdictions')}>
            <input type="text" value={jurisdictions} onChange={(e) => setJurisdictions(e.target.value)} autoComplete="off" />
          </Field>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={send.busy}>
          {send.busy ? 'Sending…' : askJurisdictions ? 'Email the request' : 'Email the renewal request'}
        </button>
      </div>
      <div aria-live="polite">
        {noChannel && (
          <div className="error" role="alert">
            <p className="tight">Certificate requests go out by email, and no email channel is set up for this account, so nothing was sent.</p>
            <p className="tight">
              An admin sets up the SMTP server in <Link href="/settings">Settings</Link> (alert channels); then ask again.
            </p>
          </div>
        )}
        {general && (
          <p className="error" role="alert">
            {general.message}
          </p>
        )}
        {sent && <RequestSent request={sent} />}
      </div>
    </form>
  );
}

function RequestSent({ request }: { request: CertificateRequest }) {
  if (request.emailStatus === 'failed')
    return (
      <p className="error" role="alert">
        The request was recorded but the email to {request.email} failed: {request.lastError ?? 'no reason given'}. Levy tries again every hour.
      </p>
    );
  return (
    <p className="notice" role="status">
      {request.emailStatus === 'sent' ? `Emailed a link to ${request.email}.` : `The email to ${request.email} is on its way.`} It works once, until {request.expiresAt.slice(0, 10)}.
    </p>
  );
}
