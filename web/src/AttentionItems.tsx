/**
 * Transactions Levy held because it could not take them, filtered by the
 * URL's query (code, source, source id, status) so a filtered list can be
 * linked to, with reposting every matching item at once.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from './api';
import { attentionChanged } from './attention-events';
import type { AttentionItem, BulkRepostAnswer } from './attention-types';
import { AttentionItemCard } from './AttentionItemCard';
import { errorTitle } from './error-words';
import { useNavigation } from './navigation';
import { PagedListFoot } from './PagedListFoot';
import { useAction } from './useAction';
import { usePagedList } from './usePagedList';

const FILTERS = ['status', 'code', 'source', 'sourceId'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const PAGE = 25;

function filtersOf(url: URL): Filters {
  const get = (key: string) => url.searchParams.get(key) ?? '';
  return { status: get('status'), code: get('code'), source: get('source'), sourceId: get('sourceId') };
}

function listPath(filters: Filters): string {
  const params = new URLSearchParams();
  for (const key of FILTERS) if (filters[key]) params.set(key, filters[key]);
  const query = params.toString();
  return query ? `/v1/attention?${query}` : '/v1/attention';
}

export function AttentionItems() {
  const { url, navigate } = useNavigation();
  const applied = filtersOf(url);
  const path = listPath(applied);
  const [draft, setDraft] = useState<Filters>(applied);
  const list = usePagedList<AttentionItem>(path, PAGE);
  const { rows: items, error } = list;
  const [outcome, setOutcome] = useState<BulkRepostAnswer | null>(null);

  useEffect(() => {
    setDraft(applied);
  }, [path]);

  const apply = (filters: Filters) => {
    const params = new URLSearchParams();
    for (const key of FILTERS) if (filters[key].trim()) params.set(key, filters[key].trim());
    const query = params.toString();
    setOutcome(null);
    navigate(`/attention${query ? `?${query}` : ''}`, { replace: true });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };

  const bulk = useAction(async (key: string) => {
    const body = { ...(applied.code ? { code: applied.code } : {}), ...(applied.source ? { source: applied.source } : {}), ...(applied.sourceId ? { sourceId: applied.sourceId } : {}) };
    return api<BulkRepostAnswer>('POST', '/v1/attention/repost', body, { 'idempotency-key': key });
  });
  async function repostAll() {
    setOutcome(null);
    const answer = await bulk.run();
    if (answer) {
      setOutcome(answer);
      attentionChanged();
      await list.reload();
    }
  }

  const field = (key: keyof Filters) => ({
    id: `attention-${key}`,
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
    'aria-invalid': error instanceof ApiError && error.param === key ? true : undefined,
  });
  const showingOpen = applied.status === '' || applied.status === 'open';
  const filtered = applied.code || applied.source || applied.sourceId;

  return (
    <section className="card attention-items" aria-labelledby="attention-items-title">
      <div className="card-head">
        <h2 id="attention-items-title">Transactions held</h2>
        {showingOpen && items.length > 0 && (
          <button type="button" className="primary" disabled={bulk.busy} onClick={() => void repostAll()}>
            {bulk.busy ? 'Reposting…' : filtered ? 'Repost all matching' : 'Repost all'}
          </button>
        )}
      </div>
      <p className="small muted">
        Transactions from imports and connectors that Levy could not record. Fix the cause (map the product, correct the address in the source), then
        repost; or dismiss one that should not be recorded.
      </p>
      <form className="filters" onSubmit={submit} aria-label="Filter held transactions">
        <div>
          <label htmlFor="attention-status">Status</label>
          <select {...field('status')}>
            <option value="">Open</option>
            <option value="reposted">Reposted</option>
            <option value="dismissed">Dismissed</option>
          </select>
        </div>
        <div>
          <label htmlFor="attention-code">Error code</label>
          <input type="text" list="attention-codes" autoComplete="off" spellCheck={false} {...field('code')} />
          <datalist id="attention-codes">
            {[...new Set(items.map((i) => i.code))].map((code) => (
              <option key={code} value={code}>
                {errorTitle(code)}
              </option>
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor="attention-source">Source</label>
          <select {...field('source')}>
            <option value="">Any</option>
            <option value="import">Import</option>
            <option value="connector">Connector</option>
          </select>
        </div>
        <div>
          <label htmlFor="attention-sourceId">Import id or connector</label>
          <input type="text" autoComplete="off" spellCheck={false} {...field('sourceId')} />
        </div>
        <div className="filter-actions">
          <button type="submit" className="primary">
            Apply
          </button>
          <button type="button" className="quiet" onClick={() => apply({ status: '', code: '', source: '', sourceId: '' })}>
            Clear
          </button>
        </div>
      </form>
      <div role="status" className="attention-outcome">
        {outcome && (
          <div className={outcome.failed > 0 ? 'error' : 'notice'}>
            <p>
              Reposted {outcome.reposted} {outcome.reposted === 1 ? 'transaction' : 'transactions'}
              {outcome.failed > 0 ? `; ${outcome.failed} still ${outcome.failed === 1 ? 'fails' : 'fail'} and ${outcome.failed === 1 ? 'stays' : 'stay'} open.` : '.'}
            </p>
            {outcome.failures.length > 0 && (
              <ul className="small">
                {outcome.failures.map((f) => (
                  <li key={f.id}>
                    <span className="ref-id">{f.reference}</span>: {errorTitle(f.code)} ({f.message})
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      {bulk.error && (
        <p className="error" role="alert">
          Repost all failed: {bulk.error.message}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      <ul className="attention-list" aria-busy={list.loading}>
        {items.map((item) => (
          <AttentionItemCard key={item.id} item={item} onChange={(changed) => list.update((all) => all.map((i) => (i.id === changed.id ? changed : i)))} />
        ))}
      </ul>
      <PagedListFoot list={list} empty={showingOpen && !filtered ? 'Nothing needs attention.' : 'No held transactions match.'} />
    </section>
  );
}
