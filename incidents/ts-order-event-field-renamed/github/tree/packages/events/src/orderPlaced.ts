import { randomUUID } from "node:crypto";

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  postcode: string;
  country: string;
}

export type Temperature = "ambient" | "chilled" | "frozen";

/**
 * Payload published on `orders.order-placed.v2`.
 * Business fields are snake_case so the data-platform sink can load them as-is (DP-88);
 * the envelope (eventId, eventType, schemaVersion, occurredAt) stays camelCase.
 */
export interface OrderPlacedEvent {
  eventId: string;
  eventType: "OrderPlaced";
  schemaVersion: 2;
  occurredAt: string;
  order_id: string;
  customer_id: string;
  store_id: string;
  delivery_address: Address;
  delivery_window: { from: string; to: string };
  items: Array<{ sku: string; qty: number; temperature: Temperature }>;
  total_minor: number;
  currency: string;
}

export interface OrderForEvent {
  id: string;
  storeId: string;
  shippingAddress: Address;
  slot: { from: Date; to: Date };
  items: Array<{ sku: string; qty: number; temperature: Temperature }>;
  totalMinor: number;
  currency: string;
}

export function buildOrderPlaced(order: OrderForEvent, customer: { id: string }): OrderPlacedEvent {
  return {
    eventId: randomUUID(),
    eventType: "OrderPlaced",
    schemaVersion: 2,
    occurredAt: new Date().toISOString(),
    order_id: order.id,
    customer_id: customer.id,
    store_id: order.storeId,
    delivery_address: order.shippingAddress,
    delivery_window: { from: order.slot.from.toISOString(), to: order.slot.to.toISOString() },
    items: order.items.map((i) => ({ sku: i.sku, qty: i.qty, temperature: i.temperature })),
    total_minor: order.totalMinor,
    currency: order.currency,
  };
}
