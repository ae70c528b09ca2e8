/**
 * Asking a customer for a certificate: a request row (holding only the
 * token's hash) is written first, then the email with the link is sent
 * through the seller's SMTP server and its outcome recorded on the row. The
 * token exists in memory between the two and in the email, nowhere else.
 */
import type { Channels } from '../store/alerts.repository.js';
import { insertRequest, recordRequestEmail, type NewRequest, type RequestRow } from '../store/certificate-requests.repository.js';
import type { Db } from '../store/open.js';
import { errorText, sendEmail } from '../email/smtp.js';
import type { RenderedEmail } from './emails.js';
import { newRequestToken, requestExpiry, requestLink } from './request-token.js';

export type EmailChannel = NonNullable<Channels['email']>;

export interface OpenedRequest {
  row: RequestRow;
  /** The secret of the link: goes into the email, never into an answer or a log. */
  token: string;
}

/** Writes a new request (email pending). Run it in the transaction that answers the API call. */
export async function openRequest(db: Db, request: Omit<NewRequest, 'tokenHash' | 'expiresAt'>, now: Date): Promise<OpenedRequest> {
  const { token, tokenHash } = newRequestToken();
  const row = await insertRequest(db, { ...request, tokenHash, expiresAt: requestExpiry(now) });
  return { row, token };
}

export interface MailContext {
  channel: EmailChannel;
  publicUrl: string;
  timeoutMs?: number | undefined;
}

/** Sends a message to a customer from the seller's address; replies go to the seller's recipients. */
export async function mailCustomer(ctx: MailContext, to: string, message: RenderedEmail): Promise<{ sent: true } | { sent: false; error: string }> {
  try {
    await sendEmail(ctx.channel.smtp, { from: ctx.channel.from, to, replyTo: ctx.channel.to, ...message }, { timeoutMs: ctx.timeoutMs });
    return { sent: true };
  } catch (error) {
    return { sent: false, error: errorText(error) };
  }
}

/**
 * Emails the request's link, in the message `render` writes around it (a
 * request, or a reminder), and records the outcome on the request. Never
 * throws for a failed send: the outcome says why.
 */
export async function deliverRequest(
  db: Db,
  ctx: MailContext,
  opened: OpenedRequest,
  render: (link: { href: string; validUntil: string }) => RenderedEmail,
  prefill: { jurisdictions?: readonly string[] | undefined } = {},
): Promise<{ sent: true } | { sent: false; error: string }> {
  const href = requestLink(ctx.publicUrl, opened.token, prefill);
  const outcome = await mailCustomer(ctx, opened.row.email, render({ href, validUntil: opened.row.expiresAt.toISOString().slice(0, 10) }));
  await recordRequestEmail(db, opened.row.sellerId, opened.row.id, outcome.sent ? 'sent' : 'failed', outcome.sent ? null : outcome.error);
  return outcome;
}

/** The name a customer knows the seller by: its name, else its id (no API sets a seller's name yet). */
export function sellerDisplayName(name: string | null, sellerId: string): string {
  return name?.trim() || sellerId;
}
