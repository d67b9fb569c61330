package com.marlowe.fulfillment.router;

import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
public class OrderPlacedListener {

    private static final Logger log = LoggerFactory.getLogger(OrderPlacedListener.class);

    private final ObjectMapper mapper;
    private final PickingLaneResolver lanes;
    private final PickingTaskPublisher publisher;
    private final RoutingStats stats;

    public OrderPlacedListener(ObjectMapper mapper, PickingLaneResolver lanes,
                               PickingTaskPublisher publisher, RoutingStats stats) {
        this.mapper = mapper;
        this.lanes = lanes;
        this.publisher = publisher;
        this.stats = stats;
    }

    @KafkaListener(topics = "${fulfillment.topics.orders-placed}")
    public void onOrderPlaced(ConsumerRecord<String, String> record) throws Exception {
        long started = System.nanoTime();
        OrderPlaced order = mapper.readValue(record.value(), OrderPlaced.class);
        for (PickingTask task : lanes.split(order)) {
            try {
                publisher.publish(task);
            } catch (Exception e) {
                log.error("Failed to route order {} to lane {} (partition {} offset {}), will retry", order.orderId(), task.lane(), record.partition(), record.offset(), e);
                throw e;
            }
        }
        stats.record(order, record.partition(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
}
