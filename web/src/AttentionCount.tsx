/**
 * The number of open held transactions, beside "Needs attention" in the
 * navigation. It is for the eye only (aria-hidden): the link keeps its name,
 * and the screen itself says what is held.
 */
import './styles/attention.css';
import { useEffect, useState } from 'react';
import { api } from './api';
import { onAttentionChanged } from './attention-events';
import type { AttentionItem } from './attention-types';
import type { List } from './types';

const CAP = 99;

/** `screen` is the screen shown: moving to another one (after an import, say) counts again. */
export function AttentionCount({ screen }: { screen: string }) {
  const [count, setCount] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const load = () =>
      api<List<AttentionItem>>('GET', `/v1/attention?limit=${CAP}`).then(
        (page) => current && setCount(page.data.length === 0 ? null : `${page.data.length}${page.nextCursor ? '+' : ''}`),
        () => current && setCount(null),
      );
    void load();
    const stop = onAttentionChanged(() => void load());
    return () => {
      current = false;
      stop();
    };
  }, [screen]);
  if (!count) return null;
  return (
    <span className="nav-count" aria-hidden="true">
      {count}
    </span>
  );
}
