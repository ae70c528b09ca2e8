/**
 * One import, step by step: the file's check ("All looks good!" or its
 * errors by row), the new product ids to assign, the commit with its
 * progress (polled while it runs), its result, and marking the backfill
 * complete. Each answer of the API is the whole import, so the screen
 * always shows what the server says.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, asError } from './api';
import { CommitProgress } from './CommitProgress';
import { CommitResult } from './CommitResult';
import { errorFor } from './Field';
import { ImportStatusBadge } from './ImportStatusBadge';
import { ImportSteps } from './ImportSteps';
import { importHref } from './ImportList';
import type { ImportView } from './imports-types';
import type { Product, TaxCategory } from './settings-types';
import { Link } from './Link';
import { formatCount } from './money';
import { useNavigation } from './navigation';
import { NewProducts } from './NewProducts';
import { RowErrors } from './RowErrors';
import { describeTarget } from './TargetSelect';
import type { List } from './types';
import { UploadArea } from './UploadArea';
import { useAction } from './useAction';
import { useApi } from './useApi';
import { formatWhen } from './when';
import './styles/imports.css';

const POLL_MS = 700;

/** The heading to move focus to when the import reaches a status, so a keyboard user lands on what changed. */
const FOCUS_ON: Partial<Record<ImportView['status'], string>> = {
  committing: 'step-import-title',
  committed: 'step-import-title',
  completed: 'step-complete-title',
};

export function ImportFlow({ id }: { id: string }) {
  const path = `/v1/imports/${encodeURIComponent(id)}`;
  const loaded = useApi<ImportView>(path);
  const [latest, setLatest] = useState<ImportView | null>(null);
  const [pollError, setPollError] = useState<Error | null>(null);
  const [pollAttempt, setPollAttempt] = useState(0);
  const view = latest ?? (loaded.state === 'ready' ? loaded.data : null);

  // While the server is still reading or importing, ask again until it is done.
  useEffect(() => {
    if (!view || (view.status !== 'committing' && view.status !== 'validating')) return;
    const timer = setTimeout(() => {
      api<ImportView>('GET', path).then(
        (answer) => {
          setPollError(null);
          setLatest(answer);
        },
        (failure: unknown) => {
          setPollError(asError(failure));
          setPollAttempt((n) => n + 1);
        },
      );
    }, POLL_MS * (pollError ? 4 : 1));
    return () => clearTimeout(timer);
  }, [view, pollAttempt]);

  const shownStatus = useRef<string | null>(null);
  useEffect(() => {
    if (!view) return;
    const target = FOCUS_ON[view.status];
    if (shownStatus.current !== null && shownStatus.current !== view.status && target) document.getElementById(target)?.focus();
    shownStatus.current = view.status;
  }, [view?.status]);

  if (loaded.state === 'loading' && !view) return <p className="muted" role="status">Loading the import…</p>;
  if (loaded.state === 'error' && !view)
    return (
      <section className="card">
        <BackLink />
        <p className="error" role="alert">
          Could not load the import {id}: {loaded.error.message}
        </p>
      </section>
    );
  if (!view) return null;
  return <Flow view={view} onChange={setLatest} pollError={pollError} />;
}

function BackLink() {
  return (
    <p className="back">
      <Link href="/data-sources">← Data sources</Link>
    </p>
  );
}

