package com.tidewater.orders.repository;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import com.tidewater.orders.domain.OrderStatus;
import com.tidewater.orders.domain.PurchaseOrder;

public interface PurchaseOrderRepository extends JpaRepository<PurchaseOrder, Long> {

    /** Order history page: orders with their lines and products in one round trip. */
    @EntityGraph(attributePaths = {"lines", "lines.product"})
    @Query("select o from PurchaseOrder o where o.customerId = :customerId order by o.placedAt desc")
    List<PurchaseOrder> findRecentWithLines(@Param("customerId") Long customerId, Pageable page);

    List<PurchaseOrder> findByCustomerIdOrderByPlacedAtDesc(Long customerId);

    @Query("select o from PurchaseOrder o where o.status = :status and o.placedAt < :before")
    Stream<PurchaseOrder> streamByStatusPlacedBefore(@Param("status") OrderStatus status,
                                                     @Param("before") Instant before);
}
