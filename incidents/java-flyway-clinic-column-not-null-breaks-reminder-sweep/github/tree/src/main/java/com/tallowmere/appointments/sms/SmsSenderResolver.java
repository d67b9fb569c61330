package com.tallowmere.appointments.sms;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.tallowmere.appointments.clinics.ClinicRepository;
import com.tallowmere.appointments.reminders.ReminderDispatch;

/**
 * Picks the alphanumeric sender shown on the patient's phone.
 */
@Component
public class SmsSenderResolver {

    private final ClinicRepository clinics;
    private final String defaultSender;

    public SmsSenderResolver(ClinicRepository clinics,
                             @Value("${sms.gateway.default-sender}") String defaultSender) {
        this.clinics = clinics;
        this.defaultSender = defaultSender;
    }

    public String senderFor(ReminderDispatch dispatch) {
        return clinics.findById(dispatch.getClinicId())
                .map(c -> c.getSmsSenderId())
                .filter(s -> s != null && !s.isBlank())
                .orElse(defaultSender);
    }
}