function Flow({ view, onChange, pollError }: { view: ImportView; onChange: (view: ImportView) => void; pollError: Error | null }) {
  const { navigate } = useNavigation();
  const what = view.kind === 'transactions' ? 'transactions' : 'employees';
  const checked = view.status !== 'invalid' && view.status !== 'failed' && view.status !== 'validating';
  // The API takes assignments only for a file that passed its check; the corrected upload lists the new products again.
  const hasProducts = checked && view.kind === 'transactions' && view.newProducts.length > 0;

  return (
    <div className="import-flow" data-import={view.id} data-status={view.status}>
      <section className="card" aria-labelledby="import-title">
        <BackLink />
        <div className="card-head import-head">
          <h1 id="import-title">
            {view.kind === 'transactions' ? 'Transactions import' : 'Employees import'}
            {view.fileName && <span className="file-name">{view.fileName}</span>}
          </h1>
          <ImportStatusBadge status={view.status} />
        </div>
        <dl className="facts wide import-facts">
          <dt>Uploaded</dt>
          <dd className="date">{formatWhen(view.createdAt)}</dd>
          <dt>Rows</dt>
          <dd>{formatCount(view.rows.total)}</dd>
          <dt>{view.kind === 'transactions' ? 'Transactions' : 'Employees'}</dt>
          <dd>{formatCount(view.items.total)}</dd>
          <dt>Import id</dt>
          <dd className="ref">{view.id}</dd>
        </dl>
        <ImportSteps view={view} />
      </section>

      <section className="card step" aria-labelledby="step-check-title">
        <h2 id="step-check-title" tabIndex={-1}>
          Check the file
        </h2>
        <CheckResult view={view} what={what} onUploaded={(next) => navigate(importHref(next.id))} />
      </section>

      {hasProducts && (
        <section className="card step" aria-labelledby="step-products-title">
          <h2 id="step-products-title" tabIndex={-1}>
            New products detected
          </h2>
          {view.status === 'validated' ? <Assignments view={view} onChange={onChange} /> : <AssignedList view={view} />}
        </section>
      )}

      {checked && (
        <section className="card step" aria-labelledby="step-import-title">
          <h2 id="step-import-title" tabIndex={-1}>
            {view.status === 'validated' ? 'Import' : view.status === 'committing' ? 'Importing' : 'Imported'}
          </h2>
          {pollError && (
            <p className="error" role="alert">
              Could not get the import's progress ({pollError.message}); trying again.
            </p>
          )}
          {view.status === 'validated' && <Continue view={view} onChange={onChange} />}
          {view.status === 'committing' && <CommitProgress view={view} />}
          {(view.status === 'committed' || view.status === 'completed') && <CommitResult view={view} />}
        </section>
      )}

      {view.kind === 'transactions' && (view.status === 'committed' || view.status === 'completed') && (
        <section className="card step" aria-labelledby="step-complete-title">
          <h2 id="step-complete-title" tabIndex={-1}>
            {view.status === 'completed' ? 'Backfill complete' : 'Mark the backfill complete'}
          </h2>
          <MarkComplete view={view} onChange={onChange} />
        </section>
      )}
    </div>
  );
}

function CheckResult({ view, what, onUploaded }: { view: ImportView; what: string; onUploaded: (view: ImportView) => void }) {
  if (view.status === 'validating')
    return (
      <p className="muted" role="status">
        Reading the file…
      </p>
    );
  if (view.status === 'invalid' || view.status === 'failed')
    return (
      <>
        <p className="error" role="alert">
          {view.message}
        </p>
        {view.status === 'invalid' && <RowErrors importId={view.id} count={view.errors.count} caption={`Problems by row: ${formatCount(view.errors.count)} in ${formatCount(view.rows.invalid)} rows.`} />}
        <h3 className="upload-again">Upload the corrected file</h3>
        <UploadArea kind={view.kind} label="Corrected CSV file" onUploaded={onUploaded} />
      </>
    );
  const existing = view.items.existing;
  return (
    <div className="all-good" role="status">
      <p className="all-good-title">All looks good!</p>
      <p className="small">
        {formatCount(view.rows.total)} rows, {formatCount(view.items.total)} {what}
        {existing > 0 ? `; ${formatCount(existing)} of them are in the ledger already and will be left as they are` : ''}.
      </p>
    </div>
  );
}

function Assignments({ view, onChange }: { view: ImportView; onChange: (view: ImportView) => void }) {
  const products = useApi<List<Product>>('/v1/products?limit=500');
  const categories = useApi<List<TaxCategory>>('/v1/tax-categories');
  if (products.state === 'error' || categories.state === 'error')
    return (
      <p className="error" role="alert">
        Could not load your products and tax categories: {(products.state === 'error' ? products.error : (categories as { error: Error }).error).message}
      </p>
    );
  if (products.state !== 'ready' || categories.state !== 'ready') return <p className="muted" role="status">Loading your products…</p>;
  return <NewProducts view={view} catalog={{ products: products.data.data, categories: categories.data.data }} onChange={onChange} />;
}

