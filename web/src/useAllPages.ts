/**
 * Every page of a short list (products, users), followed cursor by cursor,
 * with `reload` after a write and `replace` to swap in the rows a write
 * answered without another round trip.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, asError } from './api';
import type { List } from './types';
import type { Loaded } from './useApi';
import { pagePath } from './usePagedList';

export interface AllPages<T> {
  loaded: Loaded<T[]>;
  reload: () => void;
  replace: (changed: T[], key: (item: T) => string) => void;
}

export function useAllPages<T>(path: string): AllPages<T> {
  const [loaded, setLoaded] = useState<Loaded<T[]>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let current = true;
    (async () => {
      const rows: T[] = [];
      let cursor: string | null = null;
      do {
        const page: List<T> = await api<List<T>>('GET', pagePath(path, 500, cursor));
        rows.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor && current);
      return rows;
    })().then(
      (data) => current && setLoaded({ state: 'ready', data }),
      (failure: unknown) => current && setLoaded({ state: 'error', error: asError(failure) }),
    );
    return () => {
      current = false;
    };
  }, [path, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const replace = useCallback((changed: T[], key: (item: T) => string) => {
    setLoaded((previous) => {
      if (previous.state !== 'ready') return previous;
      const byKey = new Map(changed.map((item) => [key(item), item]));
      const kept = previous.data.map((item) => byKey.get(key(item)) ?? item);
      const known = new Set(previous.data.map(key));
      const added = changed.filter((item) => !known.has(key(item)));
      return { state: 'ready', data: [...kept, ...added] };
    });
  }, []);
  return { loaded, reload, replace };
}
