/**
 * TaxJar API v2 under /v2, as an encapsulated Fastify plugin: its errors
 * answer in TaxJar's shape without touching the rest of the API, and its
 * routes stay out of Levy's OpenAPI document (docs/compatibility.md
 * describes them). Tax comes only from Levy's engine and the ledger's own
 * functions; this layer maps requests in and answers out.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Deps } from '../../api/deps.js';
import type { CalculateResponse } from '../../engine/schemas.js';
import { answerOnce, idempotencyKey } from '../../api/idempotency.js';
import { afterWrite } from '../../api/routes/transactions.js';
import { zipIndex } from '../../address/zip-index.js';
import { createCertificate, patchCertificate } from '../../store/certificates.repository.js';
import { getCustomer, putCustomer } from '../../store/config.repository.js';
import { TaxError } from '../../errors/tax-error.js';
import { accountingDate } from '../../ledger/accounting-date.js';
import { calculateSale, recordRefund, recordSale } from '../../ledger/post.js';
import { allocate } from '../../money/allocate.js';
import { nexusFactsOf, resaleCertificatesOf } from '../../nexus/facts.js';
import { checkTaxId } from '../../taxid/check.js';
import { listRegistrations } from '../../store/config.repository.js';
import { archiveTaxjarCertificates, customerIds, deleteCustomer, latestRequest, TAXJAR_CERTIFICATE_NOTE, taxjarCertificates } from '../../store/taxjar.repository.js';
import { getTransaction, listTransactions, reviseCommitted, voidTransaction } from '../../store/transactions.repository.js';
import { authenticateTaxjar } from './auth.js';
import { addressOf, CERTIFICATE_EFFECTIVE, customerObject, reasonOf, regionsOf } from './customers.js';
import { fromTaxError, TaxjarError } from './errors.js';
import { destinationOf } from './invoice.js';
import { toDecimalText, toMinorUnits } from './money.js';
import { probe, rateObject, summaryRates } from './rates.js';
import * as s from './schemas.js';
import { exemptionPlan, quoteTaxes } from './taxes.js';
import { dateFields as dateFieldsOf, deletedObject, keptBody, saleBodyOf, transactionObject } from './transactions.js';

/** Parses with a TaxJar answer on failure: a missing field is TaxJar's 406 on writes, a malformed one 400. */
function parse<T extends z.ZodType>(schema: T, input: unknown, missingStatus = 400): z.output<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'body';
  const missing = valueAt(input, issue.path) === undefined;
  throw new TaxjarError(missing ? missingStatus : 400, missing ? `${field} is missing` : `${field}: ${issue.message}`);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

export interface TaxjarOptions {
  deps: Deps;
}

