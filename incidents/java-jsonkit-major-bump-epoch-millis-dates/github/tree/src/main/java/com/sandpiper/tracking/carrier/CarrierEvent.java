package com.sandpiper.tracking.carrier;

import java.time.Instant;

/** A tracking event as the carrier gateway publishes it on carrier-events.raw. */
public record CarrierEvent(
        String eventId,
        String carrier,
        String trackingNumber,
        String type,
        String location,
        Instant occurredAt,
        Instant receivedAt,
        Instant estimatedDeliveryAt) {
}
