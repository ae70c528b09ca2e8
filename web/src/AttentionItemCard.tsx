/**
 * One held transaction: what it is, where it came from, what went wrong,
 * the request it holds, and reposting or dismissing it.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from './api';
import type { AttentionItem } from './attention-types';
import { attentionChanged } from './attention-events';
import { Dialog } from './Dialog';
import { errorTitle } from './error-words';
import { Field } from './Field';
import { fieldError, FormError } from './FormError';
import { Link, transactionHref } from './Link';
import type { TransactionSummary } from './types';
import { useAction } from './useAction';
import { formatWhen } from './when';
import { FormActions } from './FormActions';

export function AttentionItemCard({ item, onChange }: { item: AttentionItem; onChange: (item: AttentionItem) => void }) {
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState('');
  const titleId = `att-${item.id}`;
  // What was just done here, read out; and focus on the item's heading, since the button pressed is gone.
  const [said, setSaid] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (said) heading.current?.focus();
  }, [said]);

  const repost = useAction(async (key: string) => {
    try {
      return await api<TransactionSummary>('POST', `/v1/attention/${encodeURIComponent(item.id)}/repost`, {}, { 'idempotency-key': key });
    } catch (failure) {
      // The item keeps the new error and one attempt more: show it as it now stands.
      if (failure instanceof ApiError && failure.status < 500) {
        await api<AttentionItem>('GET', `/v1/attention/${encodeURIComponent(item.id)}`).then(onChange, () => undefined);
      }
      throw failure;
    }
  });
  const dismiss = useAction(async (key: string, why: string) =>
    api<AttentionItem>('POST', `/v1/attention/${encodeURIComponent(item.id)}/dismiss`, { reason: why }, { 'idempotency-key': key }),
  );

  async function runRepost() {
    const transaction = await repost.run();
    if (transaction) {
      onChange({ ...item, status: 'reposted', transactionId: transaction.id, resolvedAt: new Date().toISOString() });
      setSaid(`Reposted: recorded as transaction ${transaction.id}.`);
      attentionChanged();
    }
  }

  async function submitDismiss(event: FormEvent) {
    event.preventDefault();
    const dismissed = await dismiss.run(reason);
    if (dismissed) {
      setDismissing(false);
      onChange(dismissed);
      setSaid(`Dismissed ${item.reference}.`);
      attentionChanged();
    }
  }

  return (
    <li className={`attention-item status-${item.status}`} data-attention={item.id}>
      <article aria-labelledby={titleId}>
        <div className="attention-item-head">
          <h3 id={titleId} ref={heading} tabIndex={-1}>
            <span className="ref-id">{item.reference}</span> <span className="muted small">{item.type}</span>
          </h3>
          {item.status === 'open' ? (
            <span className="badge attention-code" title={item.code}>
              {errorTitle(item.code)}
            </span>
          ) : (
            <span className={`badge attention-${item.status}`}>{item.status === 'reposted' ? 'Reposted' : 'Dismissed'}</span>
          )}
        </div>
        {item.status === 'dismissed' ? (
          <p className="attention-message">
            <span className="muted">Reason: </span>
            {item.message}
          </p>
        ) : item.status === 'open' ? (
          <p className="attention-message">
            {item.message}
            {item.field && <span className="muted small"> (field <code>{item.field}</code>)</span>}
          </p>
        ) : (
          <p className="attention-message">
            Recorded as transaction{' '}
            <Link href={transactionHref(item.transactionId ?? item.reference)}>{item.transactionId ?? item.reference}</Link>.
          </p>
        )}
        <p className="attention-meta small muted">
          <span>
            From{' '}
            {item.source === 'import' ? (
              <Link href={`/data-sources/imports/${encodeURIComponent(item.sourceId)}`}>import {item.sourceId}</Link>
            ) : (
              <>connector {item.sourceId}</>
            )}
          </span>
          <span>
            Held <time dateTime={item.createdAt}>{formatWhen(item.createdAt)}</time>
          </span>
          {item.attempts > 1 && <span>{item.attempts} attempts</span>}
          <span>
            Code <code>{item.code}</code>
          </span>
        </p>
        <details className="attention-request">
          <summary>
            Request<span className="sr-only"> of {item.reference}</span>
          </summary>
          <pre tabIndex={0}>{JSON.stringify(item.request, null, 2)}</pre>
        </details>
        <p role="status" className="sr-only">
          {said}
        </p>
        {repost.error && (
          <p className="error" role="alert">
            Repost failed: {repost.error.message}
          </p>
        )}
        {item.status === 'open' && (
          <div className="actions">
            <button type="button" className="primary" disabled={repost.busy} onClick={() => void runRepost()}>
              {repost.busy ? 'Reposting…' : 'Repost'}
              <span className="sr-only"> {item.reference}</span>
            </button>
            <button
              type="button"
              className="quiet"
              onClick={() => {
                dismiss.clear();
                setDismissing(true);
              }}
            >
              Dismiss<span className="sr-only"> {item.reference}</span>
            </button>
          </div>
        )}
      </article>
      <Dialog open={dismissing} title={`Dismiss ${item.reference}`} onClose={() => setDismissing(false)}>
        <form className="form" onSubmit={submitDismiss} noValidate>
          <p className="small">The transaction will not be recorded. Say why, for whoever looks at it later.</p>
          <FormError error={dismiss.error} fields={['reason']} />
          <Field id={`reason-${item.id}`} label="Reason" error={fieldError(dismiss.error, 'reason')}>
            <textarea rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} required autoFocus />
          </Field>
          <FormActions label="Dismiss transaction" busyLabel="Dismissing…" danger busy={dismiss.busy} onCancel={() => setDismissing(false)} />
        </form>
      </Dialog>
    </li>
  );
}
