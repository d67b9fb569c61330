import logging

from flask import Blueprint, abort, current_app, g, jsonify

from storefront.auth import login_required
from storefront.db import get_order
from storefront.integrations.http import get_json

bp = Blueprint("orders", __name__, url_prefix="/api/v1/orders")
log = logging.getLogger(__name__)


def _payment_status(order):
    cfg = current_app.config
    data = get_json(f"{cfg['PAYMENTS_API_URL']}/payments/{order.payment_id}", timeout=cfg["PAYMENTS_TIMEOUT_S"])
    return data["status"]


@bp.get("/<order_id>/confirmation")
@login_required
def order_confirmation(order_id):
    order = get_order(order_id)
    if order is None:
        abort(404)
    if order.customer_id != g.customer_id:
        log.warning("confirmation requested for another customer's order", extra={"order_id": order_id, "caller": g.customer_id})
        abort(404)

    body = {
        "order_id": order.id,
        "status": order.status,
        "payment_status": _payment_status(order),
        "items": [{"sku": i.sku, "name": i.name, "qty": i.qty, "price": str(i.price)} for i in order.items],
        "total": str(order.total),
        "currency": order.currency,
        "estimated_delivery": order.estimated_delivery.isoformat() if order.estimated_delivery else None,
    }

    cfg = current_app.config
    loyalty = get_json(
        f"{cfg['LOYALTY_API_URL']}/members/{order.customer_id}/tier",
        headers={"X-Api-Key": cfg["LOYALTY_API_KEY"]},
    )
    body["loyalty"] = {"tier": loyalty.get("tier"), "points": loyalty.get("points", 0)}
    return jsonify(body)
