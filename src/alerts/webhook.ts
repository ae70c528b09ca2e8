import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Alert, WebhookSettings } from './types.js';

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_TOLERANCE_SECONDS = 300;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, Stripe's scheme, so receivers can reuse known code. */
export function signPayload(secret: string, body: string, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`signPayload: timestamp ${timestamp} is not whole unix seconds`);
  return `t=${timestamp},v1=${hmacHex(secret, `${timestamp}.${body}`)}`;
}

/**
 * Whether `header` is a valid `Levy-Signature` for `body` (the raw request body, byte for byte
 * as received: re-serialized JSON will not match). Several `v1` entries are allowed so that a
 * sender can sign with an old and a new secret while the secret is rotated.
 * `now` returns milliseconds, like Date.now.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  options: { toleranceSeconds?: number; now?: () => number } = {},
): boolean {
  const { toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = Date.now } = options;
  const parsed = parseHeader(header);
  if (!parsed || !secret) return false;
  // Both directions: a far-future timestamp would otherwise make a captured request replayable for longer.
  // Written as !(<=) so that a NaN clock or tolerance fails closed instead of disabling the check.
  if (!(Math.abs(Math.floor(now() / 1000) - parsed.timestamp) <= toleranceSeconds)) return false;
  const expected = Buffer.from(hmacHex(secret, `${parsed.timestamp}.${body}`), 'hex');
  // No early return: every candidate is compared so the timing says nothing about which one matched.
  let valid = false;
  for (const signature of parsed.signatures) valid = timingSafeEqual(expected, Buffer.from(signature, 'hex')) || valid;
  return valid;
}

function parseHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...extra] = part.trim().split('=');
    if (key === undefined || value === undefined || extra.length > 0) return null;
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,15}$/.test(value)) return null;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) return null;
      signatures.push(value);
    }
    // Other schemes (v0, a future v2) are skipped, as Stripe's receivers do.
  }
  return timestamp === undefined || signatures.length === 0 ? null : { timestamp, signatures };
}

function hmacHex(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

/** `whsec_` + 32 random bytes in base64url. The whole string, prefix included, is the HMAC key. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

export function webhookBody(alert: Alert): string {
  return JSON.stringify({ id: alert.id, type: `alert.${alert.kind}`, createdAt: alert.createdAt, data: alert });
}

/** POSTs the signed alert. `now` returns milliseconds, like Date.now. Throws unless the answer is 2xx. */
export async function sendAlertWebhook(
  alert: Alert,
  settings: WebhookSettings,
  options: { timeoutMs?: number; now?: () => number } = {},
): Promise<{ status: number }> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, now = Date.now } = options;
  const url = URL.parse(settings.url);
  if (!url) throw Object.assign(new Error('Webhook URL is not a valid absolute URL'), { code: 'ERR_INVALID_URL' });
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Webhook URL must be http or https, not ${url.protocol}`);
  const body = webhookBody(alert);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Levy-Signature': signPayload(settings.secret, body, Math.floor(now() / 1000)),
        'User-Agent': 'Levy',
      },
      body,
      // A redirect could carry the signed alert to a host the seller never configured.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw explainFetchError(error, timeoutMs);
  }
  // The answer's body is of no use; dropping it frees the connection.
  await response.body?.cancel().catch(() => undefined);
  if (response.status < 200 || response.status > 299) {
    const hint = response.status >= 300 && response.status < 400 ? ' (redirects are not followed; configure the final URL)' : '';
    throw Object.assign(new Error(`Webhook endpoint answered HTTP ${response.status}${hint}`), { code: `HTTP_${response.status}` });
  }
  return { status: response.status };
}

/** fetch says only "fetch failed"; the reason is in the cause. */
function explainFetchError(error: unknown, timeoutMs: number): Error {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return Object.assign(new Error(`Webhook endpoint did not answer within ${timeoutMs} ms`, { cause: error }), { code: 'ETIMEDOUT' });
  }
  const cause = error instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const reason = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
  return Object.assign(new Error(`Webhook request failed: ${reason}`, { cause: error }), { code });
}
