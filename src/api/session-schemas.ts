/** Request and answer shapes of dashboard sign-in, users and API keys. */
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../auth/sessions.js';

const email = z.email({ error: 'must be an email address' }).max(320);
const role = z.enum(['admin', 'member']);

export const signInBody = z.strictObject({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export const sessionUser = z.object({
  id: z.string(),
  email: z.string(),
  role,
  sellerId: z.string(),
  sellerName: z.string().nullable(),
});

export const sessionAnswer = z.object({
  user: sessionUser,
  csrfToken: z.string().describe('Send it as the header x-csrf-token with every request that changes something.'),
});

export const signedOut = z.object({ signedOut: z.literal(true) });

export const setPasswordBody = z.strictObject({
  token: z.string().min(1).max(200).describe('The token of the one-time link (<publicUrl>/set-password?token=...).'),
  password: z.string().describe('At least 12 characters.'),
});

export const passwordSet = z.object({ email: z.string().describe('Sign in with this email and the new password.') });

export const user = z.object({
  id: z.string(),
  email: z.string(),
  role,
  createdAt: z.string(),
  passwordSet: z.boolean().describe('Whether the user has set a password (used the link).'),
});

export const userBody = z.strictObject({ email, role: role.default('member') });

export const userPatch = z.strictObject({ role });

export const createdUser = user.extend({
  setPasswordUrl: z.string().describe('The one-time link that sets the password (7 days, single use). Shown once.'),
});

export const deletedUser = z.object({ id: z.string(), deleted: z.literal(true) });

export const apiKey = z.object({
  id: z.string(),
  name: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable().describe('When a request last came with the key, to within an hour; null if never'),
});

export const apiKeyBody = z.strictObject({ name: z.string().min(1).max(200) });

export const createdApiKey = apiKey.extend({ key: z.string().describe('The whole key, shown once: Authorization: Bearer <key>.') });
