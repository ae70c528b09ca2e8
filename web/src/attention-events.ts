/** Told when an attention item is settled here, so the count in the navigation follows without a reload. */
const EVENT = 'levy:attention-changed';

export function attentionChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function onAttentionChanged(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
