"""Carts live in the shared Redis: one JSON string per cart under cart:<id>."""
import logging

from redis.asyncio import Redis

from .config import settings
from .models import Cart

log = logging.getLogger(__name__)

_redis = Redis.from_url(
    settings.redis_url,
    socket_timeout=settings.redis_socket_timeout,
    socket_connect_timeout=settings.redis_connect_timeout,
    max_connections=settings.redis_max_connections,
    health_check_interval=30,
    client_name="cart-service",
)


def _key(cart_id: str) -> str:
    return f"cart:{cart_id}"


async def get_cart(cart_id: str) -> Cart | None:
    # One round trip instead of two: read the cart and slide its TTL together.
    async with _redis.pipeline(transaction=False) as pipe:
        pipe.get(_key(cart_id))
        pipe.expire(_key(cart_id), settings.cart_ttl_seconds)
        raw, _ = await pipe.execute()
    if raw is None:
        return None
    return Cart.model_validate_json(raw)


async def save_cart(cart: Cart) -> None:
    await _redis.set(_key(cart.id), cart.model_dump_json(), ex=settings.cart_ttl_seconds)


async def delete_cart(cart_id: str) -> None:
    await _redis.delete(_key(cart_id))


async def ping() -> bool:
    return await _redis.ping()
