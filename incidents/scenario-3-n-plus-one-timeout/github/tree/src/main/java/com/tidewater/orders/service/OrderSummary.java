package com.tidewater.orders.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.tidewater.orders.domain.OrderLine;
import com.tidewater.orders.domain.PurchaseOrder;

public record OrderSummary(String orderNumber, String status, Instant placedAt, BigDecimal total,
                           int itemCount, List<String> productNames) {

    static OrderSummary from(PurchaseOrder o) {
        List<OrderLine> lines = o.getLines();
        int items = lines.stream().mapToInt(OrderLine::getQuantity).sum();
        List<String> names = lines.stream()
                .map(l -> l.getProduct().getName())
                .distinct()
                .limit(3)
                .toList();
        return new OrderSummary(o.getOrderNumber(), o.getStatus().name(), o.getPlacedAt(),
                o.getTotalAmount(), items, names);
    }
}
