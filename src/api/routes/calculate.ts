import { calculateResponse } from '../../engine/schemas.js';
import type { Deps } from '../deps.js';
import { answerOnce, idempotencyKey } from '../idempotency.js';
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
      // A quote writes nothing: without a key it needs no database transaction at all.
      if (idempotencyKey(request.headers['idempotency-key']) === undefined) return compute();
      return answerOnce(db, request, sellerId, body, async () => compute());
    },
  });
}