export async function taxjarPlugin(scope: FastifyInstance, { deps }: TaxjarOptions): Promise<void> {
  const { db, engine, sellers, alerts, registry } = deps;
  const content = engine.content;

  scope.setErrorHandler((error: FastifyError | TaxError | TaxjarError, request, reply) => {
    reply.header('request-id', request.id);
    let answer: TaxjarError;
    if (error instanceof TaxjarError) answer = error;
    else if (error instanceof TaxError) answer = fromTaxError(error);
    else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      answer = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? new TaxjarError(413, 'the request body is too large') : new TaxjarError(406, `the request body is not valid JSON: ${error.message}`);
    } else {
      request.log.error({ err: error }, 'request failed');
      answer = new TaxjarError(500, `Levy failed to answer this request (request id ${request.id})`);
    }
    reply.code(answer.status).send(answer.toJSON());
  });
  // The official client sends Content-Type: application/json on DELETE, with no body.
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    if (text === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text as string));
    } catch (error) {
      done(new TaxjarError(406, `the request body is not valid JSON: ${(error as Error).message}`), undefined);
    }
  });
  scope.setNotFoundHandler((request, reply) => {
    const answer = new TaxjarError(404, `no endpoint ${request.method} ${request.url.split('?')[0]}`);
    reply.code(404).send(answer.toJSON());
  });

  async function identify(request: FastifyRequest) {
    const route = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const identity = await authenticateTaxjar(registry.authenticator, request.headers.authorization, route);
    request.sellerId = identity.sellerId;
    request.configVersion = identity.configVersion;
    return identity;
  }

  type Handler = (request: FastifyRequest, reply: FastifyReply, sellerId: string, version: number) => Promise<unknown>;
  const route = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, handler: Handler) =>
    scope.route({
      method,
      url,
      config: { auth: false },
      handler: async (request, reply) => {
        reply.header('request-id', request.id);
        const { sellerId, configVersion } = await identify(request);
        return handler(request, reply, sellerId, configVersion);
      },
    });

  const today = async (sellerId: string, version: number) => {
    const { settings } = await sellers.get(sellerId, version, undefined);
    return accountingDate(new Date().toISOString(), settings.accountingTimeZone);
  };

  // --- Calculation -------------------------------------------------------

  route('POST', '/taxes', async (request, _reply, sellerId, version) => {
    const body = parse(s.taxesBody, request.body);
    const plan = exemptionPlan(body.customer_id, body.exemption_type);
    const { seller, settings } = await sellers.get(sellerId, version, plan.loadCustomer ? plan.customerId : undefined);
    const date = accountingDate(new Date().toISOString(), settings.accountingTimeZone);
    const compute = () => ({ tax: quoteTaxes(engine, body, seller, plan, date).answer });
    if (idempotencyKey(request.headers['idempotency-key']) === undefined) return compute();
    return answerOnce(db, request, sellerId, body, async () => compute());
  });

  route('GET', '/rates/:zip', async (request, _reply, sellerId, version) => {
    const zip = (request.params as { zip: string }).zip;
    const query = parse(s.ratesQuery, request.query);
    const country = (query.country ?? 'US').toUpperCase();
    const state = query.state ?? (country === 'US' ? zipIndex().get(zip.slice(0, 5))?.state : undefined);
    if (country === 'US' && !state) throw new TaxjarError(404, `no rates for ZIP ${zip}`);
    const address = destinationOf({ to_country: country, to_zip: zip, to_state: state, to_city: query.city, to_street: query.street });
    return { rate: rateObject(probe(engine, address, await today(sellerId, version)), zip) };
  });

  route('GET', '/summary_rates', async (_request, _reply, sellerId, version) => ({ summary_rates: summaryRates(engine, await today(sellerId, version)) }));

  route('GET', '/categories', async () => ({
    categories: [...content.categories.values()]
      .filter((c) => c.taxjarCode !== '')
      .map((c) => ({ name: c.name, product_tax_code: c.taxjarCode, description: c.description })),
  }));

  route('GET', '/nexus/regions', async (_request, _reply, sellerId) => {
    const regions = (await listRegistrations(db, sellerId)).map((r) => {
      // Ids are COUNTRY or COUNTRY-REGION (US-CA, CA-QC); unions (EU-OSS) are listed as their own code.
      const [countryCode, regionCode] = r.jurisdictionId.split('-') as [string, string | undefined];
      const country = countryCode === 'US' ? 'United States' : (content.jurisdictions.get(countryCode)?.name ?? countryCode);
      return {
        country_code: countryCode,
        country,
        region_code: regionCode ?? null,
        region: regionCode ? (content.jurisdictions.get(r.jurisdictionId)?.name ?? regionCode) : null,
      };
    });
    regions.sort((a, b) => a.country_code.localeCompare(b.country_code) || (a.region_code ?? '').localeCompare(b.region_code ?? ''));
    return { regions };
  });

  route('GET', '/validation', async (request) => {
    const { vat } = parse(s.validationQuery, request.query);
    const compact = vat.toUpperCase().replace(/[\s.\-]/g, '');
    const type = /^(GB|XI)/.test(compact) ? 'gb_vat' : /^CHE/.test(compact) ? 'ch_vat' : /^NO/.test(compact) ? 'no_vat' : 'eu_vat';
    const check = checkTaxId(type, compact);
    // Levy checks the format and check digits only; it does not ask VIES whether the number is registered.
    return { validation: { valid: check.valid, exists: false, vies_available: false, vies_response: null } };
  });

  route('POST', '/addresses/validate', async (request) => {
    const body = parse(s.addressBody, request.body);
    if (body.country && body.country.toUpperCase() !== 'US') throw new TaxjarError(400, 'address validation is available for US addresses only');
    const zips = zipIndex();
    const state = body.state?.toUpperCase();
    const city = body.city?.toUpperCase();
    let found = body.zip ? [zips.get(body.zip.slice(0, 5))].filter((z) => z !== undefined) : state ? zips.inState(state).filter((z) => city !== undefined && z.city.toUpperCase() === city) : [];
    found = found.filter((z) => (!state || z.state === state) && (!city || z.city.toUpperCase() === city || body.zip !== undefined));
    if (found.length === 0) throw new TaxjarError(404, 'Resource can\'t be found: no US address matches');
    return { addresses: found.slice(0, 10).map((z) => ({ zip: z.zip, street: body.street ?? null, state: z.state, country: 'US', city: z.city.toUpperCase() })) };
  });

  // --- Transactions ------------------------------------------------------

  async function showTransaction(sellerId: string, id: string, type: 'sale' | 'refund') {
    const found = await getTransaction(db, sellerId, id);
    if (!found || found.row.type !== type || found.row.status === 'voided') throw new TaxjarError(404, `no ${type === 'sale' ? 'order' : 'refund'} ${id}`);
    return transactionObject(found.row, found.result, keptBody(await latestRequest(db, sellerId, id)), content);
  }

  async function listIds(sellerId: string, type: 'sale' | 'refund', input: unknown): Promise<string[]> {
    const query = parse(s.listQuery, input);
    const from = query.transaction_date ?? query.from_transaction_date;
    const to = query.transaction_date ?? query.to_transaction_date;
    const ids: string[] = [];
    let after: { date: string; id: string } | undefined;
    for (;;) {
      const rows = await listTransactions(db, sellerId, { from, to, type, status: 'committed' }, 1000, after);
      ids.push(...rows.map((r) => r.id));
      if (rows.length < 1000) return ids;
      after = { date: rows.at(-1)!.date, id: rows.at(-1)!.id };
    }
  }

  route('GET', '/transactions/orders', async (request, _reply, sellerId) => ({ orders: await listIds(sellerId, 'sale', request.query) }));
  route('GET', '/transactions/refunds', async (request, _reply, sellerId) => ({ refunds: await listIds(sellerId, 'refund', request.query) }));
  route('GET', '/transactions/orders/:id', async (request, _reply, sellerId) => ({ order: await showTransaction(sellerId, (request.params as { id: string }).id, 'sale') }));
  route('GET', '/transactions/refunds/:id', async (request, _reply, sellerId) => ({ refund: await showTransaction(sellerId, (request.params as { id: string }).id, 'refund') }));

  route('POST', '/transactions/orders', async (request, reply, sellerId, version) => {
    const body = parse(s.orderBody, request.body, 406);
    const plan = exemptionPlan(body.customer_id, body.exemption_type);
    const { seller, settings } = await sellers.get(sellerId, version, plan.loadCustomer ? plan.customerId : undefined);
    const sale = saleBodyOf(body, seller, content);
    const result = calculateSale(engine, sale, seller, settings.accountingTimeZone);
    const answer = await afterWrite(alerts, sellerId, answerOnce(db, request, sellerId, body, async (tx) => {
      if (await getTransaction(tx, sellerId, body.transaction_id)) throw new TaxjarError(422, `Provider tranx already imported for your user account: ${body.transaction_id} exists; update it with PUT`);
      const row = await recordSale(tx, sellerId, sale, result, seller);
      return { order: transactionObject(row, result, body as Record<string, unknown>, content) };
    }));
    reply.code(201);
    return answer;
  });

  route('PUT', '/transactions/orders/:id', async (request, _reply, sellerId, version) => {
    const id = (request.params as { id: string }).id;
    const update = parse(s.orderUpdate, request.body, 406);
    const found = await getTransaction(db, sellerId, id);
    if (!found || found.row.type !== 'sale' || found.row.status === 'voided') throw new TaxjarError(404, `no order ${id}`);
    const previous = keptBody(await latestRequest(db, sellerId, id));
    const body = parse(s.orderBody, { ...previous, ...stripUndefined(update), transaction_id: id }, 406);
    const plan = exemptionPlan(body.customer_id, body.exemption_type);
    const { seller, settings } = await sellers.get(sellerId, version, plan.loadCustomer ? plan.customerId : undefined);
    const sale = saleBodyOf(body, seller, content);
    const result = calculateSale(engine, sale, seller, settings.accountingTimeZone);
    return afterWrite(alerts, sellerId, answerOnce(db, request, sellerId, body, async (tx) => {
      const facts = nexusFactsOf(result, { resaleCertificateIds: resaleCertificatesOf(seller, sale.customer.id) });
      if (found.row.status !== 'committed') throw new TaxjarError(422, `order ${id} is not committed in Levy: change it through /v1/transactions`);
      const row = await reviseCommitted(tx, sellerId, id, found.row.version, { request: sale, result, facts });
      if (!row) throw new TaxjarError(422, `order ${id} changed while this update ran: send it again`);
      return { order: transactionObject(row, { ...result, date: row.date }, body as Record<string, unknown>, content) };
    }));
  });

  route('DELETE', '/transactions/orders/:id', async (request, _reply, sellerId) => {
    const id = (request.params as { id: string }).id;
    const found = await getTransaction(db, sellerId, id);
    if (!found || found.row.type !== 'sale' || found.row.status === 'voided') throw new TaxjarError(404, `no order ${id}`);
    const provider = (keptBody(await latestRequest(db, sellerId, id)).provider as string | undefined) ?? 'api';
    await afterWrite(alerts, sellerId, voidTransaction(db, sellerId, id));
    return { order: deletedObject(id, 'order', provider) };
  });

  route('POST', '/transactions/refunds', async (request, reply, sellerId, version) => {
    const body = parse(s.refundBody, request.body, 406);
    const original = await getTransaction(db, sellerId, body.transaction_reference_id);
    if (!original || original.row.type !== 'sale') throw new TaxjarError(404, `no order ${body.transaction_reference_id} to refund (transaction_reference_id)`);
    if (await getTransaction(db, sellerId, body.transaction_id)) throw new TaxjarError(422, `Provider tranx already imported for your user account: ${body.transaction_id} exists`);
    const currency = original.result.currency;
    const refunded = await refundedByLine(sellerId, original.refunds);
    const lines = refundLines(body, original.result, refunded, currency);
    const date = dateOfRefund(body.transaction_date, (await sellers.get(sellerId, version, undefined)).settings.accountingTimeZone);
    const answer = await afterWrite(alerts, sellerId, answerOnce(db, request, sellerId, body, async (tx) => {
      if (await getTransaction(tx, sellerId, body.transaction_id)) throw new TaxjarError(422, `Provider tranx already imported for your user account: ${body.transaction_id} exists`);
      const { row, result } = await recordRefund(tx, sellerId, body.transaction_reference_id, { id: body.transaction_id, request: { taxjar: body } }, date, lines);
      return { refund: transactionObject(row, result, body as Record<string, unknown>, content) };
    }));
    reply.code(201);
    return answer;
  });

  /** What the standing refunds of an order already gave back, per line. */
  async function refundedByLine(sellerId: string, refunds: ReadonlyArray<{ id: string; status: string }>): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const r of refunds) {
      if (r.status === 'voided') continue;
      const found = await getTransaction(db, sellerId, r.id);
      for (const l of found?.result.lines ?? []) out.set(l.id, (out.get(l.id) ?? 0) + Math.abs(l.amount - l.discount));
    }
    return out;
  }

  route('PUT', '/transactions/refunds/:id', async (request, _reply, sellerId) => {
    const id = (request.params as { id: string }).id;
    const found = await getTransaction(db, sellerId, id);
    if (!found || found.row.type !== 'refund' || found.row.status === 'voided') throw new TaxjarError(404, `no refund ${id}`);
    throw new TaxjarError(422, `refund ${id} is recorded in Levy's ledger and does not change: delete it and create a refund with a new transaction_id`);
  });

  route('DELETE', '/transactions/refunds/:id', async (request, _reply, sellerId) => {
    const id = (request.params as { id: string }).id;
    const found = await getTransaction(db, sellerId, id);
    if (!found || found.row.type !== 'refund' || found.row.status === 'voided') throw new TaxjarError(404, `no refund ${id}`);
    const provider = (keptBody(await latestRequest(db, sellerId, id)).provider as string | undefined) ?? 'api';
    await afterWrite(alerts, sellerId, voidTransaction(db, sellerId, id));
    return { refund: deletedObject(id, 'refund', provider) };
  });

  // --- Customers ---------------------------------------------------------

  async function customerAnswer(sellerId: string, id: string) {
    const customer = await getCustomer(db, sellerId, id);
    if (!customer) throw new TaxjarError(404, `no customer ${id}`);
    return { customer: customerObject(customer, await taxjarCertificates(db, sellerId, id)) };
  }

  async function writeCustomer(request: FastifyRequest, sellerId: string, version: number, body: s.CustomerBody) {
    const regions = regionsOf(body, content);
    const reason = reasonOf(body.exemption_type);
    const date = await today(sellerId, version);
    return answerOnce(db, request, sellerId, body, async (tx) => {
      await putCustomer(tx, sellerId, body.customer_id, { name: body.name, address: addressOf(body), exempt: reason !== undefined && (body.exempt_regions ?? []).length === 0 });
      const [current] = await taxjarCertificates(tx, sellerId, body.customer_id);
      if (!reason) await archiveTaxjarCertificates(tx, sellerId, body.customer_id);
      else if (current) await patchCertificate(tx, sellerId, current.id, { jurisdictions: regions, reason }, date);
      else await createCertificate(tx, sellerId, { customerId: body.customer_id, jurisdictions: regions, reason, effectiveDate: CERTIFICATE_EFFECTIVE, notes: TAXJAR_CERTIFICATE_NOTE }, date);
      const customer = (await getCustomer(tx, sellerId, body.customer_id))!;
      return { customer: customerObject(customer, await taxjarCertificates(tx, sellerId, body.customer_id)) };
    });
  }

  route('GET', '/customers', async (_request, _reply, sellerId) => ({ customers: await customerIds(db, sellerId) }));
  route('GET', '/customers/:id', async (request, _reply, sellerId) => customerAnswer(sellerId, (request.params as { id: string }).id));

  route('POST', '/customers', async (request, reply, sellerId, version) => {
    const body = parse(s.customerBody, request.body, 406);
    if (await getCustomer(db, sellerId, body.customer_id)) throw new TaxjarError(422, `customer ${body.customer_id} exists already; update it with PUT`);
    const answer = await writeCustomer(request, sellerId, version, body);
    reply.code(201);
    return answer;
  });

  route('PUT', '/customers/:id', async (request, _reply, sellerId, version) => {
    const id = (request.params as { id: string }).id;
    const update = parse(s.customerBody.partial(), request.body, 406);
    const current = await customerAnswer(sellerId, id);
    const merged = parse(s.customerBody, { ...current.customer, ...stripUndefined(update), customer_id: id }, 406);
    return writeCustomer(request, sellerId, version, merged);
  });

  route('DELETE', '/customers/:id', async (request, _reply, sellerId) => {
    const id = (request.params as { id: string }).id;
    const answer = await customerAnswer(sellerId, id);
    await deleteCustomer(db, sellerId, id);
    return answer;
  });
}

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

