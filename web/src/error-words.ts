/**
 * A short title, in a finance team's words, for the error codes a held
 * transaction can carry (docs/errors.md has the full list). The API's own
 * message, which names the values involved, is shown beneath it.
 */
const TITLES: Record<string, string> = {
  product_unknown: 'Product not recognised',
  default_product_missing: 'Default product missing',
  tax_category_unknown: 'Tax category not in the catalog',
  address_incomplete: 'Address incomplete',
  address_mismatch: 'Address does not match its postal code',
  address_unresolvable: 'Address could not be placed',
  postal_code_invalid: 'Postal code not valid',
  currency_unknown: 'Currency not supported',
  date_invalid: 'Date not valid',
  amount_not_integer: 'Amount not in whole cents',
  amount_too_large: 'Amount too large',
  discount_exceeds_subtotal: 'Discount larger than the lines',
  line_id_duplicate: 'Two lines share an id',
  parameter_missing: 'A required field is missing',
  parameter_invalid: 'A field has an impossible value',
  parameter_unknown: 'An unknown field was sent',
  jurisdiction_unknown: 'Jurisdiction not known',
  refund_exceeds_original: 'Refund larger than the sale',
  refund_line_unknown: 'Refund names a line the sale does not have',
  resource_not_found: 'Refunded sale not found',
  transaction_exists: 'Transaction id already used',
  transaction_voided: 'Sale was voided',
  transaction_not_committed: 'Sale not committed',
  transaction_refunded: 'Sale already refunded',
  period_filed: 'Period already filed',
  content_unavailable: 'Tax content not available',
  seller_invalid: 'Seller settings incomplete',
};

export function errorTitle(code: string): string {
  return TITLES[code] ?? code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
