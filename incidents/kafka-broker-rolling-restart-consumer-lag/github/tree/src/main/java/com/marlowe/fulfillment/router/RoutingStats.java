package com.marlowe.fulfillment.router;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

@Component
public class RoutingStats {

    private static final Logger log = LoggerFactory.getLogger(RoutingStats.class);

    private final LongAdder routed = new LongAdder();
    private final AtomicLong maxMillis = new AtomicLong();
    private final ConcurrentHashMap<Integer, AtomicLong> lastMillisByPartition = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public RoutingStats(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(OrderPlaced order, int partition, long millis) {
        routed.increment();
        maxMillis.accumulateAndGet(millis, Math::max);
        lastMillisByPartition.computeIfAbsent(partition, p -> registry.gauge(
                "fulfillment.route.last.millis", io.micrometer.core.instrument.Tags.of("partition", String.valueOf(p)),
                new AtomicLong())).set(millis);
    }

    @Scheduled(fixedRateString = "${fulfillment.stats-interval}")
    public void report() {
        log.info("routed {} orders in the last interval (max {} ms)", routed.sumThenReset(), maxMillis.getAndSet(0));
    }
}
