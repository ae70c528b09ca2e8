/**
 * The address people reach the server at, for links in emails (the
 * certificate request page). Configured, never taken from a request's Host
 * header, which the sender of the request controls.
 */
export function normalizePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`public URL ${JSON.stringify(value)} is not a URL (such as https://levy.example.com)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`public URL ${value} must be http or https`);
  if (url.search || url.hash || url.username || url.password) throw new Error(`public URL ${value} must be a plain address, without query, fragment or credentials`);
  // Kept without the trailing slash; a path prefix (a reverse proxy's) stays.
  return url.toString().replace(/\/+$/, '');
}
