package com.tidewater.orders.service;

import java.util.List;

import org.springframework.stereotype.Service;

import com.tidewater.orders.domain.PurchaseOrder;
import com.tidewater.orders.repository.PurchaseOrderRepository;

/**
 * Order history for the web shop and the B2B portal. Not transactional on purpose:
 * the repository call loads everything the summaries need (open-in-view is off).
 */
@Service
public class OrderHistoryService {

    static final int MAX_PAGE = 200;

    private final PurchaseOrderRepository orders;

    public OrderHistoryService(PurchaseOrderRepository orders) {
        this.orders = orders;
    }

    public List<OrderSummary> recentOrders(long customerId, int size) {
        int limit = Math.min(Math.max(size, 1), MAX_PAGE);
        List<PurchaseOrder> result = orders.findByCustomerIdOrderByPlacedAtDesc(customerId);
        return result.stream()
                .limit(limit)
                .map(OrderSummary::from)
                .toList();
    }
}
