/**
 * Anrok's transactions on Levy's ledger. createEphemeral is a quote;
 * createOrUpdate records the sale for reporting (committed, in Levy's
 * words), and each later call with its id gives it a new version (in an
 * open period; a filed one is frozen); void voids it; createNegation is a
 * full refund under the negation's own id. Tax comes from the engine and
 * every write from the ledger's own functions, as POST /v1/transactions.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../api/deps.js';
import { answerOnce, idempotencyKey } from '../../api/idempotency.js';
import { afterWrite } from '../../api/routes/transactions.js';
import type { PreparedSeller } from '../../engine/seller.js';
import { TaxError } from '../../errors/tax-error.js';
import { accountingDate } from '../../ledger/accounting-date.js';
import { calculateSale, recordRefund, recordSale, type SaleBody } from '../../ledger/post.js';
import { nexusFactsOf, resaleCertificatesOf } from '../../nexus/facts.js';
import { getCustomer, putCustomer } from '../../store/config.repository.js';
import type { Db } from '../../store/open.js';
import { getTransaction, inFiledPeriod, reviseCommitted, voidTransaction } from '../../store/transactions.repository.js';
import { checkTaxId } from '../../taxid/check.js';
import { regionCodes } from './address.js';
import { anrokAnswer, jurisResolver } from './answer.js';
import { AnrokBadRequest, AnrokConflict, fromTaxError } from './errors.js';
import { listTransactionsPage } from './list.js';
import { prefixedPath } from './path.js';
import type { AnrokPost } from './plugin.js';
import { saleBodyOf } from './request.js';
import { createOrUpdateBody, ephemeralBody, listTransactionsBody, negationBody, voidBody, type EphemeralBody } from './schemas.js';

export function registerTransactions(scope: FastifyInstance, post: AnrokPost, deps: Deps): void {
  const { db, engine, sellers, alerts } = deps;
  const jurisdictions = engine.content.jurisdictions;
  const regions = regionCodes(jurisdictions.values());
  const jurisOf = jurisResolver(jurisdictions);
  const taxIdTypes = (country: string, region: string | undefined) => [
    ...(region ? (jurisdictions.get(`${country}-${region}`)?.taxIdTypes ?? []) : []),
    ...(jurisdictions.get(country)?.taxIdTypes ?? []),
  ];
  const validTaxId = (type: string, value: string) => checkTaxId(type, value).valid;

  /** The engine's answer for an Anrok body, with Levy's errors in Anrok's words. */
  const calculate = async (sellerId: string, configVersion: number, body: EphemeralBody & { id?: string }) => {
    const { settings } = await sellers.get(sellerId, configVersion, undefined);
    const sale = saleBodyOf(body, {
      regions,
      taxIdTypes,
      validTaxId,
      sellerTimeZone: settings.accountingTimeZone,
      today: accountingDate(new Date().toISOString(), settings.accountingTimeZone),
    });
    if (body.customerId && !body.customerName && !(await getCustomer(db, sellerId, body.customerId))) throw new AnrokConflict('customerIdNotFound');
    const { seller } = await sellers.get(sellerId, configVersion, sale.customer.id);
    try {
      return { sale, seller, settings, result: calculateSale(engine, sale, seller, settings.accountingTimeZone) };
    } catch (error) {
      throw translated(error, body);
    }
  };
  const answerOf = (result: Parameters<typeof anrokAnswer>[0], body: EphemeralBody) =>
    anrokAnswer(result, body.lineItems.map((l) => l.id ?? null), jurisOf);

  post('/transactions/createEphemeral', ephemeralBody, async ({ request, sellerId, configVersion }, body) => {
    const { result } = await calculate(sellerId, configVersion, body);
    const answer = () => answerOf(result, body);
    if (idempotencyKey(request.headers['idempotency-key']) === undefined) return answer();
    return answerOnce(db, request, sellerId, body, async () => answer());
  });

  post('/transactions/createOrUpdate', createOrUpdateBody, async ({ request, sellerId, configVersion }, body) => {
    const { sale, seller, result } = await calculate(sellerId, configVersion, body);
    const write = answerOnce(db, request, sellerId, body, async (tx) => {
      // Anrok creates a customer sent with both an id and a name.
      if (body.customerId && body.customerName && !(await getCustomer(tx, sellerId, body.customerId))) await putCustomer(tx, sellerId, body.customerId, { name: body.customerName });
      const version = await recordVersion(tx, sellerId, sale, result, seller, body);
      return { ...answerOf(result, body), version };
    });
    return afterWrite(alerts, sellerId, write);
  });

  post('/transactions/createNegation', negationBody, async ({ request, sellerId, configVersion }, body) => {
    const { settings } = await sellers.get(sellerId, configVersion, undefined);
    const write = answerOnce(db, request, sellerId, body, async (tx) => {
      const found = await getTransaction(tx, sellerId, body.originalTransactionId);
      if (!found) throw new AnrokConflict('transactionIdNotFound');
      if (found.row.type === 'refund') throw new AnrokConflict('transactionIsAlreadyANegation');
      expectVersion(found.row.version, body.originalTransactionExpectedVersion);
      if (await getTransaction(tx, sellerId, body.newTransactionId)) throw new AnrokConflict('duplicateTransactionId');
      // The negation belongs with its original unless that period is filed; then it goes in today's.
      const date = (await inFiledPeriod(tx, sellerId, found.row.id)) ? accountingDate(new Date().toISOString(), settings.accountingTimeZone) : found.row.date;
      await recordRefund(tx, sellerId, found.row.id, { id: body.newTransactionId, request: { negationOf: found.row.id, anrok: body } }, date, undefined).catch((e: unknown) => {
        throw translated(e);
      });
      return {};
    });
    return afterWrite(alerts, sellerId, write);
  });

  post('/transactions/list', listTransactionsBody, async ({ sellerId }, body) => listTransactionsPage(db, sellerId, body, jurisOf));

  // Transaction ids hold colons and encoded characters: the segment is read from the raw URL.
  scope.post('/transactions/*', async (request) => {
    const path = prefixedPath(request.url, '/v1/seller/transactions/', 'id');
    if (!path || path.action !== 'void') throw notFound(request.url);
    const parsed = voidBody.safeParse(request.body ?? {});
    if (!parsed.success) throw parsed.error;
    const sellerId = request.sellerId!;
    const write = answerOnce(db, request, sellerId, parsed.data, async (tx) => {
      const found = await getTransaction(tx, sellerId, path.value);
      if (!found) throw new AnrokConflict('transactionIdNotFound');
      expectVersion(found.row.version, parsed.data.transactionExpectedVersion);
      if (await inFiledPeriod(tx, sellerId, path.value)) throw new AnrokConflict('transactionFrozenForFiling');
      await voidTransaction(tx, sellerId, path.value).catch((e: unknown) => {
        throw translated(e);
      });
      return {};
    });
    return afterWrite(alerts, sellerId, write);
  });
}

