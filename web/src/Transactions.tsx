/**
 * The ledger: transactions newest first, searched and filtered by dates,
 * status, customer and jurisdiction, a page at a time. The filters live in
 * the address, so a filtered list can be bookmarked or sent to a colleague.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ApiError } from './api';
import { formatMoney } from './money';
import { PagedListFoot } from './PagedListFoot';
import type { TransactionSummary } from './types';
import { Link, transactionHref } from './Link';
import { useNavigation } from './navigation';
import { usePagedList } from './usePagedList';

interface Filters {
  q: string;
  from: string;
  to: string;
  status: string;
  customerId: string;
  jurisdiction: string;
}

const EMPTY: Filters = { q: '', from: '', to: '', status: '', customerId: '', jurisdiction: '' };
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

function query(filters: Filters): string {
  const params = new URLSearchParams({ order: 'desc' });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return `/v1/transactions?${params}`;
}

export function Transactions() {
  const { url, navigate } = useNavigation();
  const search = url.search;
  const filters = useMemo(() => filtersOf(new URLSearchParams(search)), [search]);
  const [draft, setDraft] = useState<Filters>(filters);
  const setFilters = (next: Filters) => navigate(addressOf(next), { replace: true });
  const list = usePagedList<TransactionSummary>(query(filters), PAGE);
  const { rows, error } = list;

  useEffect(() => setDraft(filters), [filters]);

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
          <label htmlFor="filter-q">Search</label>
          <input type="search" placeholder="Transaction or customer id" {...field('q')} />
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
        <table className="data" aria-busy={list.loading}>
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
                  <Link href={transactionHref(t.id)}>
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
      <PagedListFoot list={list} empty="No transactions match." />
    </section>
  );
}
