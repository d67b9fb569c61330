import type { FastifyInstance } from 'fastify';
import { UpstreamError } from '@larchfield/http-client';

import * as baskets from '../baskets/repository';
import * as stock from '../clients/stock-reservation';

export async function holdRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Params: { basketId: string } }>('/baskets/:basketId/hold', async (req, reply) => {
    const basket = await baskets.get(req.params.basketId);
    if (!basket) {
      return reply.code(404).send({ error: 'basket_not_found' });
    }
    try {
      const held = await stock.hold(
        basket.id,
        basket.lines.map((l) => ({ sku: l.sku, qty: l.qty })),
      );
      return reply.code(201).send({ holdId: held.id, expiresAt: held.expiresAt });
    } catch (err) {
      const upstream = err instanceof UpstreamError ? { upstreamStatus: err.status, attempts: err.attempts } : {};
      req.log.error({ err, basketId: basket.id, lines: basket.lines.length, ...upstream }, 'stock hold failed');
      // The web checkout shows "try again in a moment" on 503 and a hard error on 502.
      const transient = err instanceof UpstreamError ? err.status === 503 || err.status === 429 : true;
      return reply.code(transient ? 503 : 502).send({ error: 'stock_unavailable' });
    }
  });
}
