package com.tallowmere.appointments.reminders;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "reminder_dispatches")
public class ReminderDispatch {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    private UUID id;

    @Column(name = "appointment_id", nullable = false)
    private UUID appointmentId;

    @Column(name = "patient_id", nullable = false)
    private UUID patientId;

    @Column(name = "clinic_id", nullable = false)
    private UUID clinicId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ReminderKind kind;

    @Column(name = "send_after", nullable = false)
    private Instant sendAfter;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DispatchStatus status = DispatchStatus.PENDING;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt = Instant.now();

    @Column(name = "sent_at")
    private Instant sentAt;

    protected ReminderDispatch() {
    }

    public ReminderDispatch(UUID appointmentId, UUID patientId, UUID clinicId, ReminderKind kind, Instant sendAfter) {
        this.appointmentId = appointmentId;
        this.patientId = patientId;
        this.clinicId = clinicId;
        this.kind = kind;
        this.sendAfter = sendAfter;
    }

    public UUID getId() { return id; }
    public UUID getAppointmentId() { return appointmentId; }
    public UUID getPatientId() { return patientId; }
    public UUID getClinicId() { return clinicId; }
    public ReminderKind getKind() { return kind; }
    public Instant getSendAfter() { return sendAfter; }
    public DispatchStatus getStatus() { return status; }
    public int getAttempts() { return attempts; }
    public Instant getSentAt() { return sentAt; }

    public void markSent(Instant at) {
        this.status = DispatchStatus.SENT;
        this.sentAt = at;
    }

    public void markAttemptFailed(int maxAttempts) {
        this.attempts++;
        if (this.attempts >= maxAttempts) {
            this.status = DispatchStatus.FAILED;
        }
    }
}
