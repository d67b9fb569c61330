import datetime

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.decorators.cache import cache_control
from django.utils.decorators import method_decorator

from appointments.models import Clinic
from appointments.services import availability


class ClinicAvailabilityView(View):
    """GET /api/v1/clinics/<id>/availability?date=YYYY-MM-DD[&vet=<id>]"""

    @method_decorator(cache_control(private=True, max_age=30))
    def get(self, request, clinic_id):
        clinic = get_object_or_404(Clinic, pk=clinic_id)
        try:
            day = datetime.date.fromisoformat(request.GET.get("date", ""))
        except ValueError:
            return JsonResponse({"error": "date must be YYYY-MM-DD"}, status=400)
        vet_param = request.GET.get("vet")
        vet_id = None
        if vet_param:
            if not vet_param.isdigit() or not clinic.vets.filter(pk=int(vet_param)).exists():
                return JsonResponse({"error": "unknown vet"}, status=400)
            vet_id = int(vet_param)
        slots = availability.free_slots(clinic=clinic, day=day, vet_id=vet_id)
        return JsonResponse({"clinic": clinic.id, "date": day.isoformat(), "slots": slots})
