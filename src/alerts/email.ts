import nodemailer from 'nodemailer';
import { renderAlertEmail } from './render.js';
import type { Alert, EmailSettings } from './types.js';

export { formatUsd } from './render.js';

const DEFAULT_TIMEOUT_MS = 15_000;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

export async function sendAlertEmail(
  alert: Alert,
  settings: EmailSettings,
  options: { timeoutMs?: number } = {},
): Promise<{ messageId: string }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { host, port, secure, username, password } = settings.smtp;
  const transport = nodemailer.createTransport({
    host,
    port,
    secure,
    auth: username ? { user: username, pass: password ?? '' } : undefined,
    // A password never crosses the network in the clear: without TLS from the
    // first byte, the server must offer STARTTLS (a server on this machine excepted).
    requireTLS: !secure && Boolean(username) && !LOOPBACK.has(host),
    // Per-phase limits stop a silent server; the signal below bounds the whole exchange.
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  });
  const { subject, text, html } = renderAlertEmail(alert);
  try {
    const info = await transport.sendMail({
      from: settings.from,
      to: settings.to,
      subject,
      text,
      html,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { messageId: info.messageId };
  } catch (error) {
    throw explainSmtpError(error, timeoutMs);
  } finally {
    transport.close();
  }
}

/** Nodemailer's messages assume the reader knows SMTP; say which part of the setup to check. */
function explainSmtpError(error: unknown, timeoutMs: number): Error {
  if (!(error instanceof Error)) return new Error(`Email failed: ${String(error)}`);
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  const prefix =
    code === 'EAUTH' || code === 'ENOAUTH' ? 'SMTP authentication failed'
    : responseCode === 530 ? 'SMTP server requires authentication (set a username and password)'
    : code === 'EABORT' || code === 'ETIMEDOUT' ? `SMTP server did not finish within ${timeoutMs} ms`
    : code === 'ECONNECTION' || code === 'ESOCKET' || code === 'EDNS' ? 'Could not connect to the SMTP server'
    : code === 'EENVELOPE' ? 'SMTP server refused the sender or a recipient'
    : 'Email failed';
  return Object.assign(new Error(`${prefix}: ${error.message}`, { cause: error }), { code });
}
