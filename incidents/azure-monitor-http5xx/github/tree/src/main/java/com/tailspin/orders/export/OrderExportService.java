package com.tailspin.orders.export;

import com.tailspin.orders.domain.Order;
import com.tailspin.orders.domain.OrderLine;
import com.tailspin.orders.repository.OrderRepository;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the CSV file that partners use to reconcile their orders with ours.
 */
@Service
public class OrderExportService {

    private static final Logger log = LoggerFactory.getLogger(OrderExportService.class);

    static final String HEADER =
            "order_id,customer_id,status,created_at,currency,total_amount,sku,quantity,unit_price";

    private final OrderRepository orderRepository;

    public OrderExportService(OrderRepository orderRepository) {
        this.orderRepository = orderRepository;
    }

    /**
     * Writes every order and its lines to {@code out}, one CSV row per order line.
     *
     * @return the number of rows written, header excluded
     */
    @Transactional(readOnly = true)
    public long exportAllOrders(Writer out, String requestedBy) throws IOException {
        long started = System.nanoTime();
        log.info("Starting bulk order export requestedBy={}", requestedBy);

        List<Order> orders = orderRepository.findAllWithLines();

        out.write(HEADER);
        out.write('\n');
        long rows = 0;
        for (Order order : orders) {
            for (OrderLine line : order.getLines()) {
                out.write(toCsv(order, line));
                out.write('\n');
                rows++;
            }
        }
        out.flush();

        long tookMs = (System.nanoTime() - started) / 1_000_000;
        log.info("Bulk order export finished requestedBy={} orders={} rows={} tookMs={}",
                requestedBy, orders.size(), rows, tookMs);
        return rows;
    }

    static String toCsv(Order order, OrderLine line) {
        return String.join(",",
                order.getId().toString(),
                order.getCustomerId(),
                order.getStatus(),
                DateTimeFormatter.ISO_INSTANT.format(order.getCreatedAt()),
                order.getCurrency(),
                order.getTotalAmount().toPlainString(),
                line.getSku(),
                Integer.toString(line.getQuantity()),
                line.getUnitPrice().toPlainString());
    }
}
