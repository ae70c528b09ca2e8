/**
 * The customer's certificate page: plain server-rendered HTML (no script),
 * usable with a keyboard and a screen reader: every input has a label,
 * hints and errors are tied to their input (aria-describedby), and the
 * errors are summarised at the top with links to their fields. Every value
 * shown is escaped.
 */
import { escapeHtml as e } from '../util/html.js';
import { REASONS } from './status.js';
import { REASON_LABELS, type FormErrors, type FormField, type FormValues } from './request-form.js';

export interface FormPage {
  sellerName: string;
  customerName: string;
  /** `YYYY-MM-DD`, the last day the link works. */
  validUntil: string;
  values: FormValues;
  errors: FormErrors;
  /** Where the form posts: the page's own address, relative to it (the token). */
  action: string;
}

/** Headers every page carries: nothing cached (the URL holds a secret), no referrer leaks it, no framing, no script. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

const LABELS: Record<FormField, string> = {
  jurisdictions: 'Jurisdictions',
  reason: 'Reason for exemption',
  number: 'Certificate or permit number',
  effectiveDate: 'Effective date',
  expirationDate: 'Expiration date',
  document: 'Signed certificate',
};

export function renderForm(page: FormPage): string {
  const { values, errors } = page;
  const problems = Object.entries(errors) as Array<[FormField, string]>;
  const body = [
    `<h1>Exemption certificate for ${e(page.sellerName)}</h1>`,
    `<p>${e(page.sellerName)} asks <strong>${e(page.customerName)}</strong> for a sales tax exemption certificate. Fill in its details and attach the signed certificate. ${e(page.sellerName)} reviews it before it is used.</p>`,
    `<p class="hint">This link works once, until ${e(page.validUntil)}.</p>`,
    problems.length
      ? `<div class="summary" role="alert" tabindex="-1"><h2>Please correct ${problems.length === 1 ? 'this' : 'these'}</h2><ul>${problems.map(([field, message]) => `<li><a href="#${field}">${e(LABELS[field])}: ${e(message)}</a></li>`).join('')}</ul></div>`
      : '',
    `<form method="post" action="${e(page.action)}" enctype="multipart/form-data" novalidate>`,
    textInput('jurisdictions', values.jurisdictions, errors, { hint: 'The states or countries the certificate covers, separated by commas: US-TX, US-CA.', required: true }),
    reasonSelect(values.reason, errors),
    textInput('number', values.number, errors, { hint: 'As printed on the certificate, if it has one.' }),
    textInput('effectiveDate', values.effectiveDate, errors, { type: 'date', hint: 'YYYY-MM-DD', required: true }),
    textInput('expirationDate', values.expirationDate, errors, { type: 'date', hint: 'YYYY-MM-DD; leave empty if the certificate does not expire.' }),
    fileInput(errors),
    '<p><button type="submit">Send the certificate</button></p>',
    '</form>',
  ];
  return layout(`Exemption certificate for ${page.sellerName}`, body.join('\n'), problems.length > 0);
}

/** A page that only says something: the link is used, expired or unknown; the certificate arrived. */
export function renderNotice(title: string, message: string): string {
  return layout(title, `<h1>${e(title)}</h1>\n<p>${e(message)}</p>`, false);
}

function describedBy(field: FormField, hint: boolean, errors: FormErrors): string {
  const ids = [...(hint ? [`${field}-hint`] : []), ...(errors[field] ? [`${field}-error`] : [])];
  return ids.length ? ` aria-describedby="${ids.join(' ')}"` : '';
}

function labelAndNotes(field: FormField, errors: FormErrors, hint: string | undefined, required: boolean): string {
  return [
    `<label for="${field}">${e(LABELS[field])}${required ? '' : ' (optional)'}</label>`,
    hint ? `<span class="hint" id="${field}-hint">${e(hint)}</span>` : '',
    errors[field] ? `<span class="error" id="${field}-error">${e(errors[field])}</span>` : '',
  ].join('');
}

function invalid(field: FormField, errors: FormErrors): string {
  return errors[field] ? ' aria-invalid="true"' : '';
}

function textInput(field: Exclude<FormField, 'document' | 'reason'>, value: string, errors: FormErrors, options: { type?: string; hint?: string; required?: boolean }): string {
  return `<div class="field">${labelAndNotes(field, errors, options.hint, options.required ?? false)}<input type="${options.type ?? 'text'}" id="${field}" name="${field}" value="${e(value)}"${options.required ? ' required' : ''}${invalid(field, errors)}${describedBy(field, Boolean(options.hint), errors)}></div>`;
}

function reasonSelect(value: string, errors: FormErrors): string {
  const options = [`<option value="">Choose…</option>`, ...REASONS.map((r) => `<option value="${r}"${r === value ? ' selected' : ''}>${e(REASON_LABELS[r])}</option>`)];
  return `<div class="field">${labelAndNotes('reason', errors, undefined, true)}<select id="reason" name="reason" required${invalid('reason', errors)}${describedBy('reason', false, errors)}>${options.join('')}</select></div>`;
}

function fileInput(errors: FormErrors): string {
  const hint = errors.document ? 'PDF, PNG or JPEG, at most 10 MB.' : 'PDF, PNG or JPEG, at most 10 MB. If the form comes back with a correction, attach the file again.';
  return `<div class="field">${labelAndNotes('document', errors, hint, true)}<input type="file" id="document" name="document" accept="application/pdf,image/png,image/jpeg" required${invalid('document', errors)}${describedBy('document', true, errors)}></div>`;
}

function layout(title: string, body: string, hasErrors: boolean): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${hasErrors ? 'Error: ' : ''}${e(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; line-height: 1.5; }
.field { margin: 1.25rem 0; }
label { display: block; font-weight: 600; }
.hint { display: block; color: #555; }
.error { display: block; color: #b00020; font-weight: 600; }
input, select { font: inherit; padding: .4rem; max-width: 100%; }
input[type=text] { width: 100%; box-sizing: border-box; }
[aria-invalid=true] { border: 2px solid #b00020; }
.summary { border: 3px solid #b00020; padding: 0 1rem; }
button { font: inherit; padding: .5rem 1.25rem; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
