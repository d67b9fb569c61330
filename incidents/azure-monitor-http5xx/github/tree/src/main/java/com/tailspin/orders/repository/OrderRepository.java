package com.tailspin.orders.repository;

import com.tailspin.orders.domain.Order;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface OrderRepository extends JpaRepository<Order, UUID> {

    @Query("select o from Order o left join fetch o.lines where o.id = :id")
    Optional<Order> findWithLines(@Param("id") UUID id);

    Page<Order> findByCustomerId(String customerId, Pageable pageable);

    @Query("select distinct o from Order o left join fetch o.lines order by o.createdAt")
    List<Order> findAllWithLines();

    long countByStatus(String status);
}
