/**
 * The reads and writes the TaxJar compatibility layer (src/compat/taxjar/)
 * needs beyond the ledger's and the configuration's own: a transaction's
 * latest request (TaxJar shows back what it was sent), the customers' ids,
 * a customer's removal, and the certificates that carry a TaxJar customer's
 * exemption (marked by their notes).
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { announceChange } from './changes.js';
import type { Db } from './open.js';
import { certificates, customers, transactionVersions } from './schema.js';

/** The notes of the certificate a TaxJar customer's exemption is recorded as. */
export const TAXJAR_CERTIFICATE_NOTE = 'Recorded through the TaxJar-compatible customers API (/v2/customers)';

export async function latestRequest(db: Db, sellerId: string, id: string): Promise<unknown> {
  const [row] = await db
    .select({ request: transactionVersions.request })
    .from(transactionVersions)
    .where(and(eq(transactionVersions.sellerId, sellerId), eq(transactionVersions.transactionId, id)))
    .orderBy(desc(transactionVersions.version))
    .limit(1);
  return row?.request;
}

export async function customerIds(db: Db, sellerId: string): Promise<string[]> {
  const rows = await db.select({ id: customers.id }).from(customers).where(eq(customers.sellerId, sellerId)).orderBy(asc(customers.id));
  return rows.map((r) => r.id);
}

/** The standing (not archived) certificates that hold a TaxJar customer's exemption. */
export async function taxjarCertificates(db: Db, sellerId: string, customerId: string) {
  return db
    .select()
    .from(certificates)
    .where(and(eq(certificates.sellerId, sellerId), eq(certificates.customerId, customerId), eq(certificates.notes, TAXJAR_CERTIFICATE_NOTE), eq(certificates.archived, false)))
    .orderBy(asc(certificates.id));
}

/** Archives the TaxJar certificates of a customer (archived certificates exempt nothing). */
export async function archiveTaxjarCertificates(db: Db, sellerId: string, customerId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(certificates)
      .set({ archived: true })
      .where(and(eq(certificates.sellerId, sellerId), eq(certificates.customerId, customerId), eq(certificates.notes, TAXJAR_CERTIFICATE_NOTE)));
    await announceChange(tx, sellerId);
  });
}

/** Removes a customer and archives its TaxJar certificates; its transactions keep their customer id. */
export async function deleteCustomer(db: Db, sellerId: string, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx.delete(customers).where(and(eq(customers.sellerId, sellerId), eq(customers.id, id))).returning({ id: customers.id });
    await archiveTaxjarCertificates(tx, sellerId, id);
    return deleted.length > 0;
  });
}
