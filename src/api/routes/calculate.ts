import { idempotent } from '../../store/idempotency.repository.js';
import { calculateResponse } from '../../engine/schemas.js';
import type { Deps } from '../deps.js';
import { engineRequest } from '../requests.js';
import { defineRoute } from '../route.js';
import { calculateBody } from '../schemas.js';

export function registerCalculate({ app, registry, db, engine, sellers }: Deps): void {
  defineRoute(app, registry, {
    method: 'POST',
    url: '/v1/tax/calculate',
    tag: 'Calculate',
    summary: 'Calculate tax for an invoice (a quote: nothing is stored)',
    body: calculateBody,
    response: calculateResponse,
    handler: async ({ request, body, sellerId }) => {
      const { seller, settings } = await sellers.get(sellerId, request.configVersion!, body.customer.id);
      const compute = () => engine.calculateValidated(engineRequest(body, settings.accountingTimeZone), seller);
      const key = idempotencyKey(request.headers['idempotency-key']);
      if (key === undefined) return compute();
      const answer = await idempotent(db, { sellerId, key, method: 'POST', path: request.url, body }, async () => ({ status: 200, body: compute() }));
      return answer.body as ReturnType<typeof compute>;
    },
  });
}

export function idempotencyKey(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value === '' ? undefined : value.slice(0, 255);
}
