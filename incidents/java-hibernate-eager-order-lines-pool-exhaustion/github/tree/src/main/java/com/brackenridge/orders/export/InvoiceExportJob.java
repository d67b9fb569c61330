package com.brackenridge.orders.export;

import com.brackenridge.orders.domain.OrderStatus;
import com.brackenridge.orders.domain.PurchaseOrder;
import com.brackenridge.orders.repository.PurchaseOrderRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

@Component
public class InvoiceExportJob {

    private static final Logger log = LoggerFactory.getLogger(InvoiceExportJob.class);

    private final PurchaseOrderRepository orders;
    private final InvoiceWriter writer;

    public InvoiceExportJob(PurchaseOrderRepository orders, InvoiceWriter writer) {
        this.orders = orders;
        this.writer = writer;
    }

    @Scheduled(cron = "0 15 2 * * *", zone = "UTC")
    @Transactional(readOnly = true)
    public void exportPaidOrders() {
        Instant cutoff = Instant.now().minus(Duration.ofHours(24));
        List<PurchaseOrder> paid = orders.findByStatusAndPlacedAtBefore(OrderStatus.PAID, cutoff);
        for (PurchaseOrder order : paid) {
            writer.write(order);
        }
        log.info("invoice export wrote {} orders", paid.size());
    }
}
