package com.brackenridge.orders.web;

import com.brackenridge.orders.service.OrderHistoryService;
import com.brackenridge.orders.web.dto.OrderSummaryDto;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v2/customers/{customerId}/orders")
public class OrderHistoryController {

    private final OrderHistoryService history;

    public OrderHistoryController(OrderHistoryService history) {
        this.history = history;
    }

    @GetMapping
    public List<OrderSummaryDto> list(@PathVariable String customerId,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        return history.listOrders(customerId, page, size);
    }
}
