/**
 * Recalculating the customer's past sales with its certificates as they now
 * stand. The dry run comes first and its impact is shown (each sale's tax
 * before and after, totals per currency, the filed periods touched); only
 * then can the real run start, which is followed until it finishes.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from './api';
import type { ReprocessDryRun, Reprocessing, ReprocessItem } from './certificate-types';
import { errorFor, Field } from './Field';
import { Link, returnHref, transactionHref } from './Link';
import { formatMoney } from './money';
import { useAction } from './useAction';
import { localToday } from './when';

const POLL_MS = 1000;

const ACTION_LABEL: Record<ReprocessItem['action'], string> = {
  revise: 'New version',
  correct: 'Negate and correct',
  unchanged: 'Unchanged',
  skip: 'Skipped',
  failed: 'Failed',
};

/** A signed difference, so "+$1.00" and "−$1.00" read apart without colour. */
function signed(minor: number, currency: string): string {
  if (minor === 0) return formatMoney(0, currency);
  return minor > 0 ? `+${formatMoney(minor, currency)}` : formatMoney(minor, currency);
}

export function Reprocess({ certificateId, effectiveDate }: { certificateId: string; effectiveDate: string }) {
  const path = `/v1/certificates/${encodeURIComponent(certificateId)}/reprocess`;
  const [from, setFrom] = useState(effectiveDate);
  const [to, setTo] = useState(localToday);
  const [preferCustomerAddress, setPreferCustomerAddress] = useState(false);
  const [impact, setImpact] = useState<ReprocessDryRun | null>(null);
  const [run, setRun] = useState<Reprocessing | null>(null);
  const [pollError, setPollError] = useState<string | null>(null);
  // A failed read is tried again, more slowly, until the run answers: the run goes on in the server either way.
  const [pollAttempt, setPollAttempt] = useState(0);
  const impactHeading = useRef<HTMLHeadingElement>(null);

  const dryRun = useAction(async () => api<ReprocessDryRun>('POST', path, { from, to, preferCustomerAddress, dryRun: true }));
  const start = useAction(async (key: string) => api<Reprocessing>('POST', path, { from, to, preferCustomerAddress }, { 'idempotency-key': key }));

  // The shown impact is for the form as it was: a change to the form asks for a new dry run.
  const changed = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    if (!run) setImpact(null);
  };

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setRun(null);
    const answer = await dryRun.run();
    if (answer) {
      setImpact(answer);
      requestAnimationFrame(() => impactHeading.current?.focus());
    }
  };

  const begin = async () => {
    setPollError(null);
    const started = await start.run();
    if (started) setRun(started);
  };

  const running = run !== null && (run.status === 'queued' || run.status === 'running');
  useEffect(() => {
    if (!run || !running) return;
    const timer = window.setTimeout(() => {
      api<Reprocessing>('GET', `/v1/reprocessings/${encodeURIComponent(run.id)}`).then(
        (latest) => {
          setPollError(null);
          setRun(latest);
        },
        (failure: unknown) => {
          setPollError(failure instanceof Error ? failure.message : String(failure));
          setPollAttempt((n) => n + 1);
        },
      );
    }, POLL_MS * (pollError ? 4 : 1));
    return () => window.clearTimeout(timer);
  }, [run, running, pollAttempt]);

  const fieldError = (field: string) => (dryRun.error instanceof ApiError ? errorFor(dryRun.error, field) : null);
  const formError = dryRun.error && !fieldError('from') && !fieldError('to') ? dryRun.error : null;
  const changes = impact ? impact.revised + impact.corrected : 0;

  return (
    <section className="card reprocess" aria-labelledby="reprocess-title">
      <h2 id="reprocess-title">Reprocess past sales</h2>
      <p className="muted small tight">
        Recalculates this customer's committed sales invoiced in the dates below with its certificates as they stand now. A sale in an open period gets a new version; a sale in a filed period is left as filed and a negation and a
        corrected sale are recorded in the open period. See the impact first: nothing changes until you start.
      </p>
      <form className="form-row" onSubmit={check} aria-label="Reprocess dates">
        <Field id="reprocess-from" label="Invoices from" error={fieldError('from')}>
          <input type="date" value={from} onChange={(e) => changed(setFrom)(e.target.value)} required disabled={running} />
        </Field>
        <Field id="reprocess-to" label="Invoices to" error={fieldError('to')}>
          <input type="date" value={to} onChange={(e) => changed(setTo)(e.target.value)} required disabled={running} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={preferCustomerAddress} onChange={(e) => changed(setPreferCustomerAddress)(e.target.checked)} disabled={running} /> Use the customer's address on record instead of each invoice's
        </label>
        <button type="submit" className="quiet" disabled={dryRun.busy || running}>
          {dryRun.busy ? 'Working out the impact…' : 'Show the impact'}
        </button>
      </form>
      {formError && (
        <p className="error" role="alert">
          {formError.message}
        </p>
      )}
      {impact && (
        <div className="impact" data-impact>
          <h3 ref={impactHeading} tabIndex={-1} id="impact-title">
            Impact, {impact.from} to {impact.to}
          </h3>
          <p className="impact-counts" data-counts>
            {impact.transactions} sale{impact.transactions === 1 ? '' : 's'}: {impact.revised} revised, {impact.corrected} corrected in the open period, {impact.unchanged} unchanged, {impact.skipped} skipped.
          </p>
          <ImpactTotals totals={impact.totals} />
          <FiledPeriods periods={impact.filedPeriods} />
          {impact.items.length > 0 && <ImpactItems items={impact.items} />}
          {!run && (
            <div className="actions start">
              {changes > 0 ? (
                <button type="button" className="primary" onClick={begin} disabled={start.busy}>
                  {start.busy ? 'Starting…' : 'Start reprocessing'}
                </button>
              ) : (
                <p className="muted">Nothing would change: there is nothing to start.</p>
              )}
            </div>
          )}
          {start.error && (
            <p className="error" role="alert">
              {start.error.message}
            </p>
          )}
        </div>
      )}
      {run && <RunProgress run={run} pollError={pollError} />}
    </section>
  );
}

