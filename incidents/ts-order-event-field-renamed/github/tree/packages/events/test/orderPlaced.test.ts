import { describe, expect, it } from "vitest";

import { buildOrderPlaced } from "../src/orderPlaced";

const order = {
  id: "ord_01HZX3",
  storeId: "st_leeds_02",
  shippingAddress: { line1: "4 Canal Wharf", city: "Leeds", postcode: "LS11 5PS", country: "GB" },
  slot: { from: new Date("2026-06-12T16:00:00Z"), to: new Date("2026-06-12T17:00:00Z") },
  items: [{ sku: "MILK-2L", qty: 1, temperature: "chilled" as const }],
  totalMinor: 1899,
  currency: "GBP",
};

describe("buildOrderPlaced", () => {
  it("uses snake_case business fields", () => {
    const evt = buildOrderPlaced(order, { id: "cus_77" });
    expect(evt.delivery_address.postcode).toBe("LS11 5PS");
    expect(evt.delivery_window.from).toBe("2026-06-12T16:00:00.000Z");
    expect(evt.customer_id).toBe("cus_77");
    expect(evt.total_minor).toBe(1899);
  });
});
