/**
 * POST /v2/taxes: a TaxJar order quoted by Levy's engine, nothing stored.
 * `amount` excludes shipping here (unlike transactions). `nexus_addresses`
 * are not used: Levy collects where the seller is registered (see
 * docs/compatibility.md).
 */
import type { Engine } from '../../engine/load-engine.js';
import type { CalculateResponse, ParsedRequest } from '../../engine/schemas.js';
import type { PreparedSeller } from '../../engine/seller.js';
import { reasonOf } from './customers.js';
import { currencyOf, destinationOf, linesOf, originOf, shippingLine, type LevyLine } from './invoice.js';
import { toMinorUnits } from './money.js';
import { hasNexus } from './nexus.js';
import type { TaxesBody } from './schemas.js';
import { taxAnswer } from './tax-answer.js';
import { TaxjarError } from './errors.js';

export interface ExemptionPlan {
  customerId: string | undefined;
  loadCustomer: boolean;
  /** The order's own exemption, part of the engine request (so stored with the version). */
  exemption?: NonNullable<ParsedRequest['exemption']>;
}

/**
 * What an order's exemption_type does: wholesale, government and other exempt
 * it whole (a transaction exemption of reason resale, government, other;
 * the customer's own record cannot add to that, so it is not loaded);
 * marketplace and non_exempt calculate tax whatever the customer's own
 * exemptions; absent, the customer's exemptions and certificates apply.
 */
export function exemptionPlan(customerId: string | undefined, exemptionType: string | undefined): ExemptionPlan {
  const reason = exemptionType === undefined ? undefined : reasonOf(exemptionType);
  if (reason) return { customerId, loadCustomer: false, exemption: { reason } };
  if (exemptionType === 'marketplace' || exemptionType === 'non_exempt') return { customerId, loadCustomer: false };
  return { customerId, loadCustomer: customerId !== undefined };
}

export interface Quote {
  request: ParsedRequest;
  result: CalculateResponse;
  answer: Record<string, unknown>;
}

export function quoteTaxes(engine: Engine, body: TaxesBody, seller: PreparedSeller, plan: ExemptionPlan, date: string): Quote {
  const content = engine.content;
  const customer = { ...(plan.customerId ? { id: plan.customerId } : {}), address: destinationOf(body) };
  const currency = currencyOf(content, customer.address.country);
  const shipping = toMinorUnits(body.shipping, currency, 'shipping');
  if (shipping < 0) throw new TaxjarError(400, 'shipping must not be negative');
  let lines: LevyLine[];
  if (body.line_items && body.line_items.length > 0) lines = linesOf(body.line_items, currency, seller, content);
  else if (body.amount !== undefined) lines = [{ id: '1', productId: 'goods.general', amount: toMinorUnits(body.amount, currency, 'amount') }];
  else throw new TaxjarError(400, 'amount or line_items is required');
  // Shipping goes in even at zero, so the answer can say whether freight is taxed there.
  lines.push(shippingLine(shipping));
  const shipFrom = originOf(body);
  const request: ParsedRequest = { date, currency, customer, lines, ...(shipFrom ? { shipFrom } : {}), ...(plan.exemption ? { exemption: plan.exemption } : {}) };
  const result = engine.calculateValidated(request, seller);
  const answer = taxAnswer(result, {
    hasNexus: hasNexus(seller, content, customer.address, date),
    itemized: (body.line_items?.length ?? 0) > 0,
    exemptionType: body.exemption_type ?? (body.customer_id ? customerExemption(seller, body.customer_id) : undefined),
    freightTaxable: freightTaxable(result),
  });
  return { request, result, answer };
}

/** Whether the destination taxes delivery charges: the shipping line meets a jurisdiction that taxes it. */
export function freightTaxable(result: CalculateResponse): boolean {
  const line = result.lines.find((l) => l.productId === 'shipping');
  if (!line) return false;
  return line.jurisdictions.length > 0 && !line.notTaxed.some((n) => n.reason === 'not_taxable' && (n.level === 'state' || n.level === 'country'));
}

const TYPE_OF_REASON: Record<string, string> = { resale: 'wholesale', government: 'government' };

/** The customer's own exemption in TaxJar's words, for the answer's exemption_type. */
function customerExemption(seller: PreparedSeller, customerId: string): string {
  const certificate = (seller.certificatesByCustomer.get(customerId) ?? []).find((c) => !c.archived && (c.status === undefined || c.status === 'active'));
  if (certificate) return TYPE_OF_REASON[certificate.reason ?? ''] ?? 'other';
  return seller.customers.get(customerId)?.exempt ? 'other' : 'non_exempt';
}
