import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, asError, ApiError } from './api';

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: ApiError | Error } | { state: 'ready'; data: T };

const LOADING = { state: 'loading' } as const;

/**
 * A GET against the API, refetched when its path changes (stale answers are
 * dropped) and on `reload()` after a write. A reload keeps the last answer on
 * screen (the map keeps its colours, an open panel stays open) until the new
 * one arrives; a new path starts from loading, never showing another path's data.
 */
export function useApi<T>(path: string | null): Loaded<T> & { reload: () => void } {
  const [answer, setAnswer] = useState<{ path: string; loaded: Loaded<T> } | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    api<T>('GET', path).then(
      (data) => current && setAnswer({ path, loaded: { state: 'ready', data } }),
      (failure: unknown) => current && setAnswer({ path, loaded: { state: 'error', error: asError(failure) } }),
    );
    return () => {
      current = false;
    };
  }, [path, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  // One object per answer, so a caller's effect that depends on it runs once per answer, not per render.
  return useMemo(() => ({ ...(answer !== null && answer.path === path ? answer.loaded : LOADING), reload }), [answer, path, reload]);
}
