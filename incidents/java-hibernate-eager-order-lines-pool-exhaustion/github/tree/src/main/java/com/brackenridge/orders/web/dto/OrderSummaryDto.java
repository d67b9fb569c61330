package com.brackenridge.orders.web.dto;

import com.brackenridge.orders.domain.OrderLine;
import com.brackenridge.orders.domain.PurchaseOrder;
import java.math.BigDecimal;
import java.time.Instant;

public record OrderSummaryDto(
        String orderNumber,
        String status,
        Instant placedAt,
        BigDecimal total,
        String currency,
        int itemCount) {

    public static OrderSummaryDto from(PurchaseOrder order) {
        int items = order.getLines().stream().mapToInt(OrderLine::getQuantity).sum();
        return new OrderSummaryDto(
                order.getOrderNumber(),
                order.getStatus().name(),
                order.getPlacedAt(),
                order.getTotalAmount(),
                order.getCurrency(),
                items);
    }
}
