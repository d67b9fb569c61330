from rest_framework.decorators import api_view
from rest_framework.response import Response

from scheduling.models import Slot
from scheduling.serializers import SlotSerializer


@api_view(["GET"])
def open_slots(request):
    clinic_id = int(request.query_params["clinic"])
    slots = Slot.objects.filter(clinic_id=clinic_id, status="open").order_by("starts_at")[:200]
    return Response(SlotSerializer(slots, many=True).data)
