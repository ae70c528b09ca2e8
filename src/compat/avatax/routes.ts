/**
 * AvaTax REST v2 under /api/v2: an encapsulated Fastify plugin, so its
 * errors answer AvaTax's envelope without touching the rest of the API, and
 * its routes stay out of Levy's OpenAPI document (docs/compatibility.md
 * describes them). Tax comes from Levy's engine and every write goes
 * through Levy's ledger, exactly as POST /v1/transactions does.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../api/deps.js';
import { answerOnce } from '../../api/idempotency.js';
import { afterWrite } from '../../api/routes/transactions.js';
import type { CalculateResponse } from '../../engine/schemas.js';
import { accountingDate } from '../../ledger/accounting-date.js';
import { calculateSale, recordRefund, recordSale } from '../../ledger/post.js';
import { parseDecimal } from '../../money/decimal.js';
import { multiplyRound } from '../../money/round.js';
import { nexusFactsOf, resaleCertificatesOf } from '../../nexus/facts.js';
import type { Db } from '../../store/open.js';
import { commitTransaction, getTransaction, reviseCommitted, voidTransaction, type TransactionRow } from '../../store/transactions.repository.js';
import { authenticate, levyKeyOf } from './auth.js';
import { includeOf, transactionModel, type AnswerContext, type AvaStatus } from './answer.js';
import { AvaTaxError, toAvaTaxError } from './errors.js';
import {
  addressInfo,
  adjustTransactionModel,
  canonicalKeys,
  createOrAdjustModel,
  createTransactionModel,
  readModel,
  refundTransactionModel,
  type AddressInfo,
  type CreateTransactionModel,
  type DocumentType,
} from './model.js';
import { resolveAddress, taxRatesAt } from './rates.js';
import { toSaleBody } from './request.js';

export interface AvaTaxOptions {
  deps: Deps;
}

/** AvaTax's escapes for characters a code cannot carry in a path segment. */
const PATH_ESCAPES: Array<[RegExp, string]> = [
  [/_-ava2f-_/g, '/'],
  [/_-ava2b-_/g, '+'],
  [/_-ava3f-_/g, '?'],
  [/_-ava25-_/g, '%'],
  [/_-ava23-_/g, '#'],
];

export function decodeCode(segment: string): string {
  return PATH_ESCAPES.reduce((s, [pattern, char]) => s.replace(pattern, char), segment);
}

/** AvaTax ids are numbers; Levy's are the codes. A stable number per seller and code stands in. */
export function numericId(sellerId: string, code: string): number {
  return Number.parseInt(createHash('sha256').update(`${sellerId}\u0000${code}`).digest('hex').slice(0, 12), 16);
}

const STATUS: Record<TransactionRow['status'], AvaStatus> = { uncommitted: 'Saved', committed: 'Committed', voided: 'Cancelled' };

function documentTypeOf(row: TransactionRow): DocumentType {
  return row.type === 'refund' || row.subtotal < 0 ? 'ReturnInvoice' : 'SalesInvoice';
}

function today(timeZone: string): string {
  return accountingDate(new Date().toISOString(), timeZone);
}

