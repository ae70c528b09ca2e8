/**
 * Anrok names a resource inside a path segment with a literal prefix
 * (`id:stripe:in_123`, `externalId:sku-1`), and transaction ids hold colons
 * themselves. The segment is read from the raw URL, so an id holding an
 * encoded slash (`%2F`) stays one segment, then decoded once.
 */

export interface PrefixedPath {
  value: string;
  action: string;
}

/** `rawUrl` below `base` as `<prefix>:<value>/<action>`; undefined for anything else. */
export function prefixedPath(rawUrl: string, base: string, prefix: string): PrefixedPath | undefined {
  const path = rawUrl.split('?')[0]!;
  if (!path.startsWith(base)) return undefined;
  const parts = path.slice(base.length).split('/');
  if (parts.length !== 2 || !parts[1]) return undefined;
  const segment = parts[0]!;
  if (!segment.startsWith(`${prefix}:`)) return undefined;
  try {
    const value = decodeURIComponent(segment.slice(prefix.length + 1));
    return value === '' ? undefined : { value, action: parts[1] };
  } catch {
    return undefined;
  }
}
