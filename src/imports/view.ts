/** An import as the API and the CLI show it. */
import { listErrors, listNewProducts, type ImportRecord } from '../store/imports.repository.js';
import type { Db } from '../store/open.js';

export async function importView(db: Db, record: ImportRecord) {
  const [errors, products] = await Promise.all([listErrors(db, record.sellerId, record.id, 100), listNewProducts(db, record.sellerId, record.id)]);
  const unassigned = products.filter((p) => !p.assignedProductId && !p.assignedTaxCategory).length;
  return {
    id: record.id,
    kind: record.kind,
    status: record.status,
    fileName: record.fileName,
    message: messageOf(record, unassigned),
    rows: { total: record.rows, invalid: record.invalidRows },
    errors: { count: record.errorCount, first: errors.map((e) => ({ row: e.row, column: e.column, code: e.code, message: e.message, phase: e.phase })) },
    items: { total: record.items, existing: record.existing },
    newProducts: products.map((p) => ({
      productId: p.productId,
      rows: p.rows,
      assignedTo: p.assignedProductId ? { productId: p.assignedProductId } : p.assignedTaxCategory ? { taxCategory: p.assignedTaxCategory } : null,
    })),
    progress: {
      done: record.done,
      total: record.items,
      written: record.written,
      failed: record.failed,
      commitStartedAt: record.commitStartedAt?.toISOString() ?? null,
      committedAt: record.committedAt?.toISOString() ?? null,
      completedAt: record.completedAt?.toISOString() ?? null,
    },
    createdAt: record.createdAt.toISOString(),
  };
}

function messageOf(r: ImportRecord, unassigned: number): string {
  const what = r.kind === 'transactions' ? 'transactions' : 'employees';
  switch (r.status) {
    case 'validating':
      return 'Reading the file.';
    case 'invalid':
      return `${r.errorCount} problem${r.errorCount === 1 ? '' : 's'} in ${r.invalidRows} row${r.invalidRows === 1 ? '' : 's'}: fix the file and upload it again. Nothing was imported.`;
    case 'validated': {
      const existing = r.existing > 0 ? ` ${r.existing} of the ${r.items} ${what} are in the ledger already and will be left as they are.` : '';
      const products = unassigned > 0 ? ` Assign the ${unassigned} new product id${unassigned === 1 ? '' : 's'} to a product or a tax category, then commit.` : ' Commit to import.';
      return `All looks good: ${r.rows} rows, ${r.items} ${what}.${existing}${products}`;
    }
    case 'committing':
      return `Importing: ${r.done} of ${r.items} ${what} done.`;
    case 'committed':
      return `Imported ${r.written} ${what}${r.done - r.written - r.failed > 0 ? ` (${r.done - r.written - r.failed} were in the ledger already)` : ''}${r.failed > 0 ? `; ${r.failed} could not be imported (see errors): they are kept at GET /v1/attention, to repost once fixed` : ''}.`;
    case 'completed':
      return `Imported, and the backfill is marked complete.`;
    case 'failed':
      return 'The upload failed before the file was read to its end. Upload it again.';
  }
}
