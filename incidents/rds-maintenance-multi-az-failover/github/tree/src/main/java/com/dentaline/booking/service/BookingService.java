package com.dentaline.booking.service;

import com.dentaline.booking.model.Appointment;
import com.dentaline.booking.model.Slot;
import com.dentaline.booking.repository.AppointmentRepository;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class BookingService {

    private final AppointmentRepository appointments;

    public BookingService(AppointmentRepository appointments) {
        this.appointments = appointments;
    }

    public List<Slot> availableSlots(UUID clinicId, LocalDate day) {
        return appointments.findAvailableSlots(clinicId, day);
    }

    @Transactional
    public Appointment book(UUID slotId, UUID patientId, String reason) {
        return appointments.insert(slotId, patientId, reason);
    }

    public List<Appointment> history(UUID patientId) {
        return appointments.findByPatient(patientId);
    }
}
