package com.brackenridge.orders.service;

import com.brackenridge.orders.domain.PurchaseOrder;
import com.brackenridge.orders.repository.PurchaseOrderRepository;
import com.brackenridge.orders.web.dto.OrderSummaryDto;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

@Service
public class OrderHistoryService {

    private static final Logger log = LoggerFactory.getLogger(OrderHistoryService.class);
    private static final long SLOW_PAGE_MS = 2_000;

    private final PurchaseOrderRepository orders;
    private final int maxPageSize;

    public OrderHistoryService(PurchaseOrderRepository orders,
                               @Value("${orders.history.max-page-size:50}") int maxPageSize) {
        this.orders = orders;
        this.maxPageSize = maxPageSize;
    }

    /**
     * One page of a customer's order history, newest first. The summary carries the
     * number of items of each order, so the lines of every order on the page are read.
     */
    public List<OrderSummaryDto> listOrders(String customerId, int page, int size) {
        long started = System.nanoTime();
        int pageSize = Math.min(Math.max(size, 1), maxPageSize);
        PageRequest request = PageRequest.of(page, pageSize);
        Page<PurchaseOrder> result = orders.findByCustomerIdOrderByPlacedAtDesc(customerId, request);
        List<OrderSummaryDto> summaries = result.getContent().stream()
                .map(OrderSummaryDto::from)
                .toList();
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        if (tookMs > SLOW_PAGE_MS) {
            log.warn("order history page slow: customer={} page={} size={} orders={} took={}ms",
                    customerId, page, pageSize, summaries.size(), tookMs);
        }
        log.debug("order history customer={} page={} orders={}", customerId, page, summaries.size());
        return summaries;
    }
}
