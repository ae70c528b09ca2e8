/**
 * An AvaTax CreateTransactionModel as Levy's transaction body: amounts
 * exactly in minor units, lines named by product (itemCode through the
 * products' external ids) or by tax category (taxCode through the
 * catalog's avataxCode), one ship-to for the invoice, the document
 * discount, and the exemption it claims. No tax is computed here.
 */
import type { z } from 'zod';
import { transactionBody } from '../../api/schemas.js';
import { ENTITY_USE_CODES, REASONS, type Reason } from '../../certificates/status.js';
import type { CompiledContent } from '../../content/compile.js';
import type { PreparedSeller } from '../../engine/seller.js';
import type { SaleBody } from '../../ledger/post.js';
import { allocate } from '../../money/allocate.js';
import { AvaTaxError } from './errors.js';
import type { AddressInfo, Addresses, CreateTransactionModel, LineItem } from './model.js';
import { toMinorUnits } from './money.js';

/** What AvaTax's answer repeats of a request line. */
export interface LineEcho {
  itemCode: string | null;
  taxCode: string | null;
  quantity: number;
  description: string;
}

export interface MappedTransaction {
  /** With `exemption` when the document claims one (entityUseCode or exemptionNo): kept with the version, so a recalculation keeps it. */
  body: SaleBody;
  /** What AvaTax's answer echoes per line, by Levy line id. */
  lines: Map<string, LineEcho>;
}

/** The category AvaTax's default tax code (P0000000, tangible goods) stands for. */
export const DEFAULT_CATEGORY = 'goods.general';

const COUNTRY_NAMES: Record<string, string> = { USA: 'US', 'UNITED STATES': 'US', 'UNITED STATES OF AMERICA': 'US', CAN: 'CA', CANADA: 'CA' };

/** AvaTax tax code → Levy category (the first category of the catalog that maps to it). */
export function categoryOfTaxCode(content: CompiledContent, taxCode: string): string | undefined {
  const code = taxCode.trim().toUpperCase();
  for (const c of content.categories.values()) if (c.avataxCode.toUpperCase() === code) return c.id;
  return undefined;
}

export function levyAddress(a: AddressInfo, field: string) {
  const raw = (a.country ?? 'US').trim().toUpperCase();
  const country = COUNTRY_NAMES[raw] ?? raw;
  if (!/^[A-Z]{2}$/.test(country)) throw new AvaTaxError('InvalidAddress', `The country ${a.country} is not an ISO 3166 two-letter code.`, 400, `${field}.country`);
  const out: { country: string; line1?: string; line2?: string; city?: string; region?: string; postalCode?: string } = { country };
  if (a.line1) out.line1 = a.line1;
  if (a.line2) out.line2 = a.line2;
  if (a.city) out.city = a.city;
  if (a.region) out.region = a.region.trim().toUpperCase();
  if (a.postalCode) out.postalCode = a.postalCode.trim();
  if (!out.postalCode && !(out.line1 && out.city && out.region) && !out.region) {
    throw new AvaTaxError('InvalidAddress', 'The address value was incomplete: give a postal code, or line1, city and region.', 400, field);
  }
  return out;
}

function shipToOf(a: Addresses | null | undefined): AddressInfo | undefined {
  return a?.shipTo ?? a?.singleLocation ?? undefined;
}

