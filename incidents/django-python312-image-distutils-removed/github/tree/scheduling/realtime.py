"""Publishes appointment slot changes to Redis pub/sub so the booking UI can
update without polling. Consumed by scheduling.live (server-sent events)."""
import json
import logging

import aioredis
from django.conf import settings

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "slots"

_redis = None


def channel_for(clinic_id):
    return f"{CHANNEL_PREFIX}:{clinic_id}"


def get_redis():
    global _redis
    if _redis is None:
        _redis = aioredis.from_url(settings.REALTIME_REDIS_URL, decode_responses=True)
    return _redis


async def publish_slot_change(slot):
    payload = {"slot_id": slot.id, "clinic_id": slot.clinic_id, "status": slot.status}
    await get_redis().publish(channel_for(slot.clinic_id), json.dumps(payload))


async def subscribe_slot_changes(clinic_id):
    channel = channel_for(clinic_id)
    pubsub = get_redis().pubsub()
    await pubsub.subscribe(channel)
    try:
        async for message in pubsub.listen():
            if message["type"] == "message":
                yield json.loads(message["data"])
    finally:
        await pubsub.unsubscribe(channel)
