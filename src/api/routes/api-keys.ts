/**
 * The seller's API keys (admins only): listed without secrets, created with
 * the whole key shown once, revoked at once everywhere. Creation does not go
 * through answerOnce: a stored answer would keep the key in plain text.
 */
import { TaxError } from '../../errors/tax-error.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../../store/sellers.repository.js';
import type { Db } from '../../store/open.js';
import type { Deps } from '../deps.js';
import { defineRoute } from '../route.js';
import { listOf } from '../schemas.js';
import { apiKey, apiKeyBody, createdApiKey } from '../session-schemas.js';

export function registerApiKeys({ app, registry, db }: Deps): void {
  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/api-keys',
    tag: 'Dashboard',
    summary: 'The seller\'s API keys: ids and names, never secrets',
    admin: true,
    response: listOf(apiKey),
    handler: async ({ sellerId }) => ({ data: (await listApiKeys(db, sellerId)).map(keyView), nextCursor: null }),
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/api-keys',
    tag: 'Dashboard',
    summary: 'Create an API key; the answer is the only time the whole key is shown',
    admin: true,
    body: apiKeyBody,
    response: createdApiKey,
    status: 201,
    handler: async ({ body, sellerId }) => {
      const { key, keyId } = await createApiKey(db, sellerId, body.name);
      return { ...keyView(await found(db, sellerId, keyId)), key };
    },
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/api-keys/:id/revoke',
    tag: 'Dashboard',
    summary: 'Revoke an API key: it stops working at once, in every process',
    description: 'Revoking a revoked key answers it as it is.',
    admin: true,
    response: apiKey,
    handler: async ({ params, sellerId }) => {
      await revokeApiKey(db, sellerId, params.id!);
      return keyView(await found(db, sellerId, params.id!));
    },
  });
}

async function found(db: Db, sellerId: string, keyId: string) {
  const row = (await listApiKeys(db, sellerId)).find((k) => k.keyId === keyId);
  if (!row) throw new TaxError('resource_not_found', `no API key ${keyId}`);
  return row;
}

function keyView(k: { keyId: string; name: string | null; createdAt: Date; revokedAt: Date | null; lastUsedAt: Date | null }) {
  return { id: k.keyId, name: k.name, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null, lastUsedAt: k.lastUsedAt?.toISOString() ?? null };
}