function ImpactTotals({ totals }: { totals: ReprocessDryRun['totals'] }) {
  if (totals.length === 0) return null;
  return (
    <div className="table-scroll">
      <table className="data impact-totals" aria-label="Tax totals by currency">
        <thead>
          <tr>
            <th scope="col">Currency</th>
            <th scope="col" className="num">
              Tax before
            </th>
            <th scope="col" className="num">
              Tax after
            </th>
            <th scope="col" className="num">
              Difference
            </th>
          </tr>
        </thead>
        <tbody>
          {totals.map((t) => (
            <tr key={t.currency} data-currency={t.currency}>
              <th scope="row">{t.currency}</th>
              <td className="num" data-figure="taxBefore">
                {formatMoney(t.taxBefore, t.currency)}
              </td>
              <td className="num" data-figure="taxAfter">
                {formatMoney(t.taxAfter, t.currency)}
              </td>
              <td className="num" data-figure="difference">
                {signed(t.difference, t.currency)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FiledPeriods({ periods }: { periods: ReprocessDryRun['filedPeriods'] }) {
  if (periods.length === 0) return <p className="small">No filed period is touched: every change lands in an open period.</p>;
  return (
    <div className="filed-periods">
      <p className="small tight">Filed periods touched (left as filed; the difference is recorded in the open period):</p>
      <ul className="plain" aria-label="Filed periods touched">
        {periods.map((p) => (
          <li key={`${p.jurisdictionId}/${p.period}`} data-filed-period={`${p.jurisdictionId}/${p.period}`}>
            <Link href={returnHref(p.jurisdictionId, p.period)}>
              {p.jurisdictionId} {p.period}
            </Link>{' '}
            <span className="muted small">
              {p.transactions} sale{p.transactions === 1 ? '' : 's'}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ImpactItems({ items }: { items: ReprocessDryRun['items'] }) {
  return (
    <details className="impact-items" open={items.length <= 20}>
      <summary>
        Sale by sale ({items.length})
      </summary>
      <div className="table-scroll">
        <table className="data" aria-label="Sales recalculated">
          <thead>
            <tr>
              <th scope="col">Sale</th>
              <th scope="col">Date</th>
              <th scope="col" className="num">
                Tax before
              </th>
              <th scope="col" className="num">
                Tax after
              </th>
              <th scope="col" className="num">
                Difference
              </th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-item={item.id} data-action={item.action}>
                <th scope="row">
                  <Link href={transactionHref(item.id)}>{item.id}</Link>
                </th>
                <td className="date">{item.date}</td>
                <td className="num">{formatMoney(item.taxBefore, item.currency)}</td>
                <td className="num">{formatMoney(item.taxAfter, item.currency)}</td>
                <td className="num">{signed(item.difference, item.currency)}</td>
                <td>
                  {ACTION_LABEL[item.action]}
                  {item.filedPeriod && <span className="muted small block-line">filed {item.filedPeriod.jurisdictionId} {item.filedPeriod.period}</span>}
                  {(item.reason || item.message) && <span className="muted small block-line">{item.reason ?? item.message}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function RunProgress({ run, pollError }: { run: Reprocessing; pollError: string | null }) {
  const finished = run.status === 'completed' || run.status === 'failed';
  const failed = run.items.filter((i) => i.action === 'failed');
  const percent = run.total === 0 ? 100 : Math.floor((run.done * 100) / run.total);
  return (
    <div className="run" data-reprocessing={run.id} data-status={run.status}>
      <h3>Reprocessing</h3>
      <div className="progress-track" role="progressbar" aria-label="Reprocessing" aria-valuemin={0} aria-valuemax={run.total} aria-valuenow={run.done} aria-valuetext={`${run.done} of ${run.total} sales`}>
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p role="status" aria-live="polite" className="run-status">
        {run.status === 'queued' && 'Queued…'}
        {run.status === 'running' && `Recalculating: ${run.done} of ${run.total} sales done.`}
        {run.status === 'completed' && `Finished: ${run.done} of ${run.total} sales processed${failed.length ? `, ${failed.length} failed` : ''}.`}
        {run.status === 'failed' && `Stopped after ${run.done} of ${run.total} sales: ${run.error ?? 'no reason given'}.`}
      </p>
      {pollError && (
        <p className="error" role="alert">
          Could not read the run's progress (trying again): {pollError}
        </p>
      )}
      {finished && failed.length > 0 && (
        <ul className="plain small">
          {failed.map((i) => (
            <li key={i.id}>
              <Link href={transactionHref(i.id)}>{i.id}</Link>: {i.message ?? i.reason ?? 'failed'}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
