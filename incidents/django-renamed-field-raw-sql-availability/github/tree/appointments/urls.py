from django.urls import path

from appointments.views.booking import BookAppointmentView, OwnerAppointmentsView
from appointments.views.calendar import ClinicAvailabilityView

urlpatterns = [
    path("api/v1/clinics/<int:clinic_id>/availability", ClinicAvailabilityView.as_view()),
    path("api/v1/owners/<str:owner_id>/appointments", OwnerAppointmentsView.as_view()),
    path("api/v1/appointments", BookAppointmentView.as_view()),
]