/** After the commit the assignments are settled: what each new product id became. */
function AssignedList({ view }: { view: ImportView }) {
  const products = useApi<List<Product>>('/v1/products?limit=500');
  const categories = useApi<List<TaxCategory>>('/v1/tax-categories');
  // Names when they have loaded; the ids until then (or if they fail).
  const catalog = { products: products.state === 'ready' ? products.data.data : [], categories: categories.state === 'ready' ? categories.data.data : [] };
  return (
    <ul className="plain assigned-list">
      {view.newProducts.map((p) => (
        <li key={p.productId} data-new-product={p.productId}>
          <code>{p.productId}</code> →{' '}
          {p.assignedTo ? describeTarget(p.assignedTo, catalog) : <span className="muted">not assigned (held for attention)</span>}
        </li>
      ))}
    </ul>
  );
}

function Continue({ view, onChange }: { view: ImportView; onChange: (view: ImportView) => void }) {
  const [hold, setHold] = useState(false);
  const unassigned = view.newProducts.filter((p) => !p.assignedTo).length;
  const commit = useCallback(
    (_key: string, holdUnassigned: boolean) =>
      api<ImportView>('POST', `/v1/imports/${encodeURIComponent(view.id)}/commit${holdUnassigned ? '?unassignedProducts=hold' : ''}`),
    [view.id],
  );
  const action = useAction(commit);
  // A refusal for unassigned products no longer holds once they are assigned.
  const { clear } = action;
  useEffect(() => clear(), [unassigned]);
  const what = view.kind === 'transactions' ? 'transactions' : 'employees';
  const toImport = view.items.total - view.items.existing;

  async function go() {
    const answer = await action.run(hold && unassigned > 0);
    if (answer) onChange(answer);
  }

  return (
    <div className="continue">
      <p className="small muted">
        {toImport === view.items.total
          ? `${formatCount(toImport)} ${what} will be imported.`
          : `${formatCount(toImport)} new ${what} will be imported; ${formatCount(view.items.existing)} already there are left as they are.`}
      </p>
      {unassigned > 0 && (
        <>
          <p className="small" id="unassigned-hint">
            {unassigned} new product id{unassigned === 1 ? ' is' : 's are'} not assigned yet. Assign {unassigned === 1 ? 'it' : 'them'} above, or import now and hold the
            transactions that use {unassigned === 1 ? 'it' : 'them'} for attention.
          </p>
          <label className="check">
            <input type="checkbox" checked={hold} onChange={(event) => setHold(event.target.checked)} />
            Import now; hold the transactions with unassigned products for attention
          </label>
        </>
      )}
      {action.error && (
        <p className="error" role="alert" id="continue-error">
          {errorFor(action.error, 'unassignedProducts') ?? action.error.message}
        </p>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={action.busy} onClick={() => void go()} aria-describedby={action.error ? 'continue-error' : unassigned > 0 ? 'unassigned-hint' : undefined}>
          {action.busy ? 'Starting…' : 'Continue'}
        </button>
      </div>
    </div>
  );
}

function MarkComplete({ view, onChange }: { view: ImportView; onChange: (view: ImportView) => void }) {
  const complete = useCallback((_key: string) => api<ImportView>('POST', `/v1/imports/${encodeURIComponent(view.id)}/complete`), [view.id]);
  const action = useAction(complete);
  if (view.status === 'completed')
    return (
      <p className="notice" role="status">
        The historical backfill was marked complete{view.progress.completedAt ? ` on ${formatWhen(view.progress.completedAt)}` : ''}: Levy treats your nexus history as whole from
        here on.
      </p>
    );
  return (
    <div className="mark-complete">
      <p className="small muted">
        When every past transaction is in, mark the backfill complete: Levy then treats your nexus history as whole. Import more files first if you have them.
      </p>
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={action.busy}
          onClick={async () => {
            const answer = await action.run();
            if (answer) onChange(answer);
          }}
        >
          {action.busy ? 'Marking…' : 'Mark complete'}
        </button>
      </div>
    </div>
  );
}
