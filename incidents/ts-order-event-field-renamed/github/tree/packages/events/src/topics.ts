export const Topics = {
  orderPlaced: "orders.order-placed.v2",
  orderCancelled: "orders.order-cancelled.v1",
  dispatchDeadLetter: "dispatch.dlq.v1",
} as const;
