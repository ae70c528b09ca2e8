/** One return: its figures, the breakdown by jurisdiction, the transactions behind it, its CSV, and recording its filing. */
import { useState } from 'react';
import { FileReturnForm } from './FileReturnForm';
import { formatMoney } from './money';
import { PeriodBadge } from './PeriodBadge';
import type { List, ReturnReport, ReturnTransaction } from './types';
import { useApi } from './useApi';
import { Link, transactionHref } from './Link';
import { useNavigation } from './navigation';

export function ReturnDetail({ jurisdictionId, period }: { jurisdictionId: string; period: string }) {
  const { navigate } = useNavigation();
  const path = `/v1/returns/${encodeURIComponent(jurisdictionId)}/${encodeURIComponent(period)}`;
  const loaded = useApi<ReturnReport>(path);
  const transactions = useApi<List<ReturnTransaction>>(`${path}/transactions`);
  // The filing's answer is the return as filed: shown in place of the live figures.
  const [filed, setFiled] = useState<ReturnReport | null>(null);

  const back = (
    <p>
      <button type="button" className="link" onClick={() => navigate('/returns')}>
        ← Returns
      </button>
    </p>
  );
  if (loaded.state === 'loading') return <p className="muted" role="status">Loading the return…</p>;
  if (loaded.state === 'error')
    return (
      <section className="card">
        {back}
        <p className="error" role="alert">
          Could not load the {jurisdictionId} return for {period}: {loaded.error.message}
        </p>
      </section>
    );
  const r = filed ?? loaded.data;
  const currency = r.currency ?? 'USD';
  const money = (minor: number) => formatMoney(minor, currency);
  const own = r.jurisdictions.find((j) => j.id === r.jurisdictionId);
  const title = own ? own.name : r.jurisdictionId;

  const figure = (label: string, minor: number, key: string, sub = false) => (
    <tr data-figure={key} className={sub ? 'sub' : undefined}>
      <th scope="row" className={sub ? 'indent' : undefined}>
        {label}
      </th>
      <td className="num">{money(minor)}</td>
    </tr>
  );

  return (
    <section className="card return" aria-labelledby="return-title" data-return={`${r.jurisdictionId}/${r.period}`}>
      {back}
      <div className="card-head">
        <h1 id="return-title">
          {title} return {r.period}
        </h1>
        <PeriodBadge status={r.status} />
      </div>
      <dl className="facts wide">
        <dt>Period</dt>
        <dd className="date">
          {r.start} – {r.end}
        </dd>
        <dt>Transactions</dt>
        <dd>{r.transactions}</dd>
        {r.currency && (
          <>
            <dt>Currency</dt>
            <dd>{r.currency}</dd>
          </>
        )}
        {r.covers && (
          <>
            <dt>Covers</dt>
            <dd>{r.covers.join(', ')}</dd>
          </>
        )}
        {r.status === 'filed' && (
          <>
            <dt>Filed</dt>
            <dd data-filed-at>{r.filedAt}</dd>
            <dt>Confirmation</dt>
            <dd data-confirmation>{r.confirmation ?? <span className="muted">none recorded</span>}</dd>
          </>
        )}
        <dt>Export</dt>
        <dd>
          {/* A plain link: the browser sends the session cookie, and the API answers an attachment. */}
          <a href={`${path}?format=csv`} download>
            Download CSV
          </a>
        </dd>
      </dl>
      {r.status === 'filed' && <p className="muted small">These are the figures as filed: later changes to the ledger do not alter them.</p>}
      {r.status === 'open' && <p className="muted small">The period has not ended: the figures may still change, and it can be filed once it ends.</p>}
      {r.otherCurrencies && r.otherCurrencies.length > 0 && (
        <p className="muted small">
          Not in these figures:{' '}
          {r.otherCurrencies.map((o) => `${o.transactions} transaction${o.transactions === 1 ? '' : 's'} in ${o.currency}`).join(', ')}.
        </p>
      )}

      <div className="two">
        <div>
          <h2 className="section-title">Figures</h2>
          <table className="data figures">
            <tbody>
              {figure('Gross sales', r.grossSales, 'grossSales')}
              {figure(`Refunds (${r.refunds.transactions})`, r.refunds.gross, 'refunds')}
              {figure('Net sales', r.netSales, 'netSales')}
              {figure('Non-taxable sales', r.nonTaxableSales, 'nonTaxableSales')}
              {figure('Exempt sales', r.exemptSales, 'exemptSales')}
              {r.exemptByReason.map((e) => (
                <tr key={e.reason} data-exempt-reason={e.reason} className="sub">
                  <th scope="row" className="indent">
                    {e.reason.replace(/_/g, ' ')}
                  </th>
                  <td className="num">{money(e.amount)}</td>
                </tr>
              ))}
              {r.reverseChargeSales !== undefined && figure('of which reverse-charged', r.reverseChargeSales, 'reverseChargeSales', true)}
              {figure('Taxable sales', r.taxableSales, 'taxableSales')}
              <tr data-figure="taxCollected" className="total">
                <th scope="row">Tax collected</th>
                <td className="num">{money(r.taxCollected)}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <div>
          {r.status === 'closed' && (
            <FileReturnForm path={`${path}/file`} currency={r.currency} onFiled={setFiled} />
          )}
        </div>
      </div>

      <h2 className="section-title">By jurisdiction</h2>
      <div className="table-scroll">
        <table className="data return-jurisdictions">
          <thead>
            <tr>
              <th scope="col">Jurisdiction</th>
              <th scope="col" className="col-level">Level</th>
              <th scope="col" className="num">Taxable</th>
              <th scope="col" className="num">Exempt</th>
              <th scope="col" className="num">Tax</th>
            </tr>
          </thead>
          <tbody>
            {r.jurisdictions.map((j) => (
              <tr key={j.id} data-jurisdiction={j.id}>
                <th scope="row">
                  {j.name} <span className="muted small">{j.id}</span>
                </th>
                <td className="col-level">{j.level}</td>
                <td className="num">{money(j.taxableAmount)}</td>
                <td className="num">{money(j.exemptAmount)}</td>
                <td className="num">{money(j.tax)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.jurisdictions.length === 0 && <p className="muted">No tax in this period.</p>}

      <h2 className="section-title">Transactions</h2>
      {transactions.state === 'loading' && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {transactions.state === 'error' && (
        <p className="error" role="alert">
          Could not load the transactions: {transactions.error.message}
        </p>
      )}
      {transactions.state === 'ready' && transactions.data.data.length === 0 && <p className="muted">None in this period.</p>}
      {transactions.state === 'ready' && transactions.data.data.length > 0 && (
        <div className="table-scroll">
          <table className="data return-transactions">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Transaction</th>
                <th scope="col" className="num">Gross</th>
                <th scope="col" className="num">Taxable</th>
                <th scope="col" className="num">Tax</th>
              </tr>
            </thead>
            <tbody>
              {transactions.data.data.map((t) => (
                <tr key={t.id} data-transaction={t.id}>
                  <td className="date">{t.date}</td>
                  <th scope="row">
                    <Link href={transactionHref(t.id)}>
                      {t.id}
                    </Link>
                    {t.type === 'refund' && <span className="muted small"> refund</span>}
                  </th>
                  <td className="num">{money(t.gross)}</td>
                  <td className="num">{money(t.taxable)}</td>
                  <td className="num">{money(t.tax)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
