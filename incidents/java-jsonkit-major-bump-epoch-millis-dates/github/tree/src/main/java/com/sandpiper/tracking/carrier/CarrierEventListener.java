package com.sandpiper.tracking.carrier;

import com.sandpiper.platform.jsonkit.JsonKit;
import com.sandpiper.tracking.shipments.ShipmentTimeline;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

@Component
public class CarrierEventListener {

    private static final Logger log = LoggerFactory.getLogger(CarrierEventListener.class);
    private static final String DLQ = "carrier-events.dlq";

    private final ShipmentTimeline timeline;
    private final KafkaTemplate<String, String> kafka;

    public CarrierEventListener(ShipmentTimeline timeline, KafkaTemplate<String, String> kafka) {
        this.timeline = timeline;
        this.kafka = kafka;
    }

    @KafkaListener(topics = "carrier-events.raw", concurrency = "6")
    public void onMessage(ConsumerRecord<String, String> record) {
        CarrierEvent event;
        try {
            event = JsonKit.read(record.value(), CarrierEvent.class);
        } catch (Exception e) {
            log.error("carrier event rejected, sent to {} (topic={} partition={} offset={})",
                    DLQ, record.topic(), record.partition(), record.offset(), e);
            kafka.send(DLQ, record.key(), record.value());
            return;
        }
        timeline.append(event);
        log.info("tracking event {} {} {} at {} eta={}", event.carrier(), event.trackingNumber(), event.type(), event.location(),
                event.estimatedDeliveryAt() == null ? "-" : event.estimatedDeliveryAt());
    }
}