function shipFromOf(a: Addresses | null | undefined): AddressInfo | undefined {
  return a?.shipFrom ?? a?.singleLocation ?? undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Levy's engine takes one ship-to per invoice: the document's, or the lines' when they all share one. */
function addressesOf(model: CreateTransactionModel): { shipTo: AddressInfo; shipFrom: AddressInfo | undefined } {
  const perLine = model.lines.map((l) => (l.addresses ? l.addresses : model.addresses));
  const first = perLine[0];
  perLine.forEach((a, i) => {
    if (!same(shipToOf(a), shipToOf(first))) {
      throw new AvaTaxError('AddressConflictException', `Line ${i} ships to another address than line 0: Levy calculates one ship-to address per transaction; split the transaction by address.`, 400, `lines.${i}.addresses`);
    }
  });
  const shipTo = shipToOf(first);
  if (!shipTo) throw new AvaTaxError('MissingAddress', 'The transaction has no address: give addresses.shipTo or addresses.singleLocation.', 400, 'addresses');
  return { shipTo, shipFrom: shipFromOf(first) };
}

type Claim = NonNullable<SaleBody['exemption']>;

/**
 * Entity/use codes as Levy's reasons: the inverse of ENTITY_USE_CODES, plus
 * A (federal) and N (local government), which are government too. Any other
 * code (and L) is `other`.
 */
const REASON_OF_CODE: ReadonlyMap<string, Reason> = new Map<string, Reason>([
  ...REASONS.filter((r) => r !== 'medical' && r !== 'other').map((r) => [ENTITY_USE_CODES[r], r] as [string, Reason]),
  ['A', 'government'],
  ['N', 'government'],
]);

function claimOf(entityUseCode: string | null | undefined, exemptionNo: string | null | undefined): Claim | undefined {
  const use = entityUseCode?.trim().toUpperCase();
  const number = exemptionNo?.trim();
  const byCode = use !== undefined && use !== '' && use !== 'TAXABLE';
  if (!byCode && !number) return undefined;
  const reason = byCode ? (REASON_OF_CODE.get(use) ?? 'other') : 'other';
  return number ? { reason, number: number.slice(0, 100) } : { reason };
}

/** The exemption the document claims, on the document or on every line alike (Levy exempts a whole transaction). */
function exemptionOf(model: CreateTransactionModel): Claim | undefined {
  const claimed = claimOf(model.entityUseCode ?? model.customerUsageType, model.exemptionNo);
  if (claimed) return claimed;
  const lines = model.lines.map((l) => claimOf(l.entityUseCode ?? l.customerUsageType, l.exemptionCode));
  if (lines.length > 0 && lines.every((c) => c !== undefined)) return lines[0];
  const i = lines.findIndex((c) => c !== undefined);
  if (i >= 0) throw AvaTaxError.invalid(`Line ${i} claims an exemption the other lines do not: Levy exempts a whole transaction; give entityUseCode or exemptionNo at the document level.`, `lines.${i}.entityUseCode`);
  return undefined;
}

function productOf(line: LineItem, i: number, seller: PreparedSeller, content: CompiledContent): string {
  const item = line.itemCode?.trim();
  if (item && (seller.productsById.has(item) || seller.productsByExternalId.has(item))) return item;
  if (line.taxCode && line.taxCode.trim() !== '') {
    const category = categoryOfTaxCode(content, line.taxCode);
    if (!category) throw new AvaTaxError('GetTaxError', `Tax code ${line.taxCode} is not known: Levy maps ${[...new Set([...content.categories.values()].map((c) => c.avataxCode))].join(', ')}.`, 400, `lines.${i}.taxCode`, 'TaxCodeError');
    return category;
  }
  return DEFAULT_CATEGORY;
}

/** The document discount over the lines marked `discounted`: Levy's own discount when every positive line is, else split here. */
function discountOf(model: CreateTransactionModel, amounts: number[], currency: string): { discount?: number; amounts: number[] } {
  const discount = model.discount ? toMinorUnits(model.discount, currency, 'discount') : 0;
  if (discount === 0) return { amounts };
  if (discount < 0) throw AvaTaxError.invalid('The discount must not be negative.', 'discount');
  const marked = model.lines.map((l, i) => l.discounted === true && amounts[i]! > 0);
  if (!marked.some(Boolean)) return { amounts };
  if (amounts.every((a, i) => a <= 0 || marked[i])) return { discount, amounts };
  const weights = amounts.map((a, i) => (marked[i] ? a : 0));
  if (discount > weights.reduce((a, b) => a + b, 0)) throw AvaTaxError.invalid('The discount exceeds the total of the discounted lines.', 'discount');
  const shares = allocate(discount, weights, model.lines.map((l, i) => l.number ?? String(i + 1)));
  return { amounts: amounts.map((a, i) => a - shares[i]!) };
}

/** The Levy transaction body for an AvaTax document; `code` is the Levy id (a quote gets any). */
export function toSaleBody(model: CreateTransactionModel, code: string, seller: PreparedSeller, content: CompiledContent): MappedTransaction {
  const currency = (model.currencyCode ?? 'USD').toUpperCase();
  const { shipTo, shipFrom } = addressesOf(model);
  const override = model.taxOverride;
  let date = model.date;
  if (override && override.type !== 'None') {
    if (override.type !== 'TaxDate') throw AvaTaxError.invalid(`taxOverride type ${override.type} is not supported by Levy: only TaxDate (tax at another date) is.`, 'taxOverride.type');
    if (!override.taxDate || !/^\d{4}-\d{2}-\d{2}/.test(override.taxDate)) throw new AvaTaxError('ValueRequiredError', 'A TaxDate override needs taxOverride.taxDate (YYYY-MM-DD).', 400, 'taxOverride.taxDate');
    date = override.taxDate.slice(0, 10);
  }
  model.lines.forEach((l, i) => {
    if (l.taxOverride && l.taxOverride.type !== 'None') throw AvaTaxError.invalid('Line tax overrides are not supported by Levy: give taxOverride at the document level.', `lines.${i}.taxOverride`);
  });
  const amounts = model.lines.map((l, i) => toMinorUnits(l.amount, currency, `lines.${i}.amount`));
  const discounted = discountOf(model, amounts, currency);
  const echo = new Map<string, LineEcho>();
  const lines = model.lines.map((l, i) => {
    const id = l.number ?? String(i + 1);
    echo.set(id, { itemCode: l.itemCode ?? null, taxCode: l.taxCode ?? null, quantity: l.quantity ?? 1, description: l.description ?? '' });
    const line: SaleBody['lines'][number] = { id, productId: productOf(l, i, seller, content), amount: discounted.amounts[i]! };
    if (l.quantity !== null && l.quantity !== undefined && l.quantity > 0) line.quantity = l.quantity;
    if (l.taxIncluded) line.taxIncluded = true;
    if (l.description) line.description = l.description;
    return line;
  });
  const candidate: z.input<typeof transactionBody> = {
    id: code,
    date,
    currency,
    customer: { id: model.customerCode, address: levyAddress(shipTo, 'addresses.shipTo') },
    lines,
    commit: model.commit ?? false,
  };
  if (shipFrom && !same(shipFrom, shipTo)) candidate.shipFrom = levyAddress(shipFrom, 'addresses.shipFrom');
  if (discounted.discount !== undefined) candidate.discount = discounted.discount;
  const exemption = exemptionOf(model);
  if (exemption) candidate.exemption = exemption;
  const parsed = transactionBody.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw AvaTaxError.invalid(`${issue.path.join('.')} ${issue.message}`, issue.path.join('.'));
  }
  return { body: parsed.data, lines: echo };
}
