/**
 * The dashboard's only door to Levy: the public API, with the session cookie
 * (same origin) and the CSRF token the session handed out on every write.
 */
export interface ApiErrorBody {
  type?: string;
  code: string;
  message: string;
  param?: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param: string | null,
    /** Seconds, from Retry-After, when the server asks the client to wait. */
    readonly retryAfter: number | null,
  ) {
    super(message);
  }
}

/** What a rejected promise gave, as an Error a screen can show. */
export function asError(failure: unknown): ApiError | Error {
  return failure instanceof Error ? failure : new Error(String(failure));
}

let csrfToken: string | null = null;

/** Set from the session answer; sent as x-csrf-token on every request that changes something. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request finds the session gone, so the app can show the sign-in form. */
let onSignedOut: () => void = () => {};
export function whenSignedOut(callback: () => void): void {
  onSignedOut = callback;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return answerOf<T>(response, path);
}

/**
 * POSTs a file as the raw request body (the import routes read a CSV as a
 * stream, not a form; a certificate's document is PUT), with the same CSRF
 * header and error handling as api().
 */
export async function upload<T>(path: string, file: Blob, contentType: string, extraHeaders: Record<string, string> = {}, method: 'POST' | 'PUT' = 'POST'): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json', 'content-type': contentType };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body: file });
  return answerOf<T>(response, path);
}

async function answerOf<T>(response: Response, path: string): Promise<T> {
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const error = (parsed as { error?: ApiErrorBody } | undefined)?.error;
    const retry = response.headers.get('retry-after');
    const failure = new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? `The server answered ${response.status} ${response.statusText}`,
      error?.param ?? null,
      retry && /^\d+$/.test(retry) ? Number(retry) : null,
    );
    if (response.status === 401 && failure.code === 'authentication_required' && path !== '/v1/session') onSignedOut();
    throw failure;
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface SessionUser {
  id: string;
  email: string;
  role: 'admin' | 'member';
  sellerId: string;
  sellerName: string | null;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}
