/**
 * Physical presence: places of business (one record per jurisdiction, with
 * the earliest date) and employees (each where they work, from start to end
 * date). Both give physical nexus; the nexus answer reads them together.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Presence } from '../nexus/evaluate.js';
import type { Db } from './open.js';
import { employees, physicalNexus } from './schema.js';

export interface PhysicalNexusInput {
  effectiveDate: string;
  notes?: string | null | undefined;
}

export async function putPhysicalNexus(db: Db, sellerId: string, jurisdictionId: string, input: PhysicalNexusInput) {
  const values = { effectiveDate: input.effectiveDate, notes: input.notes ?? null };
  const [row] = await db
    .insert(physicalNexus)
    .values({ sellerId, jurisdictionId, ...values })
    .onConflictDoUpdate({ target: [physicalNexus.sellerId, physicalNexus.jurisdictionId], set: { ...values, updatedAt: new Date() } })
    .returning();
  return physicalNexusView(row!);
}

export async function getPhysicalNexus(db: Db, sellerId: string, jurisdictionId: string) {
  const [row] = await db.select().from(physicalNexus).where(and(eq(physicalNexus.sellerId, sellerId), eq(physicalNexus.jurisdictionId, jurisdictionId)));
  return row ? physicalNexusView(row) : undefined;
}

export async function listPhysicalNexus(db: Db, sellerId: string) {
  const rows = await db.select().from(physicalNexus).where(eq(physicalNexus.sellerId, sellerId)).orderBy(asc(physicalNexus.jurisdictionId));
  return rows.map(physicalNexusView);
}

export async function deletePhysicalNexus(db: Db, sellerId: string, jurisdictionId: string): Promise<boolean> {
  const deleted = await db
    .delete(physicalNexus)
    .where(and(eq(physicalNexus.sellerId, sellerId), eq(physicalNexus.jurisdictionId, jurisdictionId)))
    .returning({ id: physicalNexus.jurisdictionId });
  return deleted.length > 0;
}

function physicalNexusView(row: typeof physicalNexus.$inferSelect) {
  return {
    jurisdictionId: row.jurisdictionId,
    effectiveDate: row.effectiveDate,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface EmployeeInput {
  name?: string | null | undefined;
  region: string;
  country: string;
  startDate: string;
  endDate?: string | null | undefined;
}

function employeeValues(input: EmployeeInput) {
  return { name: input.name ?? null, region: input.region.toUpperCase(), country: input.country.toUpperCase(), startDate: input.startDate, endDate: input.endDate ?? null };
}

/** Creates or replaces employees; answers those that are new or that moved to another place (for alerts). */
export async function putEmployees(db: Db, sellerId: string, list: ReadonlyArray<EmployeeInput & { id: string }>) {
  if (list.length === 0) return [];
  const before = await db
    .select({ id: employees.id, region: employees.region, country: employees.country })
    .from(employees)
    .where(and(eq(employees.sellerId, sellerId), inArray(employees.id, list.map((e) => e.id))));
  const previous = new Map(before.map((e) => [e.id, `${e.country}-${e.region}`]));
  const rows = await db
    .insert(employees)
    .values(list.map((e) => ({ sellerId, id: e.id, ...employeeValues(e) })))
    .onConflictDoUpdate({
      target: [employees.sellerId, employees.id],
      set: {
        name: sqlExcluded('name'),
        region: sqlExcluded('region'),
        country: sqlExcluded('country'),
        startDate: sqlExcluded('start_date'),
        endDate: sqlExcluded('end_date'),
        updatedAt: new Date(),
      },
    })
    .returning();
  return rows.map((row) => ({ employee: employeeView(row), moved: previous.get(row.id) !== `${row.country}-${row.region}` }));
}

export async function getEmployee(db: Db, sellerId: string, id: string) {
  const [row] = await db.select().from(employees).where(and(eq(employees.sellerId, sellerId), eq(employees.id, id)));
  return row ? employeeView(row) : undefined;
}

export async function listEmployees(db: Db, sellerId: string, limit: number, after?: string) {
  const rows = await db
    .select()
    .from(employees)
    .where(and(eq(employees.sellerId, sellerId), after ? gt(employees.id, after) : undefined))
    .orderBy(asc(employees.id))
    .limit(limit);
  return rows.map(employeeView);
}

export async function deleteEmployee(db: Db, sellerId: string, id: string): Promise<boolean> {
  const deleted = await db.delete(employees).where(and(eq(employees.sellerId, sellerId), eq(employees.id, id))).returning({ id: employees.id });
  return deleted.length > 0;
}

function sqlExcluded(column: string) {
  return sql.raw(`excluded."${column}"`);
}

function employeeView(row: typeof employees.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    region: row.region,
    country: row.country,
    startDate: row.startDate,
    endDate: row.endDate,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Every US presence of the seller, by state id (`US-TX`). */
export async function presencesByJurisdiction(db: Db, sellerId: string): Promise<Map<string, Presence[]>> {
  const [places, people] = await Promise.all([
    db.select().from(physicalNexus).where(eq(physicalNexus.sellerId, sellerId)),
    db.select().from(employees).where(and(eq(employees.sellerId, sellerId), eq(employees.country, 'US'))),
  ]);
  const byId = new Map<string, Presence[]>();
  const add = (id: string, p: Presence) => byId.set(id, [...(byId.get(id) ?? []), p]);
  for (const p of places) add(p.jurisdictionId, { kind: 'location', id: p.jurisdictionId, since: p.effectiveDate, until: null });
  for (const e of people) add(`US-${e.region}`, { kind: 'employee', id: e.id, since: e.startDate, until: e.endDate });
  return byId;
}
