package com.tidewater.orders.web;

import java.util.List;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.tidewater.orders.service.OrderHistoryService;
import com.tidewater.orders.service.OrderSummary;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Validated
@RequestMapping("/api/v1/customers/{customerId}/orders")
public class OrderHistoryController {

    private final OrderHistoryService history;

    public OrderHistoryController(OrderHistoryService history) {
        this.history = history;
    }

    @GetMapping
    public List<OrderSummary> list(@PathVariable long customerId,
                                   @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return history.recentOrders(customerId, size);
    }
}
