/**
 * The seller's dashboard users (admins only). A new user gets a one-time
 * link to set a password, shown once in the answer. Not through answerOnce:
 * a stored answer would keep the link in the database in plain text; a
 * retried creation answers email_taken instead.
 */
import { setPasswordUrl } from '../../auth/sessions.js';
import { TaxError } from '../../errors/tax-error.js';
import { createUser, deleteUser, listUsers, setUserRole, type UserView } from '../../store/users.repository.js';
import type { Deps } from '../deps.js';
import { defineRoute } from '../route.js';
import { listOf } from '../schemas.js';
import { createdUser, deletedUser, user, userBody, userPatch } from '../session-schemas.js';

export function registerUsers({ app, registry, db }: Deps, options: { publicUrl: string }): void {
  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/users',
    tag: 'Dashboard',
    summary: 'The people who sign in to the seller\'s dashboard',
    admin: true,
    response: listOf(user),
    handler: async ({ sellerId }) => ({ data: (await listUsers(db, sellerId)).map(userView), nextCursor: null }),
  });

  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/users',
    tag: 'Dashboard',
    summary: 'Add a user; the answer carries the one-time link that sets the password',
    description: 'role is admin or member (default member). Emails are unique across the deployment. The link works once, for 7 days.',
    admin: true,
    body: userBody,
    response: createdUser,
    status: 201,
    handler: async ({ body, sellerId }) => {
      const created = await createUser(db, sellerId, body.email, body.role);
      return { ...userView(created.user), setPasswordUrl: setPasswordUrl(options.publicUrl, created.token) };
    },
  });

  defineRoute(app, registry, {
    method: 'PATCH',
    url: '/v1/users/:id',
    tag: 'Dashboard',
    summary: 'Change a user\'s role: it applies to their next request',
    description: 'The seller keeps at least one admin: demoting the only one is answered last_admin.',
    admin: true,
    body: userPatch,
    response: user,
    handler: async ({ body, params, sellerId }) => {
      const changed = await setUserRole(db, sellerId, params.id!, body.role);
      if (!changed) throw new TaxError('resource_not_found', `no user ${params.id}`);
      return userView(changed);
    },
  });

  defineRoute(app, registry, {
    method: 'DELETE',
    url: '/v1/users/:id',
    tag: 'Dashboard',
    summary: 'Remove a user: their sessions end at once',
    admin: true,
    response: deletedUser,
    handler: async ({ params, sellerId, user: me }) => {
      const id = params.id!;
      if (me?.id === id) throw new TaxError('parameter_invalid', 'you cannot remove yourself: another admin can', 'id');
      if (!(await deleteUser(db, sellerId, id))) throw new TaxError('resource_not_found', `no user ${id}`);
      return { id, deleted: true as const };
    },
  });
}

function userView(u: UserView) {
  return { id: u.id, email: u.email, role: u.role, createdAt: u.createdAt.toISOString(), passwordSet: u.passwordSetAt !== null };
}
