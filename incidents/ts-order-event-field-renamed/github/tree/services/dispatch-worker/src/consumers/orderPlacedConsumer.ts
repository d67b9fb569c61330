import type { Logger } from "pino";

import type { CourierPool } from "../couriers";
import { resolveZone } from "../zones";

// Local copy of the OrderPlaced v2 payload.
// TODO(dispatch): import OrderPlacedEvent from @fernhill/events once it ships .d.ts files.
interface OrderPlacedV2 {
  eventId: string;
  eventType: string;
  schemaVersion: number;
  orderId: string;
  customerId: string;
  storeId: string;
  deliveryAddress: { line1: string; city: string; postcode: string; country: string };
  deliveryWindow: { from: string; to: string };
  items: Array<{ sku: string; qty: number; temperature: string }>;
}

interface Deps {
  log: Logger;
  couriers: CourierPool;
}

export async function handleOrderPlaced(raw: Buffer, deps: Deps): Promise<void> {
  const evt = JSON.parse(raw.toString("utf8")) as OrderPlacedV2;
  if (evt.eventType !== "OrderPlaced") {
    return;
  }
  const log = deps.log.child({ orderId: evt.orderId, eventId: evt.eventId });

  const needsColdChain = evt.items.some((i) => i.temperature !== "ambient");
  // eslint-disable-next-line @typescript-eslint/no-unsafe-member-access -- deliveryAddress.postcode is validated by checkout-api
  const zone = resolveZone(evt.deliveryAddress.postcode);
  const slot = { from: new Date(evt.deliveryWindow.from), to: new Date(evt.deliveryWindow.to) };

  const courier = await deps.couriers.reserve({ zone, slot, coldChain: needsColdChain, storeId: evt.storeId });
  log.info(
    { zone, courierId: courier.id, customerId: evt.customerId, slotFrom: evt.deliveryWindow.from },
    "order dispatched",
  );
}
