/** One transaction as Levy calculated it: each line's tax per jurisdiction with the rule and its legal reference. */
import { formatMoney, formatRate } from './money';
import type { TransactionDetail as Detail } from './types';
import { useApi } from './useApi';
import { Link, returnHref, transactionHref } from './Link';
import { useNavigation } from './navigation';

export function TransactionDetail({ id }: { id: string }) {
  const { navigate } = useNavigation();
  const loaded = useApi<Detail>(`/v1/transactions/${encodeURIComponent(id)}`);
  if (loaded.state === 'loading') return <p className="muted" role="status">Loading the transaction…</p>;
  if (loaded.state === 'error') return <p className="error" role="alert">Could not load transaction {id}: {loaded.error.message}</p>;
  const t = loaded.data;
  const money = (minor: number) => formatMoney(minor, t.currency);
  const place = [t.address.city, t.address.county, t.address.region, t.address.postalCode, t.address.country].filter(Boolean).join(', ');
  const link = (target: string) => (
    <Link href={transactionHref(target)}>
      {target}
    </Link>
  );

  return (
    <section className="card transaction" aria-labelledby="transaction-title" data-transaction={t.id}>
      <p>
        <button type="button" className="link" onClick={() => navigate('/transactions')}>
          ← Transactions
        </button>
      </p>
      <div className="card-head">
        <h1 id="transaction-title">
          {t.type === 'refund' ? 'Refund' : 'Sale'} {t.id}
        </h1>
        <span className={`badge tx-${t.status}`}>{t.status}</span>
      </div>
      <dl className="facts wide">
        <dt>Date</dt>
        <dd>{t.date}</dd>
        {t.originalId && (
          <>
            <dt>Refund of</dt>
            <dd>{link(t.originalId)}</dd>
          </>
        )}
        <dt>Customer</dt>
        <dd>{t.customerId ? <Link href={`/customers/${encodeURIComponent(t.customerId)}`}>{t.customerId}</Link> : <span className="muted">None given</span>}</dd>
        <dt>Filing</dt>
        <dd data-filing={t.filing ? 'filed' : 'open'}>
          {t.filing ? (
            <>
              In the{' '}
              <Link href={returnHref(t.filing.jurisdictionId, t.filing.period)}>
                {t.filing.jurisdictionId} {t.filing.period} return
              </Link>
              , filed {t.filing.filedAt}
              {t.filing.confirmation && <span className="muted"> (confirmation {t.filing.confirmation})</span>}. It no longer changes: corrections land in the open period.
            </>
          ) : t.status === 'committed' ? (
            'Not in a filed period'
          ) : (
            <span className="muted">Not on a return ({t.status})</span>
          )}
        </dd>
        <dt>Ship to</dt>
        <dd>
          {place} <span className="muted small">(found by {t.address.resolution})</span>
        </dd>
        <dt>Version</dt>
        <dd>
          {t.version} · {t.source === 'import' ? 'imported' : 'from the API'}
          {t.mode === 'estimate' ? ' · estimate' : ''}
        </dd>
        <dt>Totals</dt>
        <dd className="num-left">
          {money(t.subtotal)} + tax {money(t.tax)} = <strong>{money(t.total)}</strong>
          {t.taxCollected !== null && <span className="muted"> (collected {money(t.taxCollected)})</span>}
        </dd>
      </dl>

      <h2 className="section-title">Lines</h2>
      <div className="table-scroll">
        <table className="data lines">
          <thead>
            <tr>
              <th scope="col">Line / jurisdiction</th>
              <th scope="col">Tax</th>
              <th scope="col" className="num">Rate</th>
              <th scope="col" className="num">Taxable</th>
              <th scope="col" className="num">Tax</th>
              <th scope="col">Rule</th>
            </tr>
          </thead>
          {t.lines.map((line) => (
            <tbody key={line.id} data-line={line.id}>
              <tr className="line-row">
                <th scope="rowgroup" colSpan={3}>
                  {line.id} · {line.productId} · {money(line.amount)} <span className="muted small">{line.taxCategory}</span>
                </th>
                <td className="num">{money(line.taxableAmount)}</td>
                <td className="num">{money(line.tax)}</td>
                <td />
              </tr>
              {line.jurisdictions.map((j) => (
                <tr key={j.id} data-jurisdiction={j.id}>
                  <th scope="row" className="indent">
                    {j.name} <span className="muted small">{j.level}</span>
                  </th>
                  <td>
                    {j.taxName}
                    {!j.collect && <span className="muted small"> · not collected ({money(j.notCollectedTax)})</span>}
                    {j.exemption && <span className="muted small"> · exempt: {j.exemption.replace(/_/g, ' ')}</span>}
                  </td>
                  <td className="num">{formatRate(j.rate)}</td>
                  <td className="num">{money(j.taxableAmount)}</td>
                  <td className="num">{money(j.tax)}</td>
                  <td className="rule">
                    {j.rule} <span className="ref">{j.ref}</span>
                  </td>
                </tr>
              ))}
              {line.notTaxed.map((n) => (
                <tr key={`not-${n.id}`} className="not-taxed">
                  <th scope="row" className="indent">
                    {n.name} <span className="muted small">{n.level}</span>
                  </th>
                  <td colSpan={4}>{n.reason.replace(/_/g, ' ')}</td>
                  <td className="rule">
                    {n.rule} <span className="ref">{n.ref}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>

      <div className="two">
        <div>
          <h2 className="section-title">Versions</h2>
          <ol className="plain">
            {t.versions.map((v) => (
              <li key={v.version}>
                Version {v.version} <span className="muted small">{v.createdAt}</span>
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h2 className="section-title">Refunds</h2>
          {t.refunds.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="plain">
              {t.refunds.map((r) => (
                <li key={r.id}>
                  {link(r.id)} <span className="date">{r.date}</span> <span className="num">{money(r.total)}</span> <span className="muted small">{r.status}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
