/**
 * Opens the store: an embedded PGlite database in the data directory by
 * default, or the PostgreSQL server at DATABASE_URL. One schema, two drivers;
 * migrations run on open, under an advisory lock so that several processes
 * starting at once migrate one at a time.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir, type DataDirLock } from './lock.js';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Store {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a directory, "memory", or the server (without credentials). */
  location: string;
  /**
   * Hears the notifications writers send on `channel` (see changes.ts), from
   * any process. `onLive(false)` says notifications may be missed from now
   * (the listening connection dropped); `onLive(true)`, that they are heard
   * again. Listening resumes by itself.
   */
  listen(channel: string, onNotify: (payload: string) => void, onLive: (live: boolean) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** The data directory for the embedded database (ignored with a databaseUrl). */
  dataDir?: string | undefined;
  /** A PostgreSQL connection string; the embedded database when absent. */
  databaseUrl?: string | undefined;
  /** An embedded database in memory, for tests. */
  memory?: boolean;
  /** Run migrations on open (default true). */
  migrate?: boolean;
}

const MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

/** The options a command gets from its flags and the environment. */
export function storeOptions(dataDir: string): OpenStoreOptions {
  return { dataDir, databaseUrl: process.env.DATABASE_URL || undefined };
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const store = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options);
  if (options.migrate ?? true) {
    try {
      await migrateStore(store);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  // The embedded database has no autovacuum to keep the planner's statistics
  // current; without them it plans for empty tables (a seller's whole date
  // index scanned to find one transaction by id). A data directory is
  // analysed when opened; bulk loads analyse as they go.
  if (store.kind === 'pglite' && !options.memory && (options.migrate ?? true)) await store.db.execute(sql`analyze`);
  return store;
}

async function openPglite(options: OpenStoreOptions): Promise<Store> {
  let lock: DataDirLock | undefined;
  let client: PGlite;
  if (options.memory) {
    client = new PGlite();
  } else {
    const dataDir = options.dataDir ?? './.levy';
    lock = await lockDataDir(dataDir);
    try {
      client = new PGlite(join(dataDir, 'pglite'));
      await client.waitReady;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: options.memory ? 'memory' : join(options.dataDir ?? './.levy', 'pglite'),
    // One process holds the embedded database: its own notifications are all there are.
    listen: async (channel, onNotify) => {
      const stop = await client.listen(channel, onNotify);
      return () => stop();
    },
    close: async () => {
      await client.close();
      await lock?.release();
    },
  };
}

async function openPostgres(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.LEVY_DB_POOL ?? 10) });
  // Keep bigint columns as numbers (minor units within 2^53) and dates as strings.
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  const location = (() => {
    try {
      const u = new URL(url);
      return `${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch {
      return 'postgres';
    }
  })();
  const listeners = new Set<pg.Client>();
  return {
    db,
    kind: 'postgres',
    location,
    listen: (channel, onNotify, onLive) => listenPostgres(url, channel, onNotify, onLive, listeners),
    close: async () => {
      await Promise.all([...listeners].map((c) => c.end().catch(() => undefined)));
      await pool.end();
    },
  };
}

/** A connection of its own for LISTEN, reconnected when it drops. */
async function listenPostgres(url: string, channel: string, onNotify: (payload: string) => void, onLive: (live: boolean) => void, listeners: Set<pg.Client>): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | undefined;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (message) => {
      if (message.channel === channel) onNotify(message.payload ?? '');
    });
    c.on('error', () => undefined);
    c.on('end', () => {
      listeners.delete(c);
      if (stopped) return;
      onLive(false);
      retry();
    });
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = c;
    listeners.add(c);
    onLive(true);
  };
  const retry = () => setTimeout(() => void connect().catch(retry), 1000).unref();
  await connect();
  return async () => {
    stopped = true;
    if (client) {
      listeners.delete(client);
      await client.end().catch(() => undefined);
    }
  };
}

/** Applies pending migrations; safe to run from several processes at once. */
export async function migrateStore(store: Store): Promise<void> {
  if (store.kind === 'pglite') {
    await migratePglite(store.db as never, { migrationsFolder: MIGRATIONS });
    return;
  }
  await store.db.transaction(async (tx) => {
    // A transaction-scoped advisory lock: released at commit, whatever happens.
    await tx.execute(sql`select pg_advisory_xact_lock(7243011)`);
    await migratePg(tx as never, { migrationsFolder: MIGRATIONS });
  });
}