export async function avataxPlugin(scope: FastifyInstance, { deps }: AvaTaxOptions): Promise<void> {
  const { db, engine, sellers, alerts, registry } = deps;
  const content = engine.content;

  scope.setErrorHandler((error, request, reply) => {
    const known = toAvaTaxError(error);
    if (known) return reply.code(known.status).send(known.toJSON());
    request.log.error({ err: error }, 'AvaTax request failed');
    const internal = new AvaTaxError('InternalServerError', `Levy failed to answer this request (request id ${request.id})`, 500);
    return reply.code(500).send(internal.toJSON());
  });
  scope.setNotFoundHandler((request, reply) => {
    reply.code(404).send(AvaTaxError.notFound(`Levy answers no AvaTax endpoint ${request.method} ${request.url.split('?')[0]}`).toJSON());
  });

  async function identify(request: FastifyRequest) {
    const identity = await authenticate(registry.authenticator, request.headers.authorization);
    request.sellerId = identity.sellerId;
    request.configVersion = identity.configVersion;
    return identity;
  }

  function checkCompany(companyCode: string | null | undefined, sellerId: string): string {
    if (companyCode === undefined || companyCode === null || companyCode === '' || companyCode.toUpperCase() === 'DEFAULT' || companyCode === sellerId) return companyCode || 'DEFAULT';
    throw AvaTaxError.notFound(`Company ${companyCode} not found: use DEFAULT or your seller id ${sellerId}.`);
  }

  function context(row: TransactionRow, companyCode: string, sellerId: string, status?: AvaStatus): AnswerContext {
    return {
      id: numericId(sellerId, row.id),
      code: row.id,
      companyCode,
      type: documentTypeOf(row),
      status: status ?? STATUS[row.status],
      version: row.version,
      customerCode: row.customerId,
      referenceCode: row.originalId,
    };
  }

  function query(request: FastifyRequest): Record<string, string | undefined> {
    return request.query as Record<string, string | undefined>;
  }

  /** The seller context for `model`'s customer and the Levy body (with the exemption the document claims). */
  async function prepare(sellerId: string, configVersion: number, model: CreateTransactionModel, code: string) {
    const { seller, settings } = await sellers.get(sellerId, configVersion, model.customerCode);
    const mapped = toSaleBody(model, code, seller, content);
    const result = calculateSale(engine, mapped.body, seller, settings.accountingTimeZone);
    return { mapped, seller, result };
  }

  function modelContext(model: CreateTransactionModel, companyCode: string, lines: AnswerContext['lines']) {
    return { customerCode: model.customerCode, lines, exemptNo: model.exemptionNo, entityUseCode: model.entityUseCode ?? model.customerUsageType, referenceCode: model.referenceCode, companyCode };
  }

  /** create: quotes for *Order types, the ledger for *Invoice types. */
  async function create(request: FastifyRequest, sellerId: string, configVersion: number, model: CreateTransactionModel, body: unknown) {
    const companyCode = checkCompany(model.companyCode, sellerId);
    const code = model.code ?? randomUUID();
    const { mapped, seller, result } = await prepare(sellerId, configVersion, model, code);
    const base = modelContext(model, companyCode, mapped.lines);
    const include = includeOf(query(request).$include);
    if (model.type === 'SalesOrder' || model.type === 'ReturnOrder') {
      return transactionModel(result, { ...base, id: 0, code, type: model.type, status: 'Temporary', version: 1 }, content, include);
    }
    const original = model.type === 'ReturnInvoice' && model.referenceCode ? await getTransaction(db, sellerId, model.referenceCode) : undefined;
    if (original && original.row.type === 'sale' && original.row.status === 'committed') {
      // A return that names a committed sale refunds it, line by line, at the sale's own rates.
      const lines = mapped.body.lines.map((l, i) => {
        if (!original.result.lines.some((o) => o.id === l.id)) throw new AvaTaxError('LineNoOutOfRange', `Line ${l.id} is not a line of ${model.referenceCode}: number return lines as the original's.`, 400, `lines.${i}.number`);
        return { id: l.id!, amount: Math.abs(l.amount) };
      });
      return afterWrite(alerts, sellerId, answerOnce(db, request, sellerId, body, async (tx) => {
        const { row, result: refund } = await recordRefund(tx, sellerId, model.referenceCode!, { id: code, request: body }, model.date, lines);
        return transactionModel(refund, { ...base, ...context(row, companyCode, sellerId), type: 'ReturnInvoice' }, content, include);
      }));
    }
    return afterWrite(alerts, sellerId, answerOnce(db, request, sellerId, body, async (tx) => {
      const row = await recordSale(tx, sellerId, mapped.body, result, seller);
      return transactionModel(result, { ...base, ...context(row, companyCode, sellerId), type: model.type, taxDate: mapped.body.date }, content, include);
    }));
  }

  /** adjust: a new version of a saved sale, or of a committed one in an open period (reviseCommitted). */
  async function adjust(request: FastifyRequest, sellerId: string, configVersion: number, code: string, model: CreateTransactionModel, reason: string, description: string | null | undefined, body: unknown) {
    const companyCode = checkCompany(model.companyCode, sellerId);
    const found = await getTransaction(db, sellerId, code);
    if (!found) throw AvaTaxError.notFound(`Document with code ${code} not found.`);
    if (found.row.status === 'voided') throw new AvaTaxError('TransactionAlreadyCancelled', `Transaction ${code} is cancelled (voided).`, 400);
    if (found.row.type !== 'sale') throw new AvaTaxError('InvalidDocumentType', `Transaction ${code} is a refund: refunds cannot be adjusted; void it instead.`, 400);
    if (model.type !== 'SalesInvoice' && model.type !== 'ReturnInvoice') throw new AvaTaxError('InvalidDocumentType', 'An adjustment must be an invoice (SalesInvoice or ReturnInvoice).', 400, 'type');
    const { mapped, seller, result } = await prepare(sellerId, configVersion, model, code);
    const base = { ...modelContext(model, companyCode, mapped.lines), adjustmentReason: reason, adjustmentDescription: description };
    const include = includeOf(query(request).$include);
    return afterWrite(alerts, sellerId, answerOnce(db, request, sellerId, body, async (tx) => {
      if (found.row.status === 'uncommitted') {
        const row = await recordSale(tx, sellerId, mapped.body, result, seller);
        return transactionModel(result, { ...base, ...context(row, companyCode, sellerId, 'Adjusted'), type: model.type }, content, include);
      }
      const facts = nexusFactsOf(result, { resaleCertificateIds: resaleCertificatesOf(seller, model.customerCode) });
      const row = await reviseCommitted(tx, sellerId, code, found.row.version, { request: mapped.body, result, facts });
      if (!row) throw new AvaTaxError('DocumentCodeConflict', `Transaction ${code} changed while it was being adjusted: read it again and retry.`, 409);
      return transactionModel({ ...result, date: row.date }, { ...base, ...context(row, companyCode, sellerId, 'Adjusted'), type: model.type }, content, include);
    }));
  }

  scope.get('/utilities/ping', async (request) => {
    const header = request.headers.authorization;
    let identity: { sellerId: string } | undefined;
    try {
      identity = header ? await authenticate(registry.authenticator, header) : undefined;
    } catch {
      identity = undefined;
    }
    return {
      version: '26.9.0-levy',
      authenticated: identity !== undefined,
      authenticationType: identity === undefined ? 'None' : /^Bearer/i.test(header!) ? 'OpenIdBearerToken' : 'AccountIdLicenseKey',
      authenticatedUserName: identity ? levyKeyOf(header)!.split('/secret.')[0] : undefined,
      authenticatedUserId: 0,
      authenticatedAccountId: 0,
      authenticatedCompanyId: 0,
    };
  });

  scope.post('/transactions/create', async (request, reply) => {
    const { sellerId, configVersion } = await identify(request);
    const model = readModel(createTransactionModel, request.body);
    const answer = await create(request, sellerId, configVersion, model, request.body);
    return reply.code(201).send(answer);
  });

  scope.post('/transactions/createoradjust', async (request, reply) => {
    const { sellerId, configVersion } = await identify(request);
    const outer = readModel(createOrAdjustModel, request.body);
    const model = outer.createTransactionModel;
    const existing = model.code && (model.type === 'SalesInvoice' || model.type === 'ReturnInvoice') ? await getTransaction(db, sellerId, model.code) : undefined;
    if (existing && existing.row.type === 'sale') {
      return adjust(request, sellerId, configVersion, model.code!, model, String(outer.adjustmentReason ?? 'Other'), outer.adjustmentDescription, request.body);
    }
    return reply.code(201).send(await create(request, sellerId, configVersion, model, request.body));
  });

  const byCode = '/companies/:companyCode/transactions/:transactionCode';
  type Params = { companyCode: string; transactionCode: string };

  async function located(request: FastifyRequest) {
    const { sellerId } = await identify(request);
    const params = request.params as Params;
    const companyCode = checkCompany(decodeCode(params.companyCode), sellerId);
    const code = decodeCode(params.transactionCode);
    return { sellerId, companyCode, code };
  }

  async function existing(sellerId: string, code: string, documentType: string | undefined) {
    const found = await getTransaction(db, sellerId, code);
    if (!found) throw AvaTaxError.notFound(`Document with code ${code} not found.`);
    if (documentType && !new Set([documentTypeOf(found.row).toLowerCase(), String(documentTypeOf(found.row) === 'SalesInvoice' ? 1 : 5)]).has(documentType.toLowerCase())) {
      throw AvaTaxError.notFound(`Document with code ${code} and type ${documentType} not found.`);
    }
    return found;
  }

  scope.get(byCode, async (request) => {
    const { sellerId, companyCode, code } = await located(request);
    const q = query(request);
    const { row, result } = await existing(sellerId, code, q.documentType);
    return transactionModel(result, context(row, companyCode, sellerId), content, includeOf(q.$include));
  });

  async function change(request: FastifyRequest, reply: FastifyReply, work: (tx: Db, sellerId: string, code: string) => Promise<{ row: TransactionRow; result: CalculateResponse }>) {
    const { sellerId, companyCode, code } = await located(request);
    const q = query(request);
    await existing(sellerId, code, q.documentType);
    const answer = await afterWrite(alerts, sellerId, answerOnce(db, request, sellerId, request.body ?? null, async (tx) => {
      const { row, result } = await work(tx, sellerId, code);
      return transactionModel(result, context(row, companyCode, sellerId), content, includeOf(q.$include));
    }));
    return reply.send(answer);
  }

  scope.post(`${byCode}/commit`, async (request, reply) =>
    change(request, reply, async (tx, sellerId, code) => {
      const commit = (canonicalKeys(request.body) as { commit?: unknown } | undefined)?.commit;
      if (commit !== true) throw new AvaTaxError('ValueRequiredError', 'The body must be {"commit": true}.', 400, 'commit');
      const row = await commitTransaction(tx, sellerId, code);
      return { row, result: (await getTransaction(tx, sellerId, code))!.result };
    }),
  );

  scope.post(`${byCode}/void`, async (request, reply) =>
    change(request, reply, async (tx, sellerId, code) => {
      const before = await getTransaction(tx, sellerId, code);
      if (before?.row.status === 'voided') throw new AvaTaxError('TransactionAlreadyCancelled', `Transaction ${code} is already cancelled.`, 400);
      const row = await voidTransaction(tx, sellerId, code);
      return { row, result: before!.result };
    }),
  );

  scope.post(`${byCode}/refund`, async (request, reply) => {
    const { sellerId, companyCode, code } = await located(request);
    const model = readModel(refundTransactionModel, request.body);
    const q = query(request);
    const found = await existing(sellerId, code, q.documentType);
    if (found.row.type !== 'sale' || found.row.subtotal < 0) throw new AvaTaxError('InvalidDocumentTypeForRefund', `Transaction ${code} is a return: only a SalesInvoice can be refunded.`, 400);
    const lines = refundLines(model, found.result);
    const refundCode = model.refundTransactionCode ?? `${code}-refund-${randomUUID().slice(0, 8)}`;
    const answer = await afterWrite(alerts, sellerId, answerOnce(db, request, sellerId, request.body, async (tx) => {
      const { row, result } = await recordRefund(tx, sellerId, code, { id: refundCode, request: request.body }, model.refundDate, lines);
      return transactionModel(result, { ...context(row, companyCode, sellerId), referenceCode: model.referenceCode ?? code }, content, includeOf(q.$include));
    }));
    return reply.code(201).send(answer);
  });

  scope.post(`${byCode}/adjust`, async (request) => {
    const { sellerId, configVersion } = await identify(request);
    const params = request.params as Params;
    const model = readModel(adjustTransactionModel, request.body);
    const companyCode = checkCompany(decodeCode(params.companyCode), sellerId);
    const newTransaction = { ...model.newTransaction, companyCode: model.newTransaction.companyCode ?? companyCode };
    return adjust(request, sellerId, configVersion, decodeCode(params.transactionCode), newTransaction, String(model.adjustmentReason ?? 'Other'), model.adjustmentDescription, request.body);
  });

  async function sellerFor(request: FastifyRequest) {
    const { sellerId, configVersion } = await identify(request);
    return sellers.get(sellerId, configVersion, undefined);
  }

  scope.get('/taxrates/byaddress', async (request) => {
    const { seller, settings } = await sellerFor(request);
    const q = query(request);
    return taxRatesAt(engine, seller, addressOfQuery(q), today(settings.accountingTimeZone));
  });

  scope.get('/taxrates/bypostalcode', async (request) => {
    const { seller, settings } = await sellerFor(request);
    const q = query(request);
    if (!q.postalCode) throw new AvaTaxError('ValueRequiredError', 'The postalCode parameter is required.', 400, 'postalCode');
    if (q.country && !['US', 'USA'].includes(q.country.toUpperCase())) throw AvaTaxError.invalid('Rates by postal code are for the United States only (country US).', 'country');
    return taxRatesAt(engine, seller, { country: 'US', postalCode: q.postalCode }, today(settings.accountingTimeZone));
  });

  for (const method of ['GET', 'POST'] as const) {
    scope.route({
      method,
      url: '/addresses/resolve',
      handler: async (request) => {
        const { seller, settings } = await sellerFor(request);
        const raw = method === 'GET' ? query(request) : readModel(addressInfo, request.body);
        return resolveAddress(engine, seller, addressOfQuery(raw as Record<string, string | undefined>), today(settings.accountingTimeZone));
      },
    });
  }
}

