package com.sandpiper.tracking.shipments;

import com.sandpiper.platform.jsonkit.JsonKit;
import com.sandpiper.tracking.carrier.CarrierEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

@Service
public class ShipmentTimeline {

    private final JdbcTemplate jdbc;
    private final KafkaTemplate<String, String> kafka;

    public ShipmentTimeline(JdbcTemplate jdbc, KafkaTemplate<String, String> kafka) {
        this.jdbc = jdbc;
        this.kafka = kafka;
    }

    public void append(CarrierEvent event) {
        jdbc.update("INSERT INTO shipment_event (event_id, tracking_number, carrier, type, location, occurred_at) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
                event.eventId(), event.trackingNumber(), event.carrier(), event.type(), event.location(),
                java.sql.Timestamp.from(event.occurredAt()));
        kafka.send("shipment-timeline.updated", event.trackingNumber(), JsonKit.write(event));
    }
}
