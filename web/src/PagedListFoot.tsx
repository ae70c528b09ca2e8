/** Under a paged list: "Loading…" while a page is on its way, what to say when it is empty, and "Show more" while there is more. */
import type { PagedList } from './usePagedList';

interface Props {
  list: Pick<PagedList<unknown>, 'rows' | 'nextCursor' | 'loading' | 'error' | 'more'>;
  /** Said when the list has no rows; nothing is said when omitted. */
  empty?: string;
  loadingLabel?: string;
  moreLabel?: string;
}

export function PagedListFoot({ list, empty, loadingLabel = 'Loading…', moreLabel = 'Show more' }: Props) {
  return (
    <>
      {list.loading && (
        <p className="muted" role="status">
          {loadingLabel}
        </p>
      )}
      {empty && !list.loading && list.rows.length === 0 && !list.error && <p className="muted">{empty}</p>}
      {list.nextCursor && !list.loading && (
        <button type="button" className="quiet more" onClick={list.more}>
          {moreLabel}
        </button>
      )}
    </>
  );
}

/** Above a paged list: why it could not load, and how many rows it shows, read out as they change. */
export function PagedListStatus({ list, noun }: { list: Pick<PagedList<unknown>, 'rows' | 'nextCursor' | 'loading' | 'error'>; noun: { one: string; many: string } }) {
  const count = list.rows.length;
  return (
    <>
      {list.error && (
        <p className="error" role="alert">
          Could not load the {noun.many}: {list.error.message}
        </p>
      )}
      <p className="sr-only" role="status" aria-live="polite">
        {list.loading ? `Loading ${noun.many}…` : `${count}${list.nextCursor ? '+' : ''} ${count === 1 ? noun.one : noun.many} shown`}
      </p>
    </>
  );
}
