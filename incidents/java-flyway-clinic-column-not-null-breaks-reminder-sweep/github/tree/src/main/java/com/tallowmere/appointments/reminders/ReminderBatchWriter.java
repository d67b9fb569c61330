package com.tallowmere.appointments.reminders;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bulk insert of the reminder dispatches found by {@link ReminderSweepJob}.
 * Plain JDBC on purpose: a sweep can produce a few thousand rows and going
 * through the JPA entity costs one round-trip per row.
 */
@Component
public class ReminderBatchWriter {

    private static final Logger log = LoggerFactory.getLogger(ReminderBatchWriter.class);

    static final String INSERT_SQL =
            "INSERT INTO reminder_dispatches (appointment_id, patient_id, kind, send_after, status, created_at) "
            + "VALUES (?, ?, ?, ?, 'PENDING', now()) "
            + "ON CONFLICT (appointment_id, kind) DO NOTHING";

    private final JdbcTemplate jdbc;
    private final int batchSize;

    public ReminderBatchWriter(JdbcTemplate jdbc, @Value("${reminders.sweep.batch-size:500}") int batchSize) {
        this.jdbc = jdbc;
        this.batchSize = batchSize;
    }

    @Transactional
    public int insertPending(List<DueReminder> due) {
        if (due.isEmpty()) {
            return 0;
        }
        int[][] counts = jdbc.batchUpdate(INSERT_SQL, due, batchSize, (ps, r) -> {
            ps.setObject(1, r.appointmentId());
            ps.setObject(2, r.patientId());
            ps.setString(3, r.kind().name());
            ps.setTimestamp(4, Timestamp.from(r.sendAfter()));
        });
        // With ON CONFLICT DO NOTHING a row that already exists (for example a
        // manual reminder queued by the front desk a minute earlier) reports 0.
        int inserted = Arrays.stream(counts).flatMapToInt(Arrays::stream).sum();
        int skipped = due.size() - inserted;
        if (skipped > 0) {
            log.info("Skipped {} reminder dispatches that already existed", skipped);
        }
        log.debug("Inserted {} reminder dispatches in {} batches", inserted, counts.length);
        return inserted;
    }
}
