/**
 * The customer's side of a certificate request: a public HTML page (no API
 * key: the link's token is the credential) at /certificate-requests/{token},
 * and the form it posts as multipart/form-data. Not part of the API, so not
 * in the OpenAPI document. An unknown link is 404; a used or expired one,
 * 410; a form with problems comes back (400) with each problem beside its
 * field and what was typed kept.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_DOCUMENT_BYTES } from '../../certificates/document.js';
import { FORM_FIELDS, emptyValues, readSubmission, type FormErrors, type FormValues, type UploadedDocument } from '../../certificates/request-form.js';
import { PAGE_HEADERS, renderForm, renderNotice } from '../../certificates/request-page.js';
import { hashRequestToken, linkState, looksLikeRequestToken } from '../../certificates/request-token.js';
import { sellerDisplayName } from '../../certificates/requests.js';
import { notifyReview } from '../../certificates/review-notice.js';
import { getChannels } from '../../store/alerts.repository.js';
import { findRequestByToken, linkSubmittedCertificate, recordReviewEmail, redeemRequest, type RequestPageFacts } from '../../store/certificate-requests.repository.js';
import { putCertificateFile } from '../../store/certificate-files.repository.js';
import { createCertificate } from '../../store/certificates.repository.js';
import { sellerToday } from '../../store/config.repository.js';
import type { Deps } from '../deps.js';
import type { CertificateMailOptions } from './certificate-requests.js';

const TEXT_FIELDS = new Set<string>(FORM_FIELDS.filter((f) => f !== 'document'));

const NOTICES: Record<'unknown' | 'used' | 'expired', [title: string, message: string]> = {
  unknown: ['Link not found', 'This link is not one we sent. Check that it was copied whole from the email, or ask the seller for a new one.'],
  used: ['This link has been used', 'A certificate was already sent with this link, and it works only once. If you need to send another, ask the seller for a new link.'],
  expired: ['This link has expired', 'Links work for 30 days. Ask the seller for a new one.'],
};

function send(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).headers(PAGE_HEADERS).send(html);
}

/** Marks a submission that lost the race for its link (used or expired while the form was read). */
class LinkGone extends Error {}