/** "No such endpoint", from inside a wildcard route. */
function notFound(url: string): AnrokBadRequest {
  return new AnrokBadRequest(`No endpoint POST ${url.split('?')[0]}`, 404);
}

function expectVersion(current: number, expected: number | null | undefined): void {
  if (expected !== undefined && expected !== null && expected !== current) throw new AnrokConflict('transactionExpectedVersionMismatch', { currentVersion: current });
}

function translated(error: unknown, body?: EphemeralBody): unknown {
  if (!(error instanceof TaxError)) return error;
  if (error.code === 'transaction_refunded') return new AnrokConflict('transactionHasNegation', { message: error.message });
  return fromTaxError(error, { productIdOfLine: (i) => body?.lineItems[i]?.productExternalId });
}

/**
 * Records the sale, or its next version: a new sale is committed at once; a
 * committed one of an open period is revised in place (a filed period
 * refuses with period_filed); an uncommitted one (made through Levy's own
 * API) takes the new version and is committed.
 */
async function recordVersion(tx: Db, sellerId: string, sale: SaleBody, result: ReturnType<typeof calculateSale>, seller: PreparedSeller, body: EphemeralBody): Promise<number> {
  try {
    const found = await getTransaction(tx, sellerId, sale.id);
    if (!found || found.row.status === 'uncommitted') return (await recordSale(tx, sellerId, sale, result, seller)).version;
    if (found.row.type === 'refund') throw new AnrokConflict('duplicateTransactionId');
    if (found.row.status === 'voided') throw new AnrokConflict('transactionVoided', { message: `transaction ${sale.id} is voided: a new sale needs an id of its own` });
    if (await inFiledPeriod(tx, sellerId, sale.id)) throw new AnrokConflict('transactionFrozenForFiling');
    const facts = nexusFactsOf(result, { resaleCertificateIds: resaleCertificatesOf(seller, sale.customer.id) });
    const revised = await reviseCommitted(tx, sellerId, sale.id, found.row.version, { request: sale, result, facts });
    // The row is read and revised in one database transaction; a concurrent writer would have made it stale.
    if (!revised) throw new AnrokConflict('transactionExpectedVersionMismatch');
    return revised.version;
  } catch (error) {
    throw translated(error, body);
  }
}
