/**
 * Anrok's customer certificates on Levy's. Levy keeps one expiration date
 * per certificate: an Anrok certificate with end dates per juris is kept
 * with the earliest, so it never exempts a sale past any of them. Anrok
 * names no exemption reason: certificates made here have reason `other`.
 * Certificate requests go through Levy's own endpoint (one implementation,
 * whose emails, idempotency and redelivery apply unchanged).
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Deps } from '../../api/deps.js';
import { answerOnce } from '../../api/idempotency.js';
import { decodeCursor, encodeCursor } from '../../api/pagination.js';
import { MAX_DOCUMENT_BYTES, documentType } from '../../certificates/document.js';
import type { CertificateStatus } from '../../certificates/status.js';
import { putCertificateFile } from '../../store/certificate-files.repository.js';
import { archiveCertificate, createCertificate, getCertificate, listCertificates } from '../../store/certificates.repository.js';
import { getCustomer, putCustomer, sellerToday } from '../../store/config.repository.js';
import { AnrokBadRequest, AnrokConflict } from './errors.js';
import { anrokJurisId } from './list.js';
import { prefixedPath } from './path.js';
import type { AnrokPost } from './plugin.js';
import { certificateCreateBody, certificateListBody, certificateRequestBody, certificateStatus } from './schemas.js';

type LevyCertificate = NonNullable<Awaited<ReturnType<typeof getCertificate>>>;
type AnrokStatus = z.output<typeof certificateStatus>;

const TO_LEVY_STATUS: Record<AnrokStatus, CertificateStatus> = { active: 'active', expiringSoon: 'expiring_soon', expired: 'expired', archived: 'archived' };
/** Levy's review states have no Anrok name: a submission not yet approved, or rejected, keeps Levy's word. */
const TO_ANROK_STATUS: Record<CertificateStatus, string> = {
  active: 'active',
  expiring_soon: 'expiringSoon',
  expired: 'expired',
  archived: 'archived',
  pending_review: 'pendingReview',
  rejected: 'rejected',
};
const DEFAULT_LIMIT = 25;

export function certificateView(c: LevyCertificate) {
  return {
    id: c.id,
    status: TO_ANROK_STATUS[c.status],
    customerId: c.customerId,
    customerName: c.customerName ?? '',
    createdTime: c.createdAt,
    effectiveDateBegin: c.effectiveDate,
    expiryDate: c.expirationDate,
    exemptionNumber: c.number ?? '',
    notes: c.notes ?? '',
    jurises: c.jurisdictions.map((j) => ({ jurisId: anrokJurisId(j), registrationId: '', effectiveDateEndi: c.expirationDate, notes: '' })),
  };
}

/** `us-MA` → `US-MA`. */
const levyJurisdiction = (jurisId: string) => jurisId.replace(/^[a-z]{2}/, (c) => c.toUpperCase());

interface ListCursor {
  after: string;
  customerId: string | null;
  status: AnrokStatus | null;
}

