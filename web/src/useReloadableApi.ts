import { useCallback, useEffect, useState } from 'react';
import { api } from './api';
import type { Loaded } from './useApi';

/**
 * A GET that can be asked again after a write. While it reloads, the last
 * answer stays on screen (the map keeps its colours, an open panel stays
 * open) and is replaced when the new one arrives.
 */
export function useReloadableApi<T>(path: string): Loaded<T> & { reload: () => void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setLoaded((previous) => (previous.state === 'ready' ? previous : { state: 'loading' }));
    api<T>('GET', path).then(
      (data) => current && setLoaded({ state: 'ready', data }),
      (error: unknown) => current && setLoaded({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      current = false;
    };
  }, [path, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...loaded, reload };
}
