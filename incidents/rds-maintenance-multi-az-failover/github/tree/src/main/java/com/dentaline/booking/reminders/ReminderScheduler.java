package com.dentaline.booking.reminders;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Queues an SMS reminder 24h before each appointment (sent by notification-gateway). */
@Component
public class ReminderScheduler {

    private static final Logger log = LoggerFactory.getLogger(ReminderScheduler.class);
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ReminderScheduler(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 60_000)
    public void queueReminders() {
        int n = jdbc.update("""
            INSERT INTO sms_outbox (appointment_id, send_at)
            SELECT a.id, s.starts_at - interval '24 hours'
              FROM appointments a JOIN slots s ON s.id = a.slot_id
             WHERE a.status = 'BOOKED' AND s.starts_at BETWEEN now() + interval '24 hours' AND now() + interval '25 hours'
            ON CONFLICT (appointment_id) DO NOTHING
            """);
        if (n > 0) {
            log.info("queued {} SMS reminders", n);
        }
    }
}
