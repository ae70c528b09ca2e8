/** How far an import's commit has got: a bar for the eye, and words a screen reader hears as they change. */
import type { ImportView } from './imports-types';
import { formatCount, formatPerMille, perMille } from './money';

export function CommitProgress({ view }: { view: ImportView }) {
  const { done, total } = view.progress;
  const share = perMille(done, total);
  const what = view.kind === 'transactions' ? 'transactions' : 'employees';
  const text = `${formatCount(done)} of ${formatCount(total)} ${what} done`;
  return (
    <div className="progress commit-progress">
      <div className="progress-head">
        <span>Importing</span>
        <span className="num">{formatPerMille(share)}</span>
      </div>
      <div className="progress-track" role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={share / 10} aria-valuetext={text}>
        <div className="progress-fill" style={{ width: `${share / 10}%` }} />
      </div>
      <p className="small muted" role="status" aria-live="polite">
        {text}
        {view.progress.failed > 0 ? `; ${formatCount(view.progress.failed)} could not be imported` : ''}.
      </p>
    </div>
  );
}
