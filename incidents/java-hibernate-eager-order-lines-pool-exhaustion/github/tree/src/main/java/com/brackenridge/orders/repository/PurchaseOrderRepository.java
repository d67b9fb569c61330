package com.brackenridge.orders.repository;

import com.brackenridge.orders.domain.OrderStatus;
import com.brackenridge.orders.domain.PurchaseOrder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PurchaseOrderRepository extends JpaRepository<PurchaseOrder, UUID> {

    Page<PurchaseOrder> findByCustomerIdOrderByPlacedAtDesc(String customerId, Pageable pageable);

    Optional<PurchaseOrder> findByOrderNumber(String orderNumber);

    List<PurchaseOrder> findByStatusAndPlacedAtBefore(OrderStatus status, Instant before);
}
