from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from appointments.models import Appointment
from notifications.sms import send_sms


@shared_task
def send_day_before_reminders():
    now = timezone.now()
    window_start = now + timedelta(hours=23)
    window_end = now + timedelta(hours=24)
    due = Appointment.objects.filter(
        status=Appointment.Status.BOOKED,
        starts_at__gte=window_start,
        starts_at__lt=window_end,
    ).select_related("clinic")
    for a in due:
        send_sms(a.owner_id, f"Reminder: {a.clinic.name} tomorrow at {a.starts_at:%H:%M}")
    return due.count()
