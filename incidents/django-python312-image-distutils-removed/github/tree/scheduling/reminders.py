from zoneinfo import ZoneInfo

from django.core.mail import send_mail
from django.template.loader import render_to_string


def send_reminder(appointment):
    body = render_to_string("emails/reminder.txt", {
        "patient": appointment.patient,
        "starts_at": appointment.slot.starts_at.astimezone(ZoneInfo(appointment.slot.clinic.timezone)),
        "clinic": appointment.slot.clinic,
    })
    send_mail("Your appointment tomorrow", body, None, [appointment.patient.email])
