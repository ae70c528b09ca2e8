/**
 * Monthly sales as a small bar chart, with the same figures as a table for
 * screen readers and for anyone who wants the numbers.
 */
import { useId } from 'react';
import { formatCount, formatUsd, formatUsdWhole } from './money';
import type { NexusDetail } from './types';

const WIDTH = 340;
const HEIGHT = 120;
const AXIS = 16;

type Month = NexusDetail['months'][number];

/** Every calendar month from the first with sales to the answer's date: months without sales are empty bars, not gaps closed up. */
function calendar(months: Month[], asOf: string): Array<{ month: string; data: Month | null }> {
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const last = asOf.slice(0, 7) > months.at(-1)!.month ? asOf.slice(0, 7) : months.at(-1)!.month;
  const out: Array<{ month: string; data: Month | null }> = [];
  let [year, month] = months[0]!.month.split('-').map(Number) as [number, number];
  for (let key = months[0]!.month; key <= last; ) {
    out.push({ month: key, data: byMonth.get(key) ?? null });
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
    key = `${year}-${String(month).padStart(2, '0')}`;
  }
  return out;
}

export function MonthlyChart({ detail }: { detail: NexusDetail }) {
  const titleId = useId();
  const counts = detail.threshold?.counts ?? 'gross';
  if (detail.months.length === 0) return <p className="muted">No sales in this state over the lookback period.</p>;
  const months = calendar(detail.months, detail.asOf);
  const values = months.map((m) => m.data?.sales[counts] ?? 0);
  const max = values.reduce((a, b) => (b > a ? b : a), 1);
  const slot = WIDTH / months.length;
  // Integer math: a bar's height is a share of the tallest, in whole pixels.
  const height = (v: number) => Number((BigInt(Math.max(v, 0)) * BigInt(HEIGHT - AXIS)) / BigInt(max));
  return (
    <figure className="chart">
      <figcaption id={titleId}>
        Monthly {counts} sales, {months[0]!.month} to {months.at(-1)!.month}; {detail.months.length} months with sales
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId}>
        <line x1="0" x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} className="axis" />
        {months.map((m, i) => {
          const h = height(values[i]!);
          return (
            <g key={m.month}>
              <rect x={i * slot + slot * 0.15} width={slot * 0.7} y={HEIGHT - AXIS - h} height={h} className="bar" data-month={m.month}>
                <title>{`${m.month}: ${formatUsd(values[i]!)}`}</title>
              </rect>
              {m.month.endsWith('-01') && (
                <text x={i * slot} y={HEIGHT - 4} className="tick">
                  {m.month.slice(0, 4)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <p className="chart-scale muted">Tallest bar {formatUsdWhole(max)}</p>
      <details>
        <summary>Show as a table</summary>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="num">Sales ({counts})</th>
              <th scope="col" className="num">Transactions</th>
              <th scope="col" className="num">Tax collected</th>
            </tr>
          </thead>
          <tbody>
            {detail.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{m.month}</th>
                <td className="num">{formatUsd(m.sales[counts])}</td>
                <td className="num">{formatCount(m.transactions)}</td>
                <td className="num">{formatUsd(m.collectedTax)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
