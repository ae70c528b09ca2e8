import { formatMinorUnits } from '../money/format.js';
import type { Alert, AlertKind } from './types.js';

/** Integer cents as dollars for people: 12345 → "$123.45", -5 → "-$0.05", 10000000 → "$100,000.00". */
export function formatUsd(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`formatUsd: ${cents} is not a whole number of cents`);
  const [whole = '0', fraction = '00'] = formatMinorUnits(Math.abs(cents), 2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${cents < 0 ? '-' : ''}$${grouped}.${fraction}`;
}

const HEADLINES: Record<AlertKind, (where: string) => string> = {
  threshold_approaching: (where) => `approaching the sales threshold in ${where}`,
  threshold_crossed: (where) => `sales threshold crossed in ${where}`,
  physical_presence: (where) => `new physical presence in ${where}`,
};

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function renderAlertEmail(alert: Alert): RenderedEmail {
  const where = `${alert.jurisdictionName} (${alert.jurisdictionId})`;
  const headline = HEADLINES[alert.kind](where);
  const rows: Array<[string, string]> = [
    ['Jurisdiction', where],
    ['Date', formatDate(alert.createdAt)],
    ['Seller', alert.sellerId],
    ...dataRows(alert.data),
    ['Alert ID', alert.id],
  ];
  // A line break in a subject would start a new header in a naive client; collapse all whitespace.
  const subject = `Levy: ${headline}`.replace(/\s+/g, ' ');
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const text = [
    capitalize(headline),
    '',
    alert.message,
    '',
    ...rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`),
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif; color: #222;">',
    `<h2 style="font-size: 18px;">${escapeHtml(capitalize(headline))}</h2>`,
    `<p>${escapeHtml(alert.message)}</p>`,
    '<table cellpadding="4" style="border-collapse: collapse;">',
    ...rows.map(
      ([label, value]) =>
        `<tr><th align="left" style="color: #555; font-weight: normal;">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    ),
    '</table>',
    '</body></html>',
    '',
  ].join('\n');
  return { subject, text, html };
}

function dataRows(data: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(data)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => {
      const amount = /^(.+?)_?[Cc]ents$/.exec(key);
      if (amount?.[1] && typeof value === 'number' && Number.isSafeInteger(value)) return [labelOf(amount[1]), formatUsd(value)];
      return [labelOf(key), formatValue(value)];
    });
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.map(String).join(', ');
  return JSON.stringify(value) ?? String(value);
}

/** `thresholdCents` → "Threshold", `period_start` → "Period start". */
function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return capitalize(words || key);
}

/** UTC and ISO-like so that no reader misreads 03/04 and the result never depends on the server's locale. */
function formatDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
