/** The rows of a raw `db.execute`: node-postgres answers `{ rows }`, PGlite through Drizzle may answer the array. */
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
