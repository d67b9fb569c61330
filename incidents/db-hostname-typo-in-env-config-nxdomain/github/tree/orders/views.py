from django.core.cache import cache
from rest_framework.decorators import api_view
from rest_framework.response import Response

from . import db
from .models import Order
from .serializers import OrderSerializer


@api_view(["GET"])
def order_detail(request, public_id):
    cached = cache.get(f"order:{public_id}")
    if cached is not None:
        return Response(cached)
    order = db.with_retry(lambda: Order.objects.select_related("customer").get(public_id=public_id))
    data = OrderSerializer(order, context={"with_dispatch_estimate": True}).data
    cache.set(f"order:{public_id}", data, timeout=30)
    return Response(data)


@api_view(["GET"])
def customer_orders(request, customer_id):
    orders = db.with_retry(lambda: list(Order.objects.filter(customer__public_id=customer_id).order_by("-created_at")[:20]))
    return Response(OrderSerializer(orders, many=True).data)


@api_view(["POST"])
def create_order(request):
    serializer = OrderSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    order = db.atomic_write(lambda: serializer.save())
    return Response(OrderSerializer(order).data, status=201)
