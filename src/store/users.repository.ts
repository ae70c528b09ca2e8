/**
 * Dashboard users, their sessions and set-password links, and the failed
 * sign-ins the rate limit counts. Functions take the database or a
 * transaction handle first; tokens arrive here already hashed or are hashed
 * here, never stored as given.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { PASSWORD_TOKEN_MS, newToken, sessionExpiry, SESSION_TOUCH_MS, tokenHash } from '../auth/sessions.js';
import { TaxError } from '../errors/tax-error.js';
import type { Db } from './open.js';
import { loginAttempts, passwordTokens, sellers, sessions, users, type UserRole } from './schema.js';
import { ensureSeller } from './sellers.repository.js';

export interface UserView {
  id: string;
  sellerId: string;
  email: string;
  role: UserRole;
  createdAt: Date;
  passwordSetAt: Date | null;
}

const userView = {
  id: users.id,
  sellerId: users.sellerId,
  email: users.email,
  role: users.role,
  createdAt: users.createdAt,
  passwordSetAt: users.passwordSetAt,
};

/** Creates a user without a password (and the seller, if new) and its first set-password link token. */
export async function createUser(db: Db, sellerId: string, email: string, role: UserRole, now = new Date()): Promise<{ user: UserView; token: string }> {
  const taken = () => new TaxError('email_taken', `a user with the email ${email} exists already`, 'email');
  try {
    return await db.transaction(async (tx) => {
      await ensureSeller(tx, sellerId);
      const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${email})`);
      if (existing) throw taken();
      const id = `usr_${randomBytes(8).toString('hex')}`;
      const [user] = await tx.insert(users).values({ sellerId, id, email, role }).returning(userView);
      const token = await issuePasswordToken(tx, sellerId, id, now);
      return { user: user!, token };
    });
  } catch (error) {
    // Two creations of one address at once: the unique index refuses the second.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && depth < 4; depth++) {
    if ((e as { code?: string }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** A new one-time set-password link token for the user; links issued before it stop working. */
export async function issuePasswordToken(db: Db, sellerId: string, userId: string, now = new Date()): Promise<string> {
  const token = newToken();
  await db.transaction(async (tx) => {
    await tx.delete(passwordTokens).where(and(eq(passwordTokens.sellerId, sellerId), eq(passwordTokens.userId, userId)));
    await tx.insert(passwordTokens).values({ tokenHash: tokenHash(token), sellerId, userId, expiresAt: new Date(now.getTime() + PASSWORD_TOKEN_MS) });
  });
  return token;
}

export async function userByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

/**
 * Uses a set-password link: the token is spent, the password set and the
 * user's sessions ended, in one transaction. Answers the user's email;
 * undefined when the token is unknown,
 * spent or expired (two concurrent uses: one wins).
 */
export async function setPasswordWithToken(db: Db, token: string, passwordHash: string, now = new Date()): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    const [spent] = await tx
      .update(passwordTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordTokens.tokenHash, tokenHash(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)))
      .returning({ sellerId: passwordTokens.sellerId, userId: passwordTokens.userId });
    if (!spent) return undefined;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, passwordSetAt: now })
      .where(and(eq(users.sellerId, spent.sellerId), eq(users.id, spent.userId)))
      .returning({ email: users.email });
    await tx.delete(sessions).where(and(eq(sessions.sellerId, spent.sellerId), eq(sessions.userId, spent.userId)));
    return user?.email;
  });
}

/** Sets a password directly (the demo user); ends the user's sessions. */
export async function setPassword(db: Db, sellerId: string, userId: string, passwordHash: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordSetAt: now }).where(and(eq(users.sellerId, sellerId), eq(users.id, userId)));
    await tx.delete(sessions).where(and(eq(sessions.sellerId, sellerId), eq(sessions.userId, userId)));
  });
}

export async function listUsers(db: Db, sellerId: string): Promise<UserView[]> {
  return db.select(userView).from(users).where(eq(users.sellerId, sellerId)).orderBy(asc(users.createdAt), asc(users.id));
}

/**
 * Changes a user's role; undefined when the seller has no such user. The
 * seller's admins are locked while counting, so two demotions at once cannot
 * both pass and leave nobody to manage users.
 */
export async function setUserRole(db: Db, sellerId: string, userId: string, role: UserRole): Promise<UserView | undefined> {
  return db.transaction(async (tx) => {
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.sellerId, sellerId), eq(users.role, 'admin')))
      .for('update');
    if (role !== 'admin' && admins.length === 1 && admins[0]!.id === userId) {
      throw new TaxError('last_admin', 'this is the only admin: make another user an admin first', 'role');
    }
    const [user] = await tx.update(users).set({ role }).where(and(eq(users.sellerId, sellerId), eq(users.id, userId))).returning(userView);
    return user;
  });
}

/** Deletes the user with its sessions and links; false when the seller has no such user. */
export async function deleteUser(db: Db, sellerId: string, userId: string): Promise<boolean> {
  const rows = await db.delete(users).where(and(eq(users.sellerId, sellerId), eq(users.id, userId))).returning({ id: users.id });
  return rows.length > 0;
}

export interface SessionUser {
  id: string;
  email: string;
  role: UserRole;
  sellerId: string;
  sellerName: string | null;
}

export interface LiveSession {
  user: SessionUser;
  csrfToken: string;
  configVersion: number;
}

/** A new session for the user; the user's lapsed sessions are swept away with it. */
export async function createSession(db: Db, sellerId: string, userId: string, now = new Date()): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(and(eq(sessions.sellerId, sellerId), eq(sessions.userId, userId), lt(sessions.expiresAt, now)));
    await tx.insert(sessions).values({ tokenHash: tokenHash(token), sellerId, userId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt: sessionExpiry(now, now) });
  });
  return { token, csrfToken };
}

/**
 * The session behind a cookie's token while it is live and its user enabled,
 * with the user as it is now (a role change applies at once). Using a
 * session keeps it alive (written back at most once a minute).
 */
export async function liveSession(db: Db, token: string, now = new Date()): Promise<LiveSession | undefined> {
  const hash = tokenHash(token);
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      sellerId: users.sellerId,
      sellerName: sellers.name,
      configVersion: sellers.configVersion,
      csrfToken: sessions.csrfToken,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.sellerId, sessions.sellerId), eq(users.id, sessions.userId)))
    .innerJoin(sellers, eq(sellers.id, users.sellerId))
    .where(and(eq(sessions.tokenHash, hash), gt(sessions.expiresAt, now), isNull(users.disabledAt)));
  if (!row) return undefined;
  if (now.getTime() - row.lastSeenAt.getTime() >= SESSION_TOUCH_MS) {
    await db.update(sessions).set({ lastSeenAt: now, expiresAt: sessionExpiry(row.createdAt, now) }).where(eq(sessions.tokenHash, hash));
  }
  return {
    user: { id: row.id, email: row.email, role: row.role, sellerId: row.sellerId, sellerName: row.sellerName },
    csrfToken: row.csrfToken,
    configVersion: row.configVersion,
  };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
}

/** The times of a key's most recent failed sign-ins since `since`, newest first, at most `max`. */
export async function recentFailures(db: Db, key: string, since: Date, max: number): Promise<Date[]> {
  const rows = await db
    .select({ at: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.key, key), gt(loginAttempts.attemptedAt, since)))
    .orderBy(desc(loginAttempts.attemptedAt))
    .limit(max);
  return rows.map((r) => r.at);
}

/**
 * Records a failed sign-in against each key, and forgets every failure older
 * than `forgetBefore` (past every window), so guesses at many addresses leave
 * no lasting rows.
 */
export async function recordFailure(db: Db, keys: string[], now: Date, forgetBefore: Date): Promise<void> {
  await db.insert(loginAttempts).values(keys.map((key) => ({ key, attemptedAt: now })));
  // Its own statement, not held open with the insert: concurrent sweeps then only wait on each other briefly.
  await db.delete(loginAttempts).where(lt(loginAttempts.attemptedAt, forgetBefore));
}

export async function clearFailures(db: Db, key: string): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
}
