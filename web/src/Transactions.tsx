/** The ledger: transactions by date, filtered by dates, status and customer, a page at a time. */
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from './api';
import { formatMoney } from './money';
import type { List, TransactionSummary } from './types';
import { Link, transactionHref } from './Link';

interface Filters {
  from: string;
  to: string;
  status: string;
  customerId: string;
}

const EMPTY: Filters = { from: '', to: '', status: '', customerId: '' };
const PAGE = 50;

function query(filters: Filters, cursor: string | null): string {
  const params = new URLSearchParams({ limit: String(PAGE) });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  return `/v1/transactions?${params}`;
}

export function Transactions({ onOpen }: { onOpen: (id: string) => void }) {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
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
                <td>{t.customerId ?? <span className="muted">—</span>}</td>
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
