import { Readable } from 'node:stream';
import { TaxError } from '../../errors/tax-error.js';
import { checkCommittable } from '../../imports/commit.js';
import { employeeTemplateCsv } from '../../imports/employees-csv.js';
import { transactionTemplateCsv } from '../../imports/transactions-csv.js';
import { DEFAULT_MAX_BYTES, validateImport } from '../../imports/validate.js';
import { importView } from '../../imports/view.js';
import { getProduct, updateSettings } from '../../store/config.repository.js';
import { assignNewProduct, getImport, listErrors, listImports, listNewProducts, updateImport } from '../../store/imports.repository.js';
import type { Deps } from '../deps.js';
import { decodeCursor, limitOf, page } from '../pagination.js';
import { defineRoute } from '../route.js';
import { listOf, listQuery } from '../schemas.js';
import { assignBatchBody, assignBody, commitQuery, importErrorItem, importQuery, importView as importViewSchema, templateQuery } from '../import-schemas.js';
import { z } from 'zod';

export function registerImports({ app, registry, db, engine, imports }: Deps): void {
  app.addContentTypeParser(['text/csv', 'application/csv'], (_request, payload, done) => done(null, payload));
  const maxBytes = Number(process.env.LEVY_IMPORT_MAX_BYTES) || DEFAULT_MAX_BYTES;

  const found = async (sellerId: string, id: string) => {
    const record = await getImport(db, sellerId, id);
    if (!record) throw new TaxError('resource_not_found', `no import ${id}`);
    return record;
  };
  const awaitingProducts = async (sellerId: string, id: string) => {
    const record = await found(sellerId, id);
    if (record.status !== 'validated') throw new TaxError('import_state', `import ${record.id} is ${record.status}: products are assigned before the commit`);
    return record;
  };
  const checkTarget = async (sellerId: string, to: { productId: string } | { taxCategory: string }, param: string) => {
    if ('taxCategory' in to) {
      if (!engine.content.categories.has(to.taxCategory)) throw new TaxError('tax_category_unknown', `${to.taxCategory} is not a tax category (GET /v1/tax-categories)`, `${param}.taxCategory`);
    } else if (!(await getProduct(db, sellerId, to.productId))) {
      throw new TaxError('product_unknown', `there is no product ${to.productId}`, `${param}.productId`);
    }
  };

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/imports/template.csv',
    tag: 'Imports',
    summary: 'The CSV template: transactions (default) or employees',
    description: 'Amounts are decimal major units (1234.56), one row per line item. See docs/imports.md for every column.',
    query: templateQuery,
    response: z.string(),
    produces: 'text/csv',
    auth: false,
    handler: async ({ query, reply }) => {
      const kind = query.kind ?? 'transactions';
      reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="levy-${kind}-template.csv"`);
      return kind === 'transactions' ? transactionTemplateCsv() : employeeTemplateCsv();
    },
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/imports',
    tag: 'Imports',
    summary: 'Upload a CSV (Content-Type: text/csv): it is validated as it streams in; nothing is imported until you commit',
    description:
      'Answers every bad row with its row, column, code and message, or "All looks good"; lists product ids the catalog does not know, ' +
      'to assign to a product or a tax category before committing. Re-uploading a file is safe: transactions already in the ledger are left as they are.',
    query: importQuery,
    rawBody: 'text/csv',
    response: importViewSchema,
    status: 201,
    handler: async ({ request, query, sellerId }) => {
      if (!(request.body instanceof Readable)) throw new TaxError('unsupported_media_type', 'send the CSV file as the body with Content-Type: text/csv', 'body');
      const record = await validateImport(db, engine, sellerId, query.kind, request.body, { fileName: query.fileName ?? null, maxBytes });
      return importView(db, record);
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/imports',
    tag: 'Imports',
    summary: 'Imports, newest first',
    query: listQuery,
    response: listOf(importViewSchema),
    handler: async ({ query, sellerId }) => {
      const limit = limitOf(query.limit);
      const before = decodeCursor(query.cursor, (v): v is string => typeof v === 'string');
      const result = page(await listImports(db, sellerId, limit + 1, before), limit, (last) => last.id);
      return { data: await Promise.all(result.data.map((r) => importView(db, r))), nextCursor: result.nextCursor };
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/imports/:id',
    tag: 'Imports',
    summary: 'An import: validation result, new products, and the commit\'s progress',
    response: importViewSchema,
    handler: async ({ params, sellerId }) => importView(db, await found(sellerId, params.id!)),
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/imports/:id/errors',
    tag: 'Imports',
    summary: 'Every problem found in an import, by row',
    query: listQuery,
    response: listOf(importErrorItem),
    handler: async ({ params, query, sellerId }) => {
      await found(sellerId, params.id!);
      const limit = limitOf(query.limit);
      const after = decodeCursor(query.cursor, (v): v is number => typeof v === 'number');
      const rows = await listErrors(db, sellerId, params.id!, limit + 1, after);
      const result = page(rows, limit, (last) => last.seq);
      return { data: result.data.map((e) => ({ row: e.row, column: e.column, code: e.code, message: e.message, phase: e.phase })), nextCursor: result.nextCursor };
    },
  });

  defineRoute(app, registry, {
    method: 'PUT',
    url: '/v1/imports/:id/products/:productId',
    tag: 'Imports',
    summary: 'Assign one new product id to an existing product or a tax category',
    body: assignBody,
    response: importViewSchema,
    handler: async ({ body, params, sellerId }) => {
      const record = await awaitingProducts(sellerId, params.id!);
      await checkTarget(sellerId, body, 'body');
      if (!(await assignNewProduct(db, sellerId, record.id, params.productId!, body))) throw new TaxError('resource_not_found', `import ${record.id} has no new product id ${params.productId}`);
      return importView(db, record);
    },
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/imports/:id/products',
    tag: 'Imports',
    summary: 'Assign new product ids in a batch: a list, and/or one target for the rest',
    body: assignBatchBody,
    response: importViewSchema,
    handler: async ({ body, params, sellerId }) => {
      const record = await awaitingProducts(sellerId, params.id!);
      const known = new Map((await listNewProducts(db, sellerId, record.id)).map((p) => [p.productId, p]));
      for (const [i, a] of (body.assignments ?? []).entries()) {
        if (!known.has(a.productId)) throw new TaxError('resource_not_found', `import ${record.id} has no new product id ${a.productId}`, `assignments.${i}.productId`);
        await checkTarget(sellerId, a.assignTo, `assignments.${i}.assignTo`);
      }
      if (body.rest) await checkTarget(sellerId, body.rest, 'rest');
      await db.transaction(async (tx) => {
        const assigned = new Set<string>();
        for (const a of body.assignments ?? []) {
          await assignNewProduct(tx, sellerId, record.id, a.productId, a.assignTo);
          assigned.add(a.productId);
        }
        if (body.rest) {
          for (const p of known.values()) {
            if (!assigned.has(p.productId) && !p.assignedProductId && !p.assignedTaxCategory) await assignNewProduct(tx, sellerId, record.id, p.productId, body.rest);
          }
        }
      });
      return importView(db, record);
    },
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/imports/:id/commit',
    tag: 'Imports',
    summary: 'Import the validated rows into the ledger, in the background; GET the import for progress',
    description:
      'Resumable: a server stopped half-way resumes from the last batch it wrote. Transactions already in the ledger are left as they are. ' +
      'Transactions the ledger refuses are held for attention (GET /v1/attention); with `unassignedProducts=hold`, so are those whose new product ids are not assigned yet.',
    query: commitQuery,
    response: importViewSchema,
    status: 202,
    handler: async ({ params, query, sellerId }) => {
      const record = await found(sellerId, params.id!);
      await checkCommittable(db, record, query.unassignedProducts);
      imports.start(sellerId, record.id, query.unassignedProducts);
      return importView(db, record.status === 'validated' ? { ...record, status: 'committing' } : record);
    },
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/imports/:id/complete',
    tag: 'Imports',
    summary: 'Mark the historical backfill complete (after a committed transactions import)',
    response: importViewSchema,
    handler: async ({ params, sellerId }) => {
      const record = await found(sellerId, params.id!);
      if (record.status === 'completed') return importView(db, record);
      if (record.status !== 'committed' || record.kind !== 'transactions') throw new TaxError('import_state', `import ${record.id} is ${record.status}: only a committed transactions import completes the backfill`);
      const completedAt = new Date();
      const updated = await db.transaction(async (tx) => {
        await updateSettings(tx, sellerId, { backfillCompletedAt: completedAt.toISOString() });
        return updateImport(tx, sellerId, record.id, { status: 'completed', completedAt });
      });
      return importView(db, updated);
    },
  });
}