export async function registerCertificateRequestPage({ app, db, engine }: Deps, mail: CertificateMailOptions): Promise<void> {
  const lookUp = async (token: string): Promise<RequestPageFacts | undefined> => (looksLikeRequestToken(token) ? findRequestByToken(db, hashRequestToken(token)) : undefined);

  /** The link's facts when it still works; otherwise the page saying why, already sent. */
  const usable = async (request: FastifyRequest, reply: FastifyReply): Promise<RequestPageFacts | undefined> => {
    reply.header('request-id', request.id);
    const facts = await lookUp((request.params as { token: string }).token);
    if (!facts) {
      send(reply, 404, renderNotice(...NOTICES.unknown));
      return undefined;
    }
    const state = linkState(facts.request, new Date());
    if (state !== 'open') {
      send(reply, 410, renderNotice(...NOTICES[state]));
      return undefined;
    }
    return facts;
  };

  const formPage = (request: FastifyRequest, facts: RequestPageFacts, values: FormValues, errors: FormErrors) => {
    return renderForm({
      sellerName: sellerDisplayName(facts.sellerName, facts.request.sellerId),
      customerName: facts.customerName ?? facts.request.customerId,
      validUntil: facts.request.expiresAt.toISOString().slice(0, 10),
      values,
      errors,
      // Relative to the page, so the form posts back through whatever path prefix a proxy adds.
      action: (request.params as { token: string }).token,
    });
  };

  await app.register(async (scope: FastifyInstance) => {
    // One file of at most 10 MB and a handful of short fields: the parser stops reading past that.
    await scope.register(fastifyMultipart, { limits: { files: 1, fileSize: MAX_DOCUMENT_BYTES, fields: 20, fieldSize: 10_000, parts: 30, headerPairs: 100 } });

    // These pages are read by people: failures are pages too, never JSON.
    scope.setErrorHandler((error: { statusCode?: number }, request, reply) => {
      const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error({ err: error }, 'certificate request page failed');
      reply.header('request-id', request.id);
      return status === 500
        ? send(reply, 500, renderNotice('Something went wrong', `Please try again in a while. If it keeps happening, tell the seller this reference: ${request.id}.`))
        : send(reply, status, renderNotice('The form could not be read', 'Go back to the page from your email and send the form from there.'));
    });

    scope.get('/certificate-requests/:token', { config: { auth: false } }, async (request, reply) => {
      const facts = await usable(request, reply);
      if (!facts) return reply;
      const jurisdictions = facts.request.jurisdictions ?? facts.renewing?.jurisdictions ?? [];
      const values = emptyValues({ jurisdictions: jurisdictions.join(', '), reason: facts.renewing?.reason ?? '' });
      return send(reply, 200, formPage(request, facts, values, {}));
    });

    scope.post('/certificate-requests/:token', { config: { auth: false } }, async (request, reply) => {
      const facts = await usable(request, reply);
      if (!facts) return reply;
      const { sellerId } = facts.request;
      const { fields, upload, unreadable } = await readForm(request);
      const today = await sellerToday(db, sellerId);
      const read = readSubmission(fields, upload, { today, isJurisdiction: (id) => engine.content.jurisdictions.has(id) });
      if (unreadable) read.errors.document ??= unreadable;
      if (!read.submission || unreadable) return send(reply, 400, formPage(request, facts, read.values, read.errors));
      const submission = read.submission;

      const now = new Date();
      const tokenHash = facts.request.tokenHash;
      let certificateId: string;
      try {
        certificateId = await db.transaction(async (tx) => {
          const redeemed = await redeemRequest(tx, tokenHash, now);
          if (!redeemed) throw new LinkGone();
          const created = await createCertificate(
            tx,
            sellerId,
            {
              customerId: redeemed.customerId,
              jurisdictions: submission.jurisdictions,
              reason: submission.reason,
              number: submission.number,
              effectiveDate: submission.effectiveDate,
              expirationDate: submission.expirationDate,
              status: 'pending_review',
              requestId: redeemed.id,
            },
            today,
          );
          await putCertificateFile(tx, sellerId, created.id, submission.document, submission.mediaType);
          await linkSubmittedCertificate(tx, sellerId, redeemed.id, created.id);
          return created.id;
        });
      } catch (error) {
        if (!(error instanceof LinkGone)) throw error;
        const state = linkState(facts.request, now) === 'expired' ? 'expired' : 'used';
        return send(reply, 410, renderNotice(...NOTICES[state]));
      }

      await notifySeller(request, sellerId, certificateId, facts, submission);
      const seller = sellerDisplayName(facts.sellerName, sellerId);
      return send(reply, 200, renderNotice('Thank you: the certificate was sent', `${seller} has received your certificate and will review it. You can close this page.`));
    });
  });

  /**
   * Tells the seller a certificate awaits review, recording the outcome on
   * the request (the certificate is stored either way; a failed email is
   * sent again by the hourly pass).
   */
  async function notifySeller(request: FastifyRequest, sellerId: string, certificateId: string, facts: RequestPageFacts, s: { jurisdictions: string[]; reason: string; number: string | null; effectiveDate: string; expirationDate: string | null }) {
    const requestId = facts.request.id;
    const channel = (await getChannels(db, sellerId)).email;
    if (!channel) {
      await recordReviewEmail(db, sellerId, requestId, 'skipped', 'no email channel: set one with PUT /v1/alert-channels');
      return;
    }
    const outcome = await notifyReview(db, { channel, publicUrl: mail.publicUrl, timeoutMs: mail.timeoutMs }, {
      sellerId,
      requestId,
      customerId: facts.request.customerId,
      customerName: facts.customerName,
      certificate: { id: certificateId, ...s },
    });
    if (!outcome.sent) request.log.warn({ sellerId, certificateId, error: outcome.error }, 'certificate review email failed');
  }
}

/**
 * The form's text fields and its one file. A file over 10 MB or a second
 * file is reported against the document field; fields after it are not
 * read (browsers send the file input, last on the page, last).
 */
async function readForm(request: FastifyRequest): Promise<{ fields: Record<string, string>; upload: UploadedDocument | undefined; unreadable?: string }> {
  const fields: Record<string, string> = {};
  let upload: UploadedDocument | undefined;
  if (!request.isMultipart()) return { fields, upload, unreadable: 'Send the form from the page, with the file attached.' };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname === 'document' && !upload) upload = { content: await part.toBuffer() };
        else part.file.resume();
      } else if (TEXT_FIELDS.has(part.fieldname) && typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') upload = { problem: 'too_large' };
    else if (code === 'FST_FILES_LIMIT') upload = { problem: 'too_many' };
    else if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return { fields, upload, unreadable: 'The form has more parts than this page sends.' };
    // Anything else is a body cut short or malformed on the way: the customer's to send again, not a server failure.
    else return { fields, upload, unreadable: 'The form arrived incomplete. Attach the file and send it again.' };
  }
  return { fields, upload };
}
