/**
 * What a customer typed into the certificate form, checked field by field.
 * Every problem is kept against its field (the page shows each beside its
 * input), and what was typed is kept as typed, so the form comes back
 * filled in. Pure: the caller supplies today and the jurisdictions Levy knows.
 */
import { isoDate } from '../engine/schemas.js';
import { MAX_DOCUMENT_BYTES, documentType } from './document.js';
import { REASONS, type Reason } from './status.js';

export const FORM_FIELDS = ['jurisdictions', 'reason', 'number', 'effectiveDate', 'expirationDate', 'document'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** The text fields as typed (the file cannot be sent back to a browser). */
export type FormValues = Record<Exclude<FormField, 'document'>, string>;
export type FormErrors = Partial<Record<FormField, string>>;

/** The uploaded file, or why it could not be read whole. */
export type UploadedDocument = { content: Buffer } | { problem: 'too_large' | 'too_many' };

export interface Submission {
  jurisdictions: string[];
  reason: Reason;
  number: string | null;
  effectiveDate: string;
  expirationDate: string | null;
  document: Buffer;
  mediaType: string;
}

export const REASON_LABELS: Record<Reason, string> = {
  resale: 'Resale',
  government: 'Government',
  nonprofit: 'Charitable or nonprofit organisation',
  manufacturing: 'Manufacturing or industrial production',
  agricultural: 'Agricultural production',
  medical: 'Medical',
  educational: 'Educational organisation',
  direct_pay: 'Direct pay permit',
  other: 'Other',
};

const MAX_JURISDICTIONS = 100;

export function emptyValues(prefill: Partial<FormValues> = {}): FormValues {
  return { jurisdictions: '', reason: '', number: '', effectiveDate: '', expirationDate: '', ...prefill };
}

/** `us-tx, US-CA;US-NY` → `['US-TX', 'US-CA', 'US-NY']`: separators and case as people type them. */
export function splitJurisdictions(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean).map((id) => id.toUpperCase()))];
}

export function readSubmission(
  fields: Readonly<Record<string, string>>,
  upload: UploadedDocument | undefined,
  context: { today: string; isJurisdiction: (id: string) => boolean },
): { values: FormValues; errors: FormErrors; submission?: Submission } {
  const values = emptyValues(Object.fromEntries(Object.entries(fields).filter(([k]) => k in emptyValues()).map(([k, v]) => [k, v.trim()])));
  const errors: FormErrors = {};

  const jurisdictions = splitJurisdictions(values.jurisdictions);
  const unknown = jurisdictions.filter((id) => !context.isJurisdiction(id));
  if (jurisdictions.length === 0) errors.jurisdictions = 'Name at least one state or country, such as US-TX.';
  else if (jurisdictions.length > MAX_JURISDICTIONS) errors.jurisdictions = `Name at most ${MAX_JURISDICTIONS} jurisdictions.`;
  else if (unknown.length > 0) errors.jurisdictions = `Not a jurisdiction we know: ${unknown.join(', ')}. Write them like US-TX or CA-ON.`;

  const reason = REASONS.find((r) => r === values.reason);
  if (!reason) errors.reason = 'Choose the reason for the exemption.';

  if (values.number.length > 100) errors.number = 'The certificate number may be at most 100 characters.';

  const effectiveOk = isoDate.safeParse(values.effectiveDate).success;
  if (!values.effectiveDate) errors.effectiveDate = 'Give the date the certificate takes effect.';
  else if (!effectiveOk) errors.effectiveDate = 'Write a real date as YYYY-MM-DD.';

  if (values.expirationDate) {
    if (!isoDate.safeParse(values.expirationDate).success) errors.expirationDate = 'Write a real date as YYYY-MM-DD, or leave it empty if the certificate does not expire.';
    else if (effectiveOk && values.expirationDate < values.effectiveDate) errors.expirationDate = 'The expiration date is before the effective date.';
    else if (values.expirationDate < context.today) errors.expirationDate = 'This certificate has already expired; send one that is still valid.';
  }

  let document: Buffer | undefined;
  let mediaType: string | undefined;
  if (!upload || ('content' in upload && upload.content.length === 0)) errors.document = 'Attach the signed certificate (PDF, PNG or JPEG).';
  else if ('problem' in upload) errors.document = upload.problem === 'too_large' ? 'The file is larger than 10 MB.' : 'Attach one file only.';
  else if (upload.content.length > MAX_DOCUMENT_BYTES) errors.document = 'The file is larger than 10 MB.';
  else if (!(mediaType = documentType(upload.content))) errors.document = 'The file is not a PDF, PNG or JPEG.';
  else document = upload.content;

  if (Object.keys(errors).length > 0 || !reason || !document || !mediaType) return { values, errors };
  return {
    values,
    errors,
    submission: {
      jurisdictions,
      reason,
      number: values.number || null,
      effectiveDate: values.effectiveDate,
      expirationDate: values.expirationDate || null,
      document,
      mediaType,
    },
  };
}
