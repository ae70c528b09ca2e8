/**
 * The ledger: transactions newest first, searched and filtered by dates,
 * status, customer and jurisdiction, a page at a time. The filters live in
 * the address, so a filtered list can be bookmarked or sent to a colleague.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, ApiError } from './api';
import { formatMoney } from './money';
import type { List, TransactionSummary } from './types';
import { Link, transactionHref } from './Link';
import { useNavigation } from './navigation';

interface Filters {
  search: string;
  from: string;
  to: string;
  status: string;
  customerId: string;
  jurisdiction: string;
}

const EMPTY: Filters = { search: '', from: '', to: '', status: '', customerId: '', jurisdiction: '' };
const KEYS = Object.keys(EMPTY) as Array<keyof Filters>;
const PAGE = 50;

function filtersOf(params: URLSearchParams): Filters {
  return Object.fromEntries(KEYS.map((key) => [key, params.get(key) ?? ''])) as unknown as Filters;
}

function addressOf(filters: Filters): string {
  const params = new URLSearchParams();
  for (const key of KEYS) if (filters[key]) params.set(key, filters[key]);
  const text = params.toString();
  return text ? `/transactions?${text}` : '/transactions';
}

function query(filters: Filters, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(PAGE), order: 'desc' });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  return `/v1/transactions?${params}`;
}

export function Transactions({ onOpen }: { onOpen: (id: string) => void }) {
  const { url, navigate } = useNavigation();
  const search = url.search;
  const filters = useMemo(() => filtersOf(new URLSearchParams(search)), [search]);
  const [draft, setDraft] = useState<Filters>(filters);
  const setFilters = (next: Filters) => navigate(addressOf(next), { replace: true });
  const [rows, setRows] = useState<TransactionSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | Error | null>(null);

  async function load(applied: Filters, cursor: string | null) {
    setLoading(true);
    setError(null);
    try {
      const page = await api<List<TransactionSummary>>('GET', query(applied, cursor));
      setRows((previous) => (cursor ? [...previous, ...page.data] : page.data));
      setNext(page.nextCursor);
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    setDraft(filters);
    void load(filters, null);
  }, [filters]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };
  const field = (key: keyof Filters) => ({
    id: `filter-${key}`,
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
    'aria-invalid': error instanceof ApiError && error.param === key ? true : undefined,
  });

  return (
    <section className="card" aria-labelledby="transactions-title">
      <div className="card-head">
        <h1 id="transactions-title">Transactions</h1>
      </div>
      <form className="filters" onSubmit={submit} aria-label="Filter transactions">
        <div>
          <label htmlFor="filter-search">Search</label>
          <input type="search" placeholder="Transaction or customer id" {...field('search')} />
        </div>
        <div>
          <label htmlFor="filter-from">From</label>
          <input type="date" {...field('from')} />
        </div>
        <div>
          <label htmlFor="filter-to">To</label>
          <input type="date" {...field('to')} />
        </div>
        <div>
          <label htmlFor="filter-status">Status</label>
          <select {...field('status')}>
            <option value="">Any</option>
            <option value="uncommitted">Uncommitted</option>
            <option value="committed">Committed</option>
            <option value="voided">Voided</option>
          </select>
        </div>
        <div>
          <label htmlFor="filter-customerId">Customer id</label>
          <input type="text" {...field('customerId')} />
        </div>
        <div>
          <label htmlFor="filter-jurisdiction">Jurisdiction</label>
          <input type="text" placeholder="US-TX" size={10} {...field('jurisdiction')} onChange={(e) => setDraft({ ...draft, jurisdiction: e.target.value.toUpperCase() })} />
        </div>
        <div className="filter-actions">
          <button type="submit" className="primary">
            Apply
          </button>
          <button
            type="button"
            className="quiet"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {error && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      <div className="table-scroll">
        <table className="data" aria-busy={loading}>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Transaction</th>
              <th scope="col">Status</th>
              <th scope="col">Customer</th>
              <th scope="col" className="num">Subtotal</th>
              <th scope="col" className="num">Tax</th>
              <th scope="col" className="num">Total</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.id} data-transaction={t.id}>
                <td className="date">{t.date}</td>
                <th scope="row">
                  <Link href={transactionHref(t.id)} onFollow={() => onOpen(t.id)}>
                    {t.id}
                  </Link>
                  {t.type === 'refund' && <span className="muted small"> refund</span>}
                </th>
                <td>
                  <span className={`badge tx-${t.status}`}>{t.status}</span>
                </td>
                <td>{t.customerId ? <Link href={`/customers/${encodeURIComponent(t.customerId)}`}>{t.customerId}</Link> : <span className="muted">—</span>}</td>
                <td className="num">{formatMoney(t.subtotal, t.currency)}</td>
                <td className="num">{formatMoney(t.tax, t.currency)}</td>
                <td className="num">{formatMoney(t.total, t.currency)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loading && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {!loading && rows.length === 0 && !error && <p className="muted">No transactions match.</p>}
      {next && !loading && (
        <button type="button" className="quiet more" onClick={() => void load(filters, next)}>
          Show more
        </button>
      )}
    </section>
  );
}
