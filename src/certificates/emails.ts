/**
 * The emails of certificate collection: the request to a customer (with its
 * link), the seller's notice that a certificate awaits review, the
 * customer's notice that theirs was rejected (with the reason and a new
 * link), the customer's reminder before expiry (with a link to renew), and
 * the seller's daily digest. Text and HTML say the same; everything is escaped in HTML
 * and subjects stay on one line.
 */
import { escapeHtml as e, oneLine } from '../util/html.js';
import type { Digest, DigestItem } from './digest.js';
import { REASON_LABELS } from './request-form.js';
import type { Reason } from './status.js';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

interface Block {
  heading: string;
  paragraphs: string[];
  rows?: Array<[string, string]>;
  link?: { href: string; label: string };
  after?: string[];
}

function render(subject: string, block: Block): RenderedEmail {
  const width = Math.max(0, ...(block.rows ?? []).map(([label]) => label.length)) + 2;
  const text = [
    block.heading,
    '',
    ...block.paragraphs.flatMap((p) => [p, '']),
    ...(block.rows?.length ? [...block.rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`), ''] : []),
    ...(block.link ? [`${block.link.label}:`, block.link.href, ''] : []),
    ...(block.after ?? []).flatMap((p) => [p, '']),
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif; color: #222;">',
    `<h2 style="font-size: 18px;">${e(block.heading)}</h2>`,
    ...block.paragraphs.map((p) => `<p>${e(p)}</p>`),
    ...(block.rows?.length
      ? ['<table cellpadding="4" style="border-collapse: collapse;">', ...block.rows.map(([label, value]) => `<tr><th align="left" style="color: #555; font-weight: normal;">${e(label)}</th><td>${e(value)}</td></tr>`), '</table>']
      : []),
    ...(block.link ? [`<p><a href="${e(block.link.href)}">${e(block.link.label)}</a></p>`, `<p style="color: #555; font-size: 12px;">${e(block.link.href)}</p>`] : []),
    ...(block.after ?? []).map((p) => `<p>${e(p)}</p>`),
    '</body></html>',
    '',
  ].join('\n');
  return { subject: oneLine(subject), text, html };
}

function reasonLabel(reason: string): string {
  return REASON_LABELS[reason as Reason] ?? reason;
}

export interface RequestEmail {
  sellerName: string;
  customerName: string;
  link: string;
  validUntil: string;
  /** The certificate this one renews. */
  renewing?: { number: string | null; expirationDate: string | null } | undefined;
}

export function requestEmail(m: RequestEmail): RenderedEmail {
  const asks = m.renewing
    ? `${m.sellerName} asks ${m.customerName} for a renewed sales tax exemption certificate: the one on file${m.renewing.number ? ` (${m.renewing.number})` : ''}${m.renewing.expirationDate ? ` expires on ${m.renewing.expirationDate}` : ' needs replacing'}.`
    : `${m.sellerName} asks ${m.customerName} for a sales tax exemption certificate.`;
  return render(`${m.sellerName}: please send your exemption certificate`, {
    heading: 'Exemption certificate requested',
    paragraphs: [asks, `Fill in its details and attach the signed certificate (PDF, PNG or JPEG) on the page below. The link works once, until ${m.validUntil}.`],
    link: { href: m.link, label: 'Send the certificate' },
    after: [`Until ${m.sellerName} has reviewed it, sales tax is charged as usual.`],
  });
}

export interface ReviewEmail {
  customerName: string;
  customerId: string;
  certificateId: string;
  jurisdictions: readonly string[];
  reason: string;
  number: string | null;
  effectiveDate: string;
  expirationDate: string | null;
  apiBase: string;
}

export function reviewEmail(m: ReviewEmail): RenderedEmail {
  const url = `${m.apiBase.replace(/\/$/, '')}/v1/certificates/${encodeURIComponent(m.certificateId)}`;
  return render(`Levy: ${m.customerName} sent an exemption certificate to review`, {
    heading: 'A certificate awaits your review',
    paragraphs: [`${m.customerName} sent an exemption certificate. It exempts no sale until you approve it.`],
    rows: [
      ['Customer', `${m.customerName} (${m.customerId})`],
      ['Certificate', m.certificateId],
      ['Jurisdictions', m.jurisdictions.join(', ')],
      ['Reason', reasonLabel(m.reason)],
      ['Number', m.number ?? '(none)'],
      ['Effective', m.effectiveDate],
      ['Expires', m.expirationDate ?? '(does not expire)'],
    ],
    after: [`The document: GET ${url}/file. Approve: POST ${url}/approve. Reject: POST ${url}/reject with { "reason": "..." }.`],
  });
}

export interface RejectionEmail {
  sellerName: string;
  customerName: string;
  number: string | null;
  jurisdictions: readonly string[];
  /** The seller's words: the customer needs them to send a certificate that will pass. */
  reason: string;
  link: string;
  validUntil: string;
}

export function rejectionEmail(m: RejectionEmail): RenderedEmail {
  return render(`${m.sellerName}: your exemption certificate was not accepted`, {
    heading: 'Your exemption certificate was not accepted',
    paragraphs: [
      `${m.sellerName} reviewed the exemption certificate ${m.customerName} sent${m.number ? ` (${m.number})` : ''} for ${m.jurisdictions.join(', ')} and could not accept it. The reason given:`,
      m.reason,
      `Send a corrected certificate on the page below. The link works once, until ${m.validUntil}.`,
    ],
    link: { href: m.link, label: 'Send a corrected certificate' },
    after: [`Until ${m.sellerName} has approved a certificate, sales tax is charged as usual.`],
  });
}

export interface ReminderEmail {
  sellerName: string;
  customerName: string;
  number: string | null;
  jurisdictions: readonly string[];
  expirationDate: string;
  link: string;
  validUntil: string;
}

export function reminderEmail(m: ReminderEmail): RenderedEmail {
  return render(`${m.sellerName}: your exemption certificate expires on ${m.expirationDate}`, {
    heading: 'Your exemption certificate expires soon',
    paragraphs: [
      `The exemption certificate ${m.customerName} gave ${m.sellerName}${m.number ? ` (${m.number})` : ''} for ${m.jurisdictions.join(', ')} expires on ${m.expirationDate}. After that day, sales tax is charged on your purchases.`,
      `To keep them exempt, send a renewed certificate on the page below. The link works once, until ${m.validUntil}.`,
    ],
    link: { href: m.link, label: 'Send the renewed certificate' },
  });
}

const STATE_TEXT: Record<DigestItem['reminder'], (item: DigestItem) => string> = {
  reminded_today: () => 'reminded today',
  reminded_earlier: () => 'reminded earlier',
  sending: () => 'reminder being sent',
  failed: (item) => `reminder failed: ${item.error ?? 'unknown error'}`,
  no_email: () => 'no email on record: could not be reminded',
};

export function digestEmail(sellerName: string, digest: Digest): RenderedEmail {
  const n = digest.expiring.length;
  return render(`Levy: ${n} exemption certificate${n === 1 ? '' : 's'} expiring within 30 days (${digest.day})`, {
    heading: `Certificates expiring within 30 days, ${digest.day}`,
    paragraphs: [
      `${sellerName}: ${n} certificate${n === 1 ? '' : 's'} expire${n === 1 ? 's' : ''} within 30 days. ${digest.remindedToday.length} customer${digest.remindedToday.length === 1 ? ' was' : 's were'} reminded today; ${digest.notReminded.length} could not be.`,
    ],
    rows: digest.expiring.map((item) => [
      `${item.expirationDate} ${item.customerName ?? item.customerId}`,
      `${item.certificateId}${item.number ? ` (${item.number})` : ''}: ${STATE_TEXT[item.reminder](item)}`,
    ]),
    after: ['A customer without an email on record gets no reminder: add one with PUT /v1/customers/{id}, or send them a link with POST /v1/certificates/{id}/request.'],
  });
}
