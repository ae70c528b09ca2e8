/**
 * TaxJar's request bodies as zod schemas. Unknown keys are ignored, as
 * TaxJar ignores them; amounts may come as numbers or numeric strings and
 * are converted exactly later (money.ts).
 */
import { z } from 'zod';

const text = (max = 255) => z.string().max(max);
export const amount = z.union([z.number(), z.string().min(1).max(40)]);
const quantity = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]);

export const exemptionType = z.enum(['wholesale', 'government', 'marketplace', 'other', 'non_exempt']);

export const addressFields = {
  from_country: text(2).optional(),
  from_zip: text(20).optional(),
  from_state: text(40).optional(),
  from_city: text().optional(),
  from_street: text().optional(),
  to_country: text(2).optional(),
  to_zip: text(20).optional(),
  to_state: text(40).optional(),
  to_city: text().optional(),
  to_street: text().optional(),
};

const nexusAddress = z.object({ id: text().optional(), country: text(2).optional(), zip: text(20).optional(), state: text(40).optional(), city: text().optional(), street: text().optional() });

export const taxLineItem = z.object({
  id: z.union([text(), z.number()]).optional(),
  quantity: quantity.optional(),
  product_tax_code: text(40).optional(),
  unit_price: amount.optional(),
  discount: amount.optional(),
});

export const taxesBody = z.object({
  ...addressFields,
  to_country: text(2),
  amount: amount.optional(),
  shipping: amount,
  customer_id: text().optional(),
  exemption_type: exemptionType.optional(),
  nexus_addresses: z.array(nexusAddress).optional(),
  line_items: z.array(taxLineItem).max(1000).optional(),
});
export type TaxesBody = z.output<typeof taxesBody>;

export const transactionId = z.string().min(1).max(255).regex(/^[A-Za-z0-9_\-.:]+$/, { error: 'may contain only letters, digits, _ and -' });

export const transactionLineItem = taxLineItem.extend({
  product_identifier: text().optional(),
  description: text().optional(),
  sales_tax: amount.optional(),
});

const transactionFields = {
  ...addressFields,
  transaction_id: transactionId,
  transaction_date: z.string().min(1).max(40),
  provider: text().optional(),
  amount,
  shipping: amount,
  sales_tax: amount,
  customer_id: text().optional(),
  exemption_type: exemptionType.optional(),
  line_items: z.array(transactionLineItem).max(1000).optional(),
};

export const orderBody = z.object(transactionFields);
export const refundBody = orderBody.extend({ transaction_reference_id: transactionId });
/** An update names the transaction; every other field keeps its value when left out. */
export const orderUpdate = orderBody.partial().extend({ transaction_id: transactionId.optional() });
export type OrderBody = z.output<typeof orderBody>;
export type RefundBody = z.output<typeof refundBody>;
export type OrderUpdate = z.output<typeof orderUpdate>;

export const listQuery = z.object({
  transaction_date: z.iso.date().optional(),
  from_transaction_date: z.iso.date().optional(),
  to_transaction_date: z.iso.date().optional(),
  provider: text().optional(),
});

export const customerExemption = z.enum(['wholesale', 'government', 'other', 'non_exempt']);
export const customerBody = z.object({
  customer_id: z.string().min(1).max(200),
  exemption_type: customerExemption,
  name: text(200),
  exempt_regions: z.array(z.object({ country: text(2), state: text(40).optional() })).max(100).optional(),
  country: text(2).optional(),
  state: text(40).optional(),
  zip: text(20).optional(),
  city: text().optional(),
  street: text().optional(),
});
export type CustomerBody = z.output<typeof customerBody>;

export const ratesQuery = z.object({ country: text(2).optional(), state: text(40).optional(), city: text().optional(), street: text().optional() });
export const validationQuery = z.object({ vat: z.string().min(1).max(40) });
export const addressBody = z.object({ country: text(2).optional(), state: text(40).optional(), zip: text(20).optional(), city: text().optional(), street: text().optional() });
