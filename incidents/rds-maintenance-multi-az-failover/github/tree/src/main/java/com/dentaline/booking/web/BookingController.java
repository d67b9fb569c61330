package com.dentaline.booking.web;

import com.dentaline.booking.model.Appointment;
import com.dentaline.booking.model.Slot;
import com.dentaline.booking.service.BookingService;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/v1")
public class BookingController {

    private final BookingService booking;

    public BookingController(BookingService booking) {
        this.booking = booking;
    }

    @GetMapping("/clinics/{clinicId}/slots")
    public List<Slot> slots(@PathVariable UUID clinicId,
                            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        return booking.availableSlots(clinicId, day);
    }

    @PostMapping("/appointments")
    @ResponseStatus(HttpStatus.CREATED)
    public Appointment book(@RequestBody BookRequest req) {
        return booking.book(req.slotId(), req.patientId(), req.reason());
    }

    @GetMapping("/patients/{patientId}/appointments")
    public List<Appointment> history(@PathVariable UUID patientId) {
        return booking.history(patientId);
    }

    public record BookRequest(UUID slotId, UUID patientId, String reason) {}
}
