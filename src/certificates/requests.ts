/**
 * Asking a customer for a certificate: a request row (holding only the
 * token's hash) is written first, then the email with the link is sent
 * through the seller's SMTP server and its outcome recorded on the row. The
 * token exists in memory between the two and in the email, nowhere else.
 */
import type { Channels } from '../store/alerts.repository.js';
import { insertRequest, recordRequestEmail, type NewRequest, type ReplacedCertificate, type RequestRow } from '../store/certificate-requests.repository.js';
import type { Db } from '../store/open.js';
import { errorText, sendEmail } from '../email/smtp.js';
import { rejectionEmail, requestEmail, type RenderedEmail } from './emails.js';
import { newRequestToken, requestExpiry, requestLink } from './request-token.js';

export type EmailChannel = NonNullable<Channels['email']>;

export interface OpenedRequest {
  row: RequestRow;
  /** The secret of the link: goes into the email, never into an answer or a log. */
  token: string;
  /** The last moment the link works, counted from this attempt. */
  validUntil: Date;
  /** The link works only once its email is recorded sent (a reminder's: see openRequest). */
  liveOnceSent: boolean;
}

/**
 * Writes a new request (email pending). Run it in the transaction that
 * answers the API call. With `liveOnceSent` (the reminders) the link works
 * only once its email is recorded sent: a reminder that fails or is cut
 * short leaves a request that never went live, which the reminder's next
 * attempt replaces with a new one, so the pass that sends requests' emails
 * again (redelivery.ts) never sends it as well.
 */
export async function openRequest(db: Db, request: Omit<NewRequest, 'tokenHash' | 'expiresAt'>, now: Date, options: { liveOnceSent?: boolean } = {}): Promise<OpenedRequest> {
  const { token, tokenHash } = newRequestToken();
  const validUntil = requestExpiry(now);
  const liveOnceSent = options.liveOnceSent ?? false;
  const row = await insertRequest(db, { ...request, tokenHash, expiresAt: liveOnceSent ? now : validUntil });
  return { row, token, validUntil, liveOnceSent };
}

export interface MailContext {
  channel: EmailChannel;
  publicUrl: string;
  timeoutMs?: number | undefined;
}

export type SendOutcome = { sent: true } | { sent: false; error: string };

/** Sends a message to a customer from the seller's address; replies go to the seller's recipients. */
export async function mailCustomer(ctx: MailContext, to: string, message: RenderedEmail): Promise<SendOutcome> {
  try {
    await sendEmail(ctx.channel.smtp, { from: ctx.channel.from, to, replyTo: ctx.channel.to, ...message }, { timeoutMs: ctx.timeoutMs });
    return { sent: true };
  } catch (error) {
    return { sent: false, error: errorText(error) };
  }
}

/** Sends a message to the seller's own recipients (the channel's `to`). */
export async function mailSeller(ctx: MailContext, message: RenderedEmail): Promise<SendOutcome> {
  try {
    await sendEmail(ctx.channel.smtp, { from: ctx.channel.from, to: ctx.channel.to, ...message }, { timeoutMs: ctx.timeoutMs });
    return { sent: true };
  } catch (error) {
    return { sent: false, error: errorText(error) };
  }
}

export interface RequestLink {
  href: string;
  /** `YYYY-MM-DD`, the last day it works. */
  validUntil: string;
}

/**
 * Emails the request's link, in the message `render` writes around it (a
 * request, a reminder, a rejection), and records the outcome on the request.
 * Never throws for a failed send: the outcome says why.
 */
export async function deliverRequest(db: Db, ctx: MailContext, opened: OpenedRequest, render: (link: RequestLink) => RenderedEmail): Promise<SendOutcome> {
  const link = { href: requestLink(ctx.publicUrl, opened.token), validUntil: opened.validUntil.toISOString().slice(0, 10) };
  const outcome = await mailCustomer(ctx, opened.row.email, render(link));
  const goesLive = outcome.sent && opened.liveOnceSent ? opened.validUntil : undefined;
  await recordRequestEmail(db, opened.row.sellerId, opened.row.id, outcome.sent ? 'sent' : 'failed', outcome.sent ? null : outcome.error, goesLive);
  return outcome;
}

export interface RequestMessageFacts {
  sellerName: string;
  customerName: string;
  /** The certificate the request replaces: one being renewed, or a submission the seller rejected. */
  replaces: Pick<ReplacedCertificate, 'jurisdictions' | 'number' | 'expirationDate' | 'review' | 'rejectionReason'> | null;
}

/**
 * What a request's email says follows from the request, so a later attempt
 * says what the first did: asked again after a rejection, with the reason;
 * a renewal of the certificate on file; or a first request.
 */
export function requestMessage(facts: RequestMessageFacts, link: RequestLink): RenderedEmail {
  const { sellerName, customerName, replaces } = facts;
  if (replaces?.review === 'rejected') {
    return rejectionEmail({ sellerName, customerName, number: replaces.number, jurisdictions: replaces.jurisdictions, reason: replaces.rejectionReason ?? '', link: link.href, validUntil: link.validUntil });
  }
  return requestEmail({ sellerName, customerName, link: link.href, validUntil: link.validUntil, renewing: replaces ? { number: replaces.number, expirationDate: replaces.expirationDate } : undefined });
}

/** The name a customer knows the seller by: its name, else its id (no API sets a seller's name yet). */
export function sellerDisplayName(name: string | null, sellerId: string): string {
  return name?.trim() || sellerId;
}
