package com.tallowmere.appointments.reminders;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Every 15 minutes, finds appointments whose reminders fall due in the next
 * window and queues one dispatch per (appointment, kind). The dispatch worker
 * sends them.
 */
@Component
public class ReminderSweepJob {

    private static final Logger log = LoggerFactory.getLogger(ReminderSweepJob.class);

    static final String DUE_SQL = """
            SELECT a.id AS appointment_id, a.patient_id, k.kind, a.starts_at - k.lead AS send_after
              FROM appointments a
              JOIN reminder_kinds k ON k.enabled
             WHERE a.status = 'BOOKED'
               AND a.starts_at - k.lead >= now()
               AND a.starts_at - k.lead <  now() + interval '15 minutes'
               AND NOT EXISTS (SELECT 1 FROM reminder_dispatches d
                                WHERE d.appointment_id = a.id AND d.kind = k.kind)
            """;

    private final JdbcTemplate jdbc;
    private final ReminderBatchWriter writer;
    private final Timer sweepTimer;

    public ReminderSweepJob(JdbcTemplate jdbc, ReminderBatchWriter writer, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.writer = writer;
        this.sweepTimer = Timer.builder("reminders.sweep.duration")
                .description("Wall time of one reminder sweep")
                .register(registry);
    }

    @Scheduled(cron = "${reminders.sweep.cron}", zone = "UTC")
    @SchedulerLock(name = "reminder-sweep", lockAtMostFor = "PT10M", lockAtLeastFor = "PT30S")
    public void sweep() {
        long started = System.nanoTime();
        List<DueReminder> due = jdbc.query(DUE_SQL, (rs, i) -> new DueReminder(
                rs.getObject("appointment_id", UUID.class),
                rs.getObject("patient_id", UUID.class),
                ReminderKind.valueOf(rs.getString("kind")),
                rs.getTimestamp("send_after").toInstant()));
        log.info("Reminder sweep started candidates={}", due.size());
        try {
            int inserted = writer.insertPending(due);
            long ms = (System.nanoTime() - started) / 1_000_000;
            log.info("Reminder sweep: {} due, inserted {} dispatches in {} ms", due.size(), inserted, ms);
        } catch (RuntimeException e) {
            long ms = (System.nanoTime() - started) / 1_000_000;
            log.error("Reminder sweep failed after {} ms (candidates={})", ms, due.size(), e);
            throw e;
        } finally {
            sweepTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