function addressOfQuery(q: Record<string, string | null | undefined>): AddressInfo {
  return { line1: q.line1, line2: q.line2, line3: q.line3, city: q.city, region: q.region, postalCode: q.postalCode, country: q.country };
}

/** The lines a RefundTransactionModel gives back, in Levy's terms (positive amounts per original line); undefined for the whole sale. */
export function refundLines(model: ReturnType<typeof refundTransactionModel.parse>, original: CalculateResponse): Array<{ id: string; amount: number }> | undefined {
  switch (model.refundType) {
    case 'Full':
      return undefined;
    case 'TaxOnly':
      throw new AvaTaxError('InvalidRefundType', 'Levy refunds amounts with their tax; a tax-only refund is not supported.', 400, 'refundType');
    case 'Partial': {
      if (!model.refundLines || model.refundLines.length === 0) throw new AvaTaxError('RefundLinesRequired', 'A Partial refund needs refundLines (the line numbers to refund).', 400, 'refundLines');
      return model.refundLines.map((n, i) => {
        const line = original.lines.find((l) => l.id === n);
        if (!line) throw new AvaTaxError('LineNoOutOfRange', `The original has no line ${n}.`, 400, `refundLines.${i}`);
        return { id: n, amount: Math.abs(line.amount) };
      });
    }
    case 'Percentage': {
      const pct = model.refundPercentage;
      if (pct === null || pct === undefined || !(pct > 0 && pct <= 100)) throw new AvaTaxError('RefundPercentageOutOfRange', 'refundPercentage must be above 0 and at most 100.', 400, 'refundPercentage');
      const decimal = parseDecimal(String(pct));
      const share = { units: decimal.units, scale: decimal.scale + 2 };
      const subset = model.refundLines && model.refundLines.length > 0 ? new Set(model.refundLines) : undefined;
      return original.lines
        .filter((l) => subset === undefined || subset.has(l.id))
        .map((l) => ({ id: l.id, amount: multiplyRound(Math.abs(l.amount), share) }))
        .filter((l) => l.amount > 0);
    }
  }
}
