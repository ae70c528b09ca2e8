/**
 * The demo's sign-in: an admin of the demo seller. Its password is new at
 * every start (and printed), so the login shown always works, whatever
 * happened to the data directory's copy since.
 */
import { randomBytes } from 'node:crypto';
import { hashSecret } from '../auth/keys.js';
import type { Db } from '../store/open.js';
import { createUser, setPassword, userByEmail } from '../store/users.repository.js';
import { DEMO_SELLER } from './seed.js';

export const DEMO_EMAIL = 'demo@levy.example';

export async function seedDemoUser(db: Db, sellerId = DEMO_SELLER): Promise<{ email: string; password: string }> {
  const existing = await userByEmail(db, DEMO_EMAIL);
  const user = existing ?? (await createUser(db, sellerId, DEMO_EMAIL, 'admin')).user;
  const password = randomBytes(12).toString('base64url');
  await setPassword(db, user.sellerId, user.id, await hashSecret(password));
  return { email: DEMO_EMAIL, password };
}