export function registerCertificates(scope: FastifyInstance, post: AnrokPost, { app, db, engine }: Deps): void {
  post('/certificates/create', certificateCreateBody, async ({ request, sellerId }, body) => {
    const ids = body.jurises.map((j) => levyJurisdiction(j.jurisId));
    if (new Set(ids).size !== ids.length) throw new AnrokConflict('duplicateJurisIds');
    if (ids.some((id) => !engine.content.jurisdictions.has(id))) throw new AnrokConflict('jurisNotFound');
    const content = Buffer.from(body.certificateFile.contentsBase64, 'base64');
    if (content.length > MAX_DOCUMENT_BYTES) throw new AnrokBadRequest(`Request body: "certificateFile": "contentsBase64": The file is larger than ${MAX_DOCUMENT_BYTES} bytes.`);
    const mediaType = documentType(content);
    if (!mediaType) throw new AnrokConflict('fileTypeNotSupported');
    const ends = body.jurises.flatMap((j) => (j.effectiveDateEndi ? [j.effectiveDateEndi] : [])).sort();
    const today = await sellerToday(db, sellerId);
    return answerOnce(db, request, sellerId, body, async (tx) => {
      if (!(await getCustomer(tx, sellerId, body.customerId))) {
        if (!body.customerName) throw new AnrokConflict('customerIdNotFound');
        await putCustomer(tx, sellerId, body.customerId, { name: body.customerName });
      }
      const created = await createCertificate(
        tx,
        sellerId,
        { customerId: body.customerId, jurisdictions: ids, reason: 'other', number: body.exemptionNumber ?? null, effectiveDate: body.effectiveDateBegin, expirationDate: ends[0] ?? null, notes: body.notes ?? null },
        today,
      );
      await putCertificateFile(tx, sellerId, created.id, content, mediaType);
      return { id: created.id };
    });
  });

  post('/certificates/list', certificateListBody, async ({ sellerId }, body) => {
    if (body.cursor && body.filter) throw new AnrokBadRequest('Request body: cursor and filter cannot both be provided.');
    let cursor: ListCursor | undefined;
    if (body.cursor) {
      try {
        cursor = decodeCursor(body.cursor, (v): v is ListCursor => typeof v === 'object' && v !== null && typeof (v as ListCursor).after === 'string');
      } catch {
        throw new AnrokConflict('invalidCursor');
      }
    }
    const customerId = cursor ? cursor.customerId : (body.filter?.customerId ?? null);
    const status = cursor ? cursor.status : (body.filter?.status ?? null);
    if (customerId && !(await getCustomer(db, sellerId, customerId))) throw new AnrokConflict('customerIdNotFound');
    const limit = body.limit ?? DEFAULT_LIMIT;
    const rows = await listCertificates(db, sellerId, { customerId: customerId ?? undefined, status: status ? TO_LEVY_STATUS[status] : undefined }, await sellerToday(db, sellerId), limit + 1, cursor?.after);
    const shown = rows.slice(0, limit);
    const hasMore = rows.length > limit;
    return {
      certificates: shown.map(certificateView),
      nextCursor: hasMore ? encodeCursor({ after: shown[shown.length - 1]!.id, customerId, status } satisfies ListCursor) : null,
      hasMore,
    };
  });

  scope.post('/certificates/*', async (request) => {
    const path = prefixedPath(request.url, '/v1/seller/certificates/', 'id');
    if (!path || (path.action !== 'get' && path.action !== 'archive')) throw new AnrokBadRequest(`No endpoint POST ${request.url.split('?')[0]}`, 404);
    const sellerId = request.sellerId!;
    const today = await sellerToday(db, sellerId);
    if (path.action === 'get') {
      const found = await getCertificate(db, sellerId, path.value, today);
      if (!found) throw new AnrokConflict('certificateIdNotFound');
      return certificateView(found);
    }
    return answerOnce(db, request, sellerId, null, async (tx) => {
      if (!(await archiveCertificate(tx, sellerId, path.value, today))) throw new AnrokConflict('certificateIdNotFound');
      return {};
    });
  });

  post('/certificateRequests/create', certificateRequestBody, async ({ request, sellerId }, body) => {
    // Levy sends the link only by email, never in an answer (see docs/certificates.md).
    if (body.sendEmail === false) throw new AnrokBadRequest('Request body: "sendEmail": Levy sends certificate request links by email only.');
    if (!(await getCustomer(db, sellerId, body.customerId))) {
      if (!body.customerName) throw new AnrokConflict('customerIdNotFound');
      await putCustomer(db, sellerId, body.customerId, { name: body.customerName });
    }
    const key = request.headers['idempotency-key'];
    const answer = await app.inject({
      method: 'POST',
      url: `/v1/customers/${encodeURIComponent(body.customerId)}/certificate-requests`,
      headers: { authorization: request.headers.authorization!, ...(typeof key === 'string' ? { 'idempotency-key': key } : {}) },
      payload: { email: body.emailAddress },
    });
    const levy = answer.json() as { id?: string; error?: { code: string; param?: string; message: string } };
    if (answer.statusCode < 300 && levy.id) return { requestId: levy.id, requestLink: null };
    const error = levy.error;
    if (error?.param === 'email') throw new AnrokConflict('invalidEmailAddress');
    if (error?.code === 'email_not_configured') throw new AnrokConflict('featureNotEnabled', { message: error.message });
    if (error?.code === 'resource_not_found') throw new AnrokConflict('customerIdNotFound');
    throw new AnrokConflict(error?.code ?? 'externalServiceError', { message: error?.message ?? 'the certificate request failed' });
  });
}
