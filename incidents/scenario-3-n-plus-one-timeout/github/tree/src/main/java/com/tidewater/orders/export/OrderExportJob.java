package com.tidewater.orders.export;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.tidewater.orders.domain.OrderStatus;
import com.tidewater.orders.repository.PurchaseOrderRepository;

/**
 * Nightly export of shipped orders to the finance data lake.
 */
@Component
public class OrderExportJob {

    private static final Logger log = LoggerFactory.getLogger(OrderExportJob.class);

    static final int BATCH = 500;

    private final PurchaseOrderRepository orders;
    private final FinanceExportClient finance;
    private final TransactionTemplate readOnlyTx;

    public OrderExportJob(PurchaseOrderRepository orders, FinanceExportClient finance, TransactionTemplate tx) {
        this.orders = orders;
        this.finance = finance;
        this.readOnlyTx = new TransactionTemplate(tx.getTransactionManager());
        this.readOnlyTx.setReadOnly(true);
    }

    /**
     * Streams in read-only transactions of {@value #BATCH} orders so that one long export does
     * not pin a connection for the whole night.
     */
    @Scheduled(cron = "0 30 2 * * *", zone = "UTC")
    public void exportShipped() {
        Instant before = Instant.now().minus(Duration.ofHours(1));
        AtomicInteger count = new AtomicInteger();
        boolean more = true;
        while (more) {
            int sent = readOnlyTx.execute(status -> {
                try (var stream = orders.streamByStatusPlacedBefore(OrderStatus.SHIPPED, before)) {
                    return (int) stream.skip(count.get()).limit(BATCH)
                            .peek(o -> finance.send(ExportRecord.of(o)))
                            .count();
                }
            });
            count.addAndGet(sent);
            more = sent == BATCH;
        }
        log.info("exported {} shipped orders placed before {}", count.get(), before);
    }
}
