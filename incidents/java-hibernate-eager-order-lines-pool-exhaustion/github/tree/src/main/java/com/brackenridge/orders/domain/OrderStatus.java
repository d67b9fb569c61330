package com.brackenridge.orders.domain;

public enum OrderStatus {
    PLACED,
    PAID,
    PICKING,
    SHIPPED,
    DELIVERED,
    CANCELLED,
    REFUNDED
}
