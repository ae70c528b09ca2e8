import { TaxError } from '../../errors/tax-error.js';
import { MAX_DOCUMENT_BYTES, documentType } from '../../certificates/document.js';
import { getCertificateFile, putCertificateFile } from '../../store/certificate-files.repository.js';
import { z } from 'zod';
import { archiveCertificate, createCertificate, getCertificate, listCertificates, patchCertificate } from '../../store/certificates.repository.js';
import { getCustomer, sellerToday } from '../../store/config.repository.js';
import type { Db } from '../../store/open.js';
import type { Deps } from '../deps.js';
import { answerOnce } from '../idempotency.js';
import { decodeCursor, limitOf, page } from '../pagination.js';
import { defineRoute } from '../route.js';
import { listOf } from '../schemas.js';
import { asOfQuery, certificate, certificateBody, certificateFile, certificatePatch, certificateQuery } from '../certificate-schemas.js';

/** Today in the seller's accounting time zone: the day a certificate's status is worked out for. */
async function todayOf(db: Db, sellerId: string, asOf: string | undefined): Promise<string> {
  return asOf ?? sellerToday(db, sellerId);
}

export function registerCertificates({ app, registry, db, engine }: Deps): void {
  const knownJurisdictions = (ids: readonly string[] | undefined) => {
    ids?.forEach((id, i) => {
      if (!engine.content.jurisdictions.has(id)) throw new TaxError('jurisdiction_unknown', `${id} is not a jurisdiction Levy knows (US-TX, CA-ON ...)`, `jurisdictions.${i}`);
    });
  };
  const datesInOrder = (effective: string | undefined, expiration: string | null | undefined) => {
    if (effective && expiration && expiration < effective) throw new TaxError('parameter_invalid', `expirationDate ${expiration} is before effectiveDate ${effective}`, 'expirationDate');
  };
  const found = <T>(value: T | undefined, id: string): T => {
    if (value === undefined) throw new TaxError('resource_not_found', `no certificate ${id}`);
    return value;
  };

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/certificates',
    tag: 'Certificates',
    summary: 'Record an exemption certificate for a customer',
    description:
      '`reason` maps to an AvaTax entity/use code (resale G, government B, nonprofit E, manufacturing I, agricultural H, educational M, direct_pay J, medical and other L). ' +
      'Only an active or expiring-soon certificate covering the jurisdiction on the invoice date exempts a sale; the answer names it in `exemptions`.',
    body: certificateBody,
    response: certificate,
    status: 201,
    handler: async ({ request, body, sellerId }) => {
      knownJurisdictions(body.jurisdictions);
      datesInOrder(body.effectiveDate, body.expirationDate);
      if (!(await getCustomer(db, sellerId, body.customerId))) {
        throw new TaxError('parameter_invalid', `there is no customer ${body.customerId}: create it first with PUT /v1/customers/${body.customerId}`, 'customerId');
      }
      const today = await todayOf(db, sellerId, undefined);
      return answerOnce(db, request, sellerId, body, (tx) => createCertificate(tx, sellerId, body, today));
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/certificates',
    tag: 'Certificates',
    summary: 'List certificates, by status and by a search of customer id, customer name and number',
    query: certificateQuery,
    response: listOf(certificate),
    handler: async ({ query, sellerId }) => {
      const limit = limitOf(query.limit);
      const after = decodeCursor(query.cursor, (v): v is string => typeof v === 'string');
      const rows = await listCertificates(db, sellerId, query, await todayOf(db, sellerId, query.asOf), limit + 1, after);
      return page(rows, limit, (last) => last.id);
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/certificates/:id',
    tag: 'Certificates',
    summary: 'A certificate, with its status on the day asked',
    query: asOfQuery,
    response: certificate,
    handler: async ({ params, query, sellerId }) => found(await getCertificate(db, sellerId, params.id!, await todayOf(db, sellerId, query.asOf)), params.id!),
  });

  defineRoute(app, registry, {
    method: 'PATCH',
    url: '/v1/certificates/:id',
    tag: 'Certificates',
    summary: 'Change a certificate\'s details, jurisdictions or notes',
    body: certificatePatch,
    response: certificate,
    handler: async ({ body, params, sellerId }) => {
      knownJurisdictions(body.jurisdictions);
      const today = await todayOf(db, sellerId, undefined);
      const current = found(await getCertificate(db, sellerId, params.id!, today), params.id!);
      datesInOrder(body.effectiveDate ?? current.effectiveDate, body.expirationDate === undefined ? current.expirationDate : body.expirationDate);
      return found(await patchCertificate(db, sellerId, params.id!, body, today), params.id!);
    },
  });

  // Documents arrive as raw bytes of any declared type: their content decides what they are.
  app.addContentTypeParser(['application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_DOCUMENT_BYTES }, (_request, body, done) =>
    done(null, body),
  );

  defineRoute(app, registry, {
    method: 'PUT',
    url: '/v1/certificates/:id/file',
    tag: 'Certificates',
    summary: 'Store the certificate document (PDF, PNG or JPEG, at most 10 MB), with its SHA-256',
    description: 'Send the file as the body (Content-Type application/pdf, image/png, image/jpeg or application/octet-stream). The type is told by the content; anything else is refused.',
    rawBody: 'application/octet-stream',
    response: certificateFile,
    handler: async ({ request, params, sellerId }) => {
      const content = request.body;
      if (!Buffer.isBuffer(content)) throw new TaxError('unsupported_media_type', 'send the document itself as the body, with Content-Type application/pdf, image/png, image/jpeg or application/octet-stream', 'body');
      if (content.length > MAX_DOCUMENT_BYTES) throw new TaxError('document_too_large', `the document has ${content.length} bytes; at most ${MAX_DOCUMENT_BYTES} are accepted`, 'body');
      const mediaType = documentType(content);
      if (!mediaType) throw new TaxError('document_type_unsupported', 'the document is not a PDF, PNG or JPEG file (judged by its content)', 'body');
      found(await getCertificate(db, sellerId, params.id!, await todayOf(db, sellerId, undefined)), params.id!);
      return putCertificateFile(db, sellerId, params.id!, content, mediaType) as Promise<z.input<typeof certificateFile>>;
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/certificates/:id/file',
    tag: 'Certificates',
    summary: 'The certificate document as stored',
    response: z.string(),
    produces: 'application/octet-stream',
    handler: async ({ reply, params, sellerId }) => {
      const file = await getCertificateFile(db, sellerId, params.id!);
      if (!file) throw new TaxError('resource_not_found', `certificate ${params.id} has no document`);
      reply.type(file.mediaType).header('digest', `sha-256=${Buffer.from(file.sha256, 'hex').toString('base64')}`).header('etag', `"${file.sha256}"`);
      return file.content as unknown as string;
    },
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/certificates/:id/archive',
    tag: 'Certificates',
    summary: 'Archive a certificate: it no longer exempts any sale, and is kept as the record of past ones',
    response: certificate,
    handler: async ({ request, params, sellerId }) => {
      const today = await todayOf(db, sellerId, undefined);
      return answerOnce(db, request, sellerId, null, async (tx) => found(await archiveCertificate(tx, sellerId, params.id!, today), params.id!));
    },
  });
}
