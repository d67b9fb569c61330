import json

from django.http import JsonResponse
from django.views import View

from appointments.models import Appointment
from appointments.serializers import appointment_to_dict


class OwnerAppointmentsView(View):
    """GET /api/v1/owners/<owner_id>/appointments"""

    def get(self, request, owner_id):
        qs = (Appointment.objects.filter(owner_id=owner_id)
              .exclude(status=Appointment.Status.CANCELLED)
              .order_by("-starts_at")[:50])
        return JsonResponse({"appointments": [appointment_to_dict(a) for a in qs]})


class BookAppointmentView(View):
    """POST /api/v1/appointments"""

    def post(self, request):
        body = json.loads(request.body)
        a = Appointment.objects.create(
            clinic_id=body["clinic"],
            vet_id=body["vet"],
            pet_id=body["pet"],
            owner_id=body["owner"],
            starts_at=body.get("starts_at") or body["scheduled_at"],
            duration_minutes=body.get("duration_minutes", 20),
            reason=body.get("reason", ""),
        )
        return JsonResponse(appointment_to_dict(a), status=201)
