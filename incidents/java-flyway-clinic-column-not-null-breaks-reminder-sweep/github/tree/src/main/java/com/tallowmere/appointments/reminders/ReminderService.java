package com.tallowmere.appointments.reminders;

import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.tallowmere.appointments.booking.Appointment;
import com.tallowmere.appointments.booking.AppointmentNotFoundException;
import com.tallowmere.appointments.booking.AppointmentRepository;

/**
 * Reminders requested explicitly through the API (front desk "send reminder now").
 * Scheduled reminders are created in bulk by {@link ReminderSweepJob}.
 */
@Service
public class ReminderService {

    private static final Logger log = LoggerFactory.getLogger(ReminderService.class);

    private final AppointmentRepository appointments;
    private final ReminderDispatchRepository dispatches;

    public ReminderService(AppointmentRepository appointments, ReminderDispatchRepository dispatches) {
        this.appointments = appointments;
        this.dispatches = dispatches;
    }

    @Transactional
    public ReminderDispatch requestNow(UUID appointmentId, ReminderKind kind) {
        Appointment appointment = appointments.findById(appointmentId)
                .orElseThrow(() -> new AppointmentNotFoundException(appointmentId));
        ReminderDispatch dispatch = new ReminderDispatch(
                appointment.getId(),
                appointment.getPatientId(),
                appointment.getClinicId(),
                kind,
                Instant.now());
        ReminderDispatch saved = dispatches.save(dispatch);
        log.info("Manual reminder queued dispatch={} appointment={} kind={}", saved.getId(), appointmentId, kind);
        return saved;
    }
}
