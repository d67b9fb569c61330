package com.tallowmere.appointments.reminders;

import java.time.Instant;
import java.util.UUID;

/** One row produced by the sweep query: a reminder that is due and not yet dispatched. */
public record DueReminder(UUID appointmentId, UUID patientId, ReminderKind kind, Instant sendAfter) {
}
