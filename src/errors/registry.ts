/**
 * Every error Levy answers with, in one place: a stable `code`, its `type`
 * and HTTP status. Messages are built where the error is raised, from the
 * values involved. docs/errors.md documents each code; a test keeps the two
 * in step.
 */

export type ErrorType =
  | 'invalid_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'internal';

export interface ErrorDefinition {
  type: ErrorType;
  status: number;
  /** What it means, for the documentation. */
  summary: string;
}

export const ERRORS = {
  parameter_missing: { type: 'invalid_request', status: 400, summary: 'A required field is absent.' },
  parameter_invalid: { type: 'invalid_request', status: 400, summary: 'A field has the wrong type or an impossible value.' },
  parameter_unknown: { type: 'invalid_request', status: 400, summary: 'A field Levy does not know was sent (often a misspelling).' },
  amount_not_integer: {
    type: 'invalid_request',
    status: 400,
    summary: 'An amount is not a whole number of minor units (cents): send 1999, not 19.99.',
  },
  amount_too_large: { type: 'invalid_request', status: 400, summary: 'An amount is beyond what Levy calculates exactly (±2^53 − 1 minor units).' },
  date_invalid: { type: 'invalid_request', status: 400, summary: 'A date is not a real calendar date written YYYY-MM-DD.' },
  currency_unknown: { type: 'invalid_request', status: 400, summary: 'The currency is not an ISO 4217 code Levy can invoice in.' },
  line_id_duplicate: { type: 'invalid_request', status: 400, summary: 'Two lines of one request share an id.' },
  discount_exceeds_subtotal: {
    type: 'invalid_request',
    status: 400,
    summary: 'The invoice discount is larger than the sum of the positive lines it is spread over.',
  },
  product_unknown: {
    type: 'invalid_request',
    status: 400,
    summary: 'A line names a product that is neither a product id, an external id mapped to one, nor a tax category.',
  },
  default_product_missing: {
    type: 'invalid_request',
    status: 400,
    summary: 'The seller falls back to a default product for unknown ids, but that default product does not exist.',
  },
  tax_category_unknown: { type: 'invalid_request', status: 400, summary: 'A product carries a tax category that is not in the catalog.' },
  address_incomplete: {
    type: 'invalid_request',
    status: 400,
    summary: 'The address lacks what strict validation needs (a US ZIP code, a Canadian province).',
  },
  address_mismatch: {
    type: 'invalid_request',
    status: 400,
    summary: 'The postal code does not belong to the stated state or province (strict validation).',
  },
  address_unresolvable: { type: 'invalid_request', status: 400, summary: 'Levy cannot tell which jurisdictions the address is in.' },
  postal_code_invalid: { type: 'invalid_request', status: 400, summary: 'The postal code is not in its country\'s format.' },
  content_unavailable: {
    type: 'invalid_request',
    status: 400,
    summary: 'The date is before the tax content Levy carries for the jurisdiction (content covers 2020-01-01 on).',
  },
  seller_invalid: { type: 'invalid_request', status: 400, summary: 'The seller context (registrations, products, settings, customers, certificates) is malformed.' },
  invalid_json: { type: 'invalid_request', status: 400, summary: 'The request body is not valid JSON.' },
  unsupported_media_type: { type: 'invalid_request', status: 415, summary: 'The request body is not sent as application/json.' },
  body_too_large: { type: 'invalid_request', status: 413, summary: 'The request body is larger than the server accepts (1 MiB by default).' },
  time_zone_unknown: { type: 'invalid_request', status: 400, summary: 'The time zone is not an IANA time zone name such as America/Los_Angeles.' },
  jurisdiction_unknown: { type: 'invalid_request', status: 400, summary: 'The jurisdiction id is not one Levy has content for (US-TX, DE, CA-ON, EU-OSS ...).' },
  refund_exceeds_original: {
    type: 'invalid_request',
    status: 400,
    summary: 'The refund, with the refunds before it, would return more than the original transaction charged.',
  },
  refund_line_unknown: { type: 'invalid_request', status: 400, summary: 'A refund names a line the original transaction does not have.' },
  authentication_required: { type: 'authentication', status: 401, summary: 'No API key was sent (use the header Authorization: Bearer <key>), and no live dashboard session either.' },
  api_key_invalid: { type: 'authentication', status: 401, summary: 'The API key is unknown, wrong or revoked.' },
  credentials_invalid: { type: 'authentication', status: 401, summary: 'Signing in failed: no user with this email and password (or the user is disabled, or has not set a password yet).' },
  too_many_attempts: { type: 'rate_limited', status: 429, summary: 'Too many failed sign-ins for this email or from this address recently; wait for Retry-After seconds.' },
  csrf_token_invalid: { type: 'permission', status: 403, summary: 'A request signed in with the session cookie changes something but lacks the header x-csrf-token with the session\'s csrfToken.' },
  forbidden: { type: 'permission', status: 403, summary: 'The signed-in user\'s role (member) may not use this endpoint; an admin can (settings changes, API keys, users, alert channels, connectors).' },
  password_token_invalid: { type: 'invalid_request', status: 400, summary: 'The set-password link is unknown, used already or expired (links last 7 days and work once): ask an admin for a new one.' },
  resource_not_found: { type: 'not_found', status: 404, summary: 'No such object for this seller (another seller\'s objects are answered the same way).' },
  route_not_found: { type: 'not_found', status: 404, summary: 'No endpoint at this method and path.' },
  idempotency_key_reused: { type: 'conflict', status: 409, summary: 'The Idempotency-Key was used before with a different request.' },
  transaction_committed: { type: 'conflict', status: 409, summary: 'The transaction is committed: it changes only by void or refund.' },
  transaction_voided: { type: 'conflict', status: 409, summary: 'The transaction is voided and cannot change.' },
  transaction_not_committed: { type: 'conflict', status: 409, summary: 'Only a committed transaction can be refunded.' },
  transaction_refunded: { type: 'conflict', status: 409, summary: 'The transaction has refunds: it can no longer be voided.' },
  external_id_taken: { type: 'conflict', status: 409, summary: 'The external id already maps to another product.' },
  email_taken: { type: 'conflict', status: 409, summary: 'A user with this email exists already (emails are unique across the deployment, whatever the case).' },
  last_admin: { type: 'conflict', status: 409, summary: 'The change would leave the seller without an admin: make another user an admin first.' },
  transaction_exists: { type: 'conflict', status: 409, summary: 'A transaction of another kind already has this id (a refund id must be new).' },
  document_type_unsupported: { type: 'invalid_request', status: 415, summary: 'A certificate document must be a PDF, PNG or JPEG file (told by its content, not its name).' },
  document_too_large: { type: 'invalid_request', status: 413, summary: 'A certificate document may be at most 10 MB.' },
  certificate_not_pending: { type: 'conflict', status: 409, summary: 'Only a certificate awaiting review (pending_review) can be approved or rejected; a review decides once.' },
  email_not_configured: { type: 'conflict', status: 409, summary: 'Sending email needs the seller\'s email channel: set it with PUT /v1/alert-channels first.' },
  period_filed: { type: 'conflict', status: 409, summary: 'The date falls in a filed period, which never changes: corrections land in the open period.' },
  import_too_large: { type: 'invalid_request', status: 413, summary: 'The uploaded CSV is larger than the server accepts (LEVY_IMPORT_MAX_BYTES).' },
  import_not_valid: { type: 'conflict', status: 409, summary: 'The import has rows with problems: fix the file and upload it again; nothing was imported.' },
  import_products_unassigned: { type: 'conflict', status: 409, summary: 'The import uses product ids the catalog does not know: assign each to a product or a tax category first.' },
  import_state: { type: 'conflict', status: 409, summary: 'The import is not in a state that allows this (committing, committed or completed already).' },
  csv_invalid: { type: 'invalid_request', status: 400, summary: 'An uploaded CSV (a GL extract to reconcile) has a header or a value Levy cannot read exactly; the message and `param` (`rows.3.debit`) name the row and column.' },
  import_busy: { type: 'conflict', status: 409, summary: 'Another process is committing this import; it resumes by itself if that process stops.' },
  attention_dismissed: { type: 'conflict', status: 409, summary: 'The held transaction was dismissed: the seller decided not to record it, so it is not reposted.' },
  attention_reposted: { type: 'conflict', status: 409, summary: 'The held transaction was reposted and is in the ledger: void or refund it there instead of dismissing it.' },
  webhook_signature_invalid: { type: 'invalid_request', status: 400, summary: 'A Stripe webhook delivery without a valid Stripe-Signature for the connector\'s signing secret (or signed too long ago); nothing was taken.' },
  stripe_object_unreadable: { type: 'invalid_request', status: 400, summary: 'A Stripe invoice or credit note lacks what Levy needs to record it (an id, a currency, every line); the event is held for attention.' },
  internal: { type: 'internal', status: 500, summary: 'Levy failed; the answer\'s request id finds it in the logs. Bad input never causes this.' },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;
