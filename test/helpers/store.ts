/**
 * The store the suites run on: embedded PGlite in memory by default, the
 * PostgreSQL server at DATABASE_URL when it is set (CI runs both). Sellers
 * get fresh ids, so suites sharing one server never see each other's rows.
 */
import { randomUUID } from 'node:crypto';
import { openStore, type Store } from '../../src/store/open.js';

export async function testStore(): Promise<Store> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  return openStore(databaseUrl ? { databaseUrl } : { memory: true });
}

export function sellerId(name = 's'): string {
  return `${name}_${randomUUID().slice(0, 8)}`;
}
