import { generateWebhookSecret } from '../../alerts/webhook.js';
import { getChannels, listAlerts, putChannels, type AlertRow, type Channels } from '../../store/alerts.repository.js';
import type { Deps } from '../deps.js';
import { decodeCursor, limitOf, page } from '../pagination.js';
import { defineRoute } from '../route.js';
import { listOf, listQuery } from '../schemas.js';
import { alert, alertChannels, alertChannelsBody } from '../nexus-schemas.js';

export function registerAlerts({ app, registry, db }: Deps): void {
  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/alerts',
    tag: 'Alerts',
    summary: 'Alerts, newest first: a threshold approaching, a threshold crossed, a new physical presence',
    query: listQuery,
    response: listOf(alert),
    handler: async ({ query, sellerId }) => {
      const limit = limitOf(query.limit);
      const before = decodeCursor(query.cursor, (v): v is { createdAt: string; id: string } => typeof v === 'object' && v !== null && 'createdAt' in v && 'id' in v);
      const rows = await listAlerts(db, sellerId, limit + 1, before);
      const result = page(rows, limit, (last) => ({ createdAt: last.createdAt.toISOString(), id: last.id }));
      return { data: result.data.map(alertView), nextCursor: result.nextCursor };
    },
  });

  defineRoute(app, registry, {
    method: 'GET',
    url: '/v1/alert-channels',
    tag: 'Alerts',
    summary: 'Where alerts go: email over the seller\'s SMTP server, and a signed webhook',
    response: alertChannels,
    handler: async ({ sellerId }) => channelsView(await getChannels(db, sellerId)),
  });

  defineRoute(app, registry, {
    method: 'PUT',
    url: '/v1/alert-channels',
    admin: true,
    tag: 'Alerts',
    summary: 'Set where alerts go',
    description:
      'An omitted channel is left as it is; `null` turns it off. A password omitted from `smtp` keeps the stored one. ' +
      'Webhooks are POSTed as JSON with `Levy-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`; the secret is answered once, when it is created or rotated.',
    body: alertChannelsBody,
    response: alertChannels,
    handler: async ({ body, sellerId }) => {
      const current = await getChannels(db, sellerId);
      const next: Channels = { ...current };
      if (body.email === null) next.email = null;
      else if (body.email) {
        const password = body.email.smtp.password ?? current.email?.smtp.password;
        next.email = { ...body.email, smtp: { ...body.email.smtp, ...(password !== undefined ? { password } : {}) } };
      }
      let shownSecret: string | undefined;
      if (body.webhook === null) next.webhook = null;
      else if (body.webhook) {
        const keep = current.webhook && !body.webhook.rotateSecret;
        const secret = keep ? current.webhook!.secret : generateWebhookSecret();
        if (!keep) shownSecret = secret;
        next.webhook = { url: body.webhook.url, secret };
      }
      await putChannels(db, sellerId, next);
      const view = channelsView(next);
      return { ...view, webhook: view.webhook ? { ...view.webhook, ...(shownSecret ? { secret: shownSecret } : {}) } : null };
    },
  });
}

function channelsView(c: Channels) {
  return {
    email: c.email
      ? { to: c.email.to, from: c.email.from, smtp: { host: c.email.smtp.host, port: c.email.smtp.port, secure: c.email.smtp.secure, username: c.email.smtp.username ?? null, passwordSet: Boolean(c.email.smtp.password) } }
      : null,
    webhook: c.webhook ? { url: c.webhook.url } : null,
  };
}

function alertView(a: AlertRow) {
  return {
    id: a.id,
    kind: a.kind,
    jurisdictionId: a.jurisdictionId,
    message: a.message,
    data: a.data,
    createdAt: a.createdAt.toISOString(),
    delivery: { email: a.emailStatus, webhook: a.webhookStatus, attempts: a.attempts, nextAttemptAt: a.nextAttemptAt?.toISOString() ?? null, lastError: a.lastError },
  };
}
