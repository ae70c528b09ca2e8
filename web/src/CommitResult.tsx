/** What a finished commit did: imported, left as they were, refused (kept for attention, with their errors). */
import type { ImportView } from './imports-types';
import { Link } from './Link';
import { formatCount } from './money';
import { RowErrors } from './RowErrors';
import { formatWhen } from './when';

export function CommitResult({ view }: { view: ImportView }) {
  const { done, written, failed, committedAt } = view.progress;
  const existing = done - written - failed;
  const what = view.kind === 'transactions' ? 'transactions' : 'employees';
  return (
    <div className="commit-result">
      <p className={failed > 0 ? 'error' : 'notice'} role="status">
        Imported {formatCount(written)} {what}
        {committedAt ? ` (finished ${formatWhen(committedAt)})` : ''}.
        {failed > 0 ? ` ${formatCount(failed)} could not be imported: they are kept in Needs attention, to fix and repost.` : ''}
      </p>
      <dl className="facts wide result-facts">
        <dt>Imported</dt>
        <dd data-result="written">{formatCount(written)}</dd>
        {view.kind === 'transactions' && (
          <>
            <dt>Already in the ledger</dt>
            <dd data-result="existing">{formatCount(existing)}</dd>
          </>
        )}
        <dt>Not imported</dt>
        <dd data-result="failed">{formatCount(failed)}</dd>
      </dl>
      {failed > 0 && <RowErrors importId={view.id} count={view.errors.count} caption="Why they were not imported, by row of the file." />}
      <p className="actions result-links">
        {view.kind === 'transactions' ? <Link href="/transactions">Open the transactions</Link> : <Link href="/data-sources">See the employees</Link>}
        {failed > 0 && <Link href={`/attention?sourceId=${encodeURIComponent(view.id)}`}>Open Needs attention</Link>}
      </p>
    </div>
  );
}
