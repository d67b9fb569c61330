package com.tallowmere.appointments.reminders;

public enum ReminderKind {
    T_MINUS_72H,
    T_MINUS_24H,
    T_MINUS_2H
}
