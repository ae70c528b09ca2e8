import type { z } from 'zod';
import { impactOf, planReprocessing, type ReprocessScope } from '../../certificates/reprocess.js';
import { TaxError } from '../../errors/tax-error.js';
import { getCertificate } from '../../store/certificates.repository.js';
import { sellerToday } from '../../store/config.repository.js';
import { createReprocessing, getReprocessing, listReprocessings, type ReprocessingRow } from '../../store/reprocessings.repository.js';
import type { Deps } from '../deps.js';
import { answerOnce } from '../idempotency.js';
import { decodeCursor, limitOf, page } from '../pagination.js';
import { dryRunAnswer, reprocessBody, reprocessing, reprocessingsQuery } from '../reprocess-schemas.js';
import { defineRoute } from '../route.js';
import { listOf } from '../schemas.js';

function viewOf(row: ReprocessingRow): z.input<typeof reprocessing> {
  return {
    id: row.id,
    certificateId: row.certificateId,
    customerId: row.customerId,
    from: row.fromDate,
    to: row.toDate,
    preferCustomerAddress: row.preferCustomerAddress,
    status: row.status,
    total: row.total,
    done: row.done,
    impact: row.impact as z.input<typeof reprocessing>['impact'],
    items: ((row.outcome as { items?: unknown[] } | null)?.items ?? []) as z.input<typeof reprocessing>['items'],
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

export function registerReprocessing({ app, registry, db, engine, reprocessing: runner }: Deps): void {
  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/certificates/:id/reprocess',
    tag: 'Certificates',
    summary: 'Recalculate the customer\'s committed sales in a date range with its certificates as they now stand',
    description:
      'With `dryRun: true`, answers the impact (200) and changes nothing. Otherwise starts a background run (202) followed at GET /v1/reprocessings/{id}. ' +
      'A sale in an open period gets a new version in place; a sale in a filed period is never touched: a negation of it and a corrected sale are recorded in the open period. ' +
      'Sales with refunds and marketplace sales are left as they are and listed as skipped.',
    body: reprocessBody,
    response: dryRunAnswer.or(reprocessing),
    status: 200,
    handler: async ({ request, reply, body, params, sellerId }) => {
      if (body.from > body.to) throw new TaxError('parameter_invalid', `from ${body.from} is after to ${body.to}`, 'from');
      const certificate = await getCertificate(db, sellerId, params.id!, await sellerToday(db, sellerId));
      if (!certificate) throw new TaxError('resource_not_found', `no certificate ${params.id}`);
      const scope: ReprocessScope = { sellerId, certificateId: certificate.id, customerId: certificate.customerId, from: body.from, to: body.to, preferCustomerAddress: body.preferCustomerAddress ?? false };
      const items = await planReprocessing(db, engine, scope);
      const impact = impactOf(items);
      if (body.dryRun) {
        return { certificateId: scope.certificateId, customerId: scope.customerId, from: scope.from, to: scope.to, preferCustomerAddress: scope.preferCustomerAddress, dryRun: true as const, ...impact, items };
      }
      const answer = await answerOnce(db, request, sellerId, body, async (tx) =>
        viewOf(await createReprocessing(tx, { sellerId, certificateId: scope.certificateId, customerId: scope.customerId, fromDate: scope.from, toDate: scope.to, preferCustomerAddress: scope.preferCustomerAddress, impact, total: items.length })),
      );
      reply.status(202);
      runner.start(sellerId, answer.id);
      return answer;
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/reprocessings/:id',
    tag: 'Certificates',
    summary: 'A reprocessing run: its status, progress, and what it did to each sale',
    response: reprocessing,
    handler: async ({ params, sellerId }) => {
      const row = await getReprocessing(db, sellerId, params.id!);
      if (!row) throw new TaxError('resource_not_found', `no reprocessing ${params.id}`);
      return viewOf(row);
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/reprocessings',
    tag: 'Certificates',
    summary: 'Reprocessing runs, newest first',
    query: reprocessingsQuery,
    response: listOf(reprocessing),
    handler: async ({ query, sellerId }) => {
      const limit = limitOf(query.limit);
      const after = decodeCursor(query.cursor, (v): v is [string, string] => Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string'));
      const rows = await listReprocessings(db, sellerId, query.certificateId, limit + 1, after);
      const result = page(rows, limit, (last) => [last.createdAt.toISOString(), last.id]);
      return { data: result.data.map(viewOf), nextCursor: result.nextCursor };
    },
  });
}
