/**
 * A list read a page at a time: the first page when the path changes, the
 * next one on `more()`. An answer that comes back after the path changed or
 * the list was reloaded is dropped, so rows of an old filter never mix in.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, asError, ApiError } from './api';
import type { List } from './types';

export interface PagedList<T> {
  rows: T[];
  nextCursor: string | null;
  loading: boolean;
  error: ApiError | Error | null;
  more: () => void;
  /** Back to the first page, e.g. after a write changed what the list holds. */
  reload: () => Promise<void>;
  /** Swaps in rows a write answered, without another round trip. */
  update: (change: (rows: T[]) => T[]) => void;
}

/** `path` with a page's limit and cursor added to whatever query it already has. */
export function pagePath(path: string, limit: number, cursor: string | null): string {
  const separator = path.includes('?') ? '&' : '?';
  return `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
}

export function usePagedList<T>(path: string, limit: number): PagedList<T> {
  const [rows, setRows] = useState<T[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | Error | null>(null);
  // Each request takes a number; only the latest one's answer is kept.
  const latest = useRef(0);

  const load = useCallback(
    async (cursor: string | null) => {
      const request = ++latest.current;
      setLoading(true);
      setError(null);
      try {
        const page = await api<List<T>>('GET', pagePath(path, limit, cursor));
        if (request !== latest.current) return;
        setRows((previous) => (cursor ? [...previous, ...page.data] : page.data));
        setNextCursor(page.nextCursor);
      } catch (failure) {
        if (request === latest.current) setError(asError(failure));
      } finally {
        if (request === latest.current) setLoading(false);
      }
    },
    [path, limit],
  );

  useEffect(() => {
    void load(null);
    return () => {
      latest.current += 1;
    };
  }, [load]);

  return {
    rows,
    nextCursor,
    loading,
    error,
    more: () => {
      if (nextCursor) void load(nextCursor);
    },
    reload: () => load(null),
    update: setRows,
  };
}
