/**
 * One write from a form or button: busy while it runs, the API's error kept
 * for the form to show beside the field it names, and one Idempotency-Key
 * per attempt so a retry after a lost answer is not applied twice.
 */
import { useCallback, useRef, useState } from 'react';
import { ApiError, asError } from './api';

export function newIdempotencyKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export interface Action<A extends unknown[], T> {
  run: (...args: A) => Promise<T | undefined>;
  busy: boolean;
  error: ApiError | Error | null;
  /** True when the error names this field (the API's `param`), for aria-invalid. */
  invalid: (field: string) => true | undefined;
  clear: () => void;
}

/** `perform` gets the attempt's idempotency key; a refusal gives the next attempt a new one. */
export function useAction<A extends unknown[], T>(perform: (key: string, ...args: A) => Promise<T>): Action<A, T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const key = useRef(newIdempotencyKey());
  const run = useCallback(
    async (...args: A) => {
      setBusy(true);
      setError(null);
      try {
        const result = await perform(key.current, ...args);
        key.current = newIdempotencyKey();
        return result;
      } catch (failure) {
        setError(asError(failure));
        if (failure instanceof ApiError) key.current = newIdempotencyKey();
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [perform],
  );
  const invalid = (field: string) => (error instanceof ApiError && error.param !== null && (error.param === field || error.param.startsWith(`${field}.`)) ? true : undefined);
  return { run, busy, error, invalid, clear: () => setError(null) };
}
