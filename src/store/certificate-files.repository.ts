/** Certificate documents: one per certificate, replaced whole, kept with its SHA-256. */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from './open.js';
import { certificateFiles } from './schema.js';

export async function putCertificateFile(db: Db, sellerId: string, certificateId: string, content: Buffer, mediaType: string) {
  const values = { mediaType, size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content, uploadedAt: new Date() };
  const [row] = await db
    .insert(certificateFiles)
    .values({ sellerId, certificateId, ...values })
    .onConflictDoUpdate({ target: [certificateFiles.sellerId, certificateFiles.certificateId], set: values })
    .returning({ mediaType: certificateFiles.mediaType, size: certificateFiles.size, sha256: certificateFiles.sha256, uploadedAt: certificateFiles.uploadedAt });
  return { certificateId, ...row!, uploadedAt: row!.uploadedAt.toISOString() };
}

export async function getCertificateFile(db: Db, sellerId: string, certificateId: string) {
  const [row] = await db
    .select()
    .from(certificateFiles)
    .where(and(eq(certificateFiles.sellerId, sellerId), eq(certificateFiles.certificateId, certificateId)));
  return row;
}
