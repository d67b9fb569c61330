import { setTimeout as sleep } from "node:timers/promises";

import { request } from "undici";
import type { Logger } from "pino";

export interface Reservation {
  id: string;
  zone: string;
}

const MAX_ATTEMPTS = 3;

export class CourierPool {
  constructor(private readonly baseUrl: string, private readonly log: Logger) {}

  async reserve(req: { zone: string; slot: { from: Date; to: Date }; coldChain: boolean; storeId: string }): Promise<Reservation> {
    for (let attempt = 1; ; attempt++) {
      const res = await request(`${this.baseUrl}/v1/reservations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(req),
      });
      if (res.statusCode < 300) {
        return (await res.body.json()) as Reservation;
      }
      await res.body.dump();
      if (res.statusCode !== 409 || attempt >= MAX_ATTEMPTS) {
        throw new Error(`courier-api answered ${res.statusCode}`);
      }
      this.log.warn({ zone: req.zone, attempt }, "courier slot contention, retrying");
      await sleep(50 * attempt + Math.floor(Math.random() * 50));
    }
  }
}