function dateOfRefund(value: string, timeZone: string): string {
  const fields = dateFieldsOf(value);
  return 'date' in fields ? fields.date : accountingDate(fields.timestamp, timeZone);
}

/**
 * The lines a TaxJar refund gives back: its line items and shipping, by the
 * order's line ids; without line items, its amount (shipping included) spread
 * over the order's lines by their amounts, or the whole remainder when it is
 * the order's whole amount. TaxJar signs refunds itself, so signs are ignored.
 */
function refundLines(body: s.RefundBody, original: CalculateResponse, refunded: ReadonlyMap<string, number>, currency: string): Array<{ id: string; amount: number }> | undefined {
  const abs = (v: number | string, field: string) => Math.abs(toMinorUnits(v, currency, field));
  const shipping = abs(body.shipping, 'shipping');
  if (body.line_items && body.line_items.length > 0) {
    const lines = body.line_items.map((item, i) => {
      const quantity = item.quantity === undefined ? 1 : Number(item.quantity);
      const gross = (item.unit_price === undefined ? 0 : abs(item.unit_price, `line_items[${i}].unit_price`)) * quantity;
      const discount = item.discount === undefined ? 0 : abs(item.discount, `line_items[${i}].discount`);
      return { id: item.id === undefined ? String(i + 1) : String(item.id), amount: gross - discount };
    });
    if (shipping !== 0) lines.push({ id: 'shipping', amount: shipping });
    return lines.filter((l) => l.amount > 0);
  }
  const amount = abs(body.amount, 'amount');
  const weights = original.lines.map((l) => Math.max(0, l.amount - l.discount - (refunded.get(l.id) ?? 0)));
  const remainder = weights.reduce((sum, w) => sum + w, 0);
  if (amount === remainder) return undefined;
  if (amount > remainder) throw new TaxjarError(400, `amount ${toDecimalText(amount, currency)} is more than what is left to refund of the order (${toDecimalText(remainder, currency)})`);
  const parts = allocate(amount, weights, original.lines.map((l) => l.id));
  return original.lines.map((l, i) => ({ id: l.id, amount: parts[i]! })).filter((l) => l.amount > 0);
}
