import { Router } from "express";
import type { Producer } from "kafkajs";
import type { Logger } from "pino";

import { buildOrderPlaced, Topics } from "@fernhill/events";

import { OrderRepository } from "../orders/repository";

export function ordersRouter(deps: { producer: Producer; orders: OrderRepository; log: Logger }): Router {
  const router = Router();

  router.post("/orders/:id/confirm", async (req, res, next) => {
    try {
      const wallet = req.body.wallet === "apple_pay" ? "apple_pay" : "card";
      const order = await deps.orders.confirm(req.params.id, req.body.paymentIntentId);
      const event = buildOrderPlaced(order, { id: order.customerId });
      await deps.producer.send({
        topic: Topics.orderPlaced,
        messages: [{ key: order.id, value: JSON.stringify(event), headers: { "event-type": "OrderPlaced" } }],
      });
      deps.log.info({ orderId: order.id, eventId: event.eventId, topic: Topics.orderPlaced }, "order placed");
      deps.log.debug({ orderId: order.id, wallet }, "payment method");
      res.status(200).json({ id: order.id, status: "confirmed" });
    } catch (err) {
      next(err);
    }
  });

  return router;
}
