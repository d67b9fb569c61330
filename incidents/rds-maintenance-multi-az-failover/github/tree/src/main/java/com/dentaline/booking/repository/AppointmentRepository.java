package com.dentaline.booking.repository;

import com.dentaline.booking.model.Appointment;
import com.dentaline.booking.model.Slot;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Appointments and free slots. Plain JdbcTemplate on the {@code booking} database (RDS PostgreSQL).
 * SQL lives in text blocks so it can be copied into psql as is.
 */
@Repository
public class AppointmentRepository {

    private static final String AVAILABLE_SLOTS_SQL = """
        SELECT s.id, s.dentist_id, s.starts_at, s.duration_min
          FROM slots s
          LEFT JOIN appointments a ON a.slot_id = s.id AND a.status <> 'CANCELLED'
         WHERE s.clinic_id = ? AND s.starts_at::date = ? AND a.id IS NULL
         ORDER BY s.starts_at
        """;

    private static final String INSERT_SQL = """
        INSERT INTO appointments (id, slot_id, patient_id, reason, status, created_at)
        VALUES (?, ?, ?, ?, 'BOOKED', now())
        """;

    private static final String BY_PATIENT_SQL = """
        SELECT a.id, a.slot_id, a.patient_id, a.reason, a.status
          FROM appointments a
         WHERE a.patient_id = ?
         ORDER BY a.created_at DESC
         LIMIT 50
        """;

    private static final RowMapper<Slot> SLOT = (rs, i) -> new Slot(rs.getObject("id", UUID.class),
        rs.getObject("dentist_id", UUID.class), rs.getTimestamp("starts_at").toInstant(), rs.getInt("duration_min"));

    private static final RowMapper<Appointment> APPOINTMENT = (rs, i) -> new Appointment(rs.getObject("id", UUID.class),
        rs.getObject("slot_id", UUID.class), rs.getObject("patient_id", UUID.class), rs.getString("reason"), rs.getString("status"));

    private final JdbcTemplate jdbc;

    public AppointmentRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Slot> findAvailableSlots(UUID clinicId, LocalDate day) {
        return jdbc.query(AVAILABLE_SLOTS_SQL, SLOT, clinicId, day);
    }

    public Appointment insert(UUID slotId, UUID patientId, String reason) {
        UUID id = UUID.randomUUID();
        jdbc.update(INSERT_SQL, id, slotId, patientId, reason);
        return new Appointment(id, slotId, patientId, reason, "BOOKED");
    }

    public List<Appointment> findByPatient(UUID patientId) {
        return jdbc.query(BY_PATIENT_SQL, APPOINTMENT, patientId);
    }
}
