import logging

from fastapi import APIRouter, HTTPException
from redis.exceptions import RedisError

from . import store
from .models import Cart, LineItem

log = logging.getLogger(__name__)
router = APIRouter()


@router.get("/v1/carts/{cart_id}")
async def read_cart(cart_id: str) -> Cart:
    try:
        cart = await store.get_cart(cart_id)
    except RedisError:
        log.exception("cart read failed", extra={"cart_id": cart_id})
        raise HTTPException(status_code=503, detail="cart store unavailable")
    if cart is None:
        raise HTTPException(status_code=404, detail="cart not found")
    return cart


@router.post("/v1/carts/{cart_id}/items")
async def add_item(cart_id: str, item: LineItem) -> Cart:
    try:
        cart = await store.get_cart(cart_id) or Cart.empty(cart_id)
        cart.add(item)
        await store.save_cart(cart)
    except RedisError:
        log.exception("cart update failed", extra={"cart_id": cart_id, "sku": item.sku})
        raise HTTPException(status_code=503, detail="cart store unavailable")
    return cart


@router.get("/healthz")
async def healthz() -> dict:
    return {"status": "ok"}
