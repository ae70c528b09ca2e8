/**
 * Sending one email through a seller's own SMTP server (alerts, certificate
 * requests, reminders, digests all go this way). Nodemailer does the SMTP;
 * this module sets the limits and the TLS rule, and turns nodemailer's
 * errors into sentences that say which part of the setup to check.
 */
import nodemailer from 'nodemailer';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  username?: string | undefined;
  password?: string | undefined;
}

export interface OutgoingEmail {
  from: string;
  to: string | string[];
  /** Where a recipient's reply goes (the seller, for mail sent to its customers). */
  replyTo?: string | string[] | undefined;
  subject: string;
  text: string;
  html: string;
}

export const DEFAULT_SMTP_TIMEOUT_MS = 15_000;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

/** Sends the message or throws an Error whose message says what to fix (and whose `code` is nodemailer's). */
export async function sendEmail(smtp: SmtpSettings, message: OutgoingEmail, options: { timeoutMs?: number | undefined } = {}): Promise<{ messageId: string }> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  const { host, port, secure, username, password } = smtp;
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
  try {
    const info = await transport.sendMail({
      from: message.from,
      to: message.to,
      ...(message.replyTo !== undefined ? { replyTo: message.replyTo } : {}),
      subject: message.subject,
      text: message.text,
      html: message.html,
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
export function explainSmtpError(error: unknown, timeoutMs: number): Error {
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

/** The error of a failed send as one line for a status field. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
