"""Consumes notification requests from Kafka and delivers them."""
import asyncio
import json
import logging
import time

from aiokafka import AIOKafkaConsumer

from dispatcher import templates
from dispatcher.channels import email, push

log = logging.getLogger("dispatcher.worker")


async def handle(msg: dict) -> None:
    rendered = await templates.render(msg["template"], msg.get("locale", "en-GB"), msg["data"])
    if msg["channel"] == "email":
        await email.send(msg["to"], rendered["subject"], rendered["html"])
    else:
        await push.send(msg["to"], rendered["title"], rendered["body"])


async def run(consumer: AIOKafkaConsumer) -> None:
    async for record in consumer:
        msg = json.loads(record.value)
        start = time.monotonic()
        try:
            await handle(msg)
        except Exception:
            log.exception("delivery failed id=%s channel=%s template=%s", msg["id"], msg["channel"], msg["template"])
            await asyncio.sleep(0)
            continue
        log.info("delivered id=%s channel=%s template=%s in %.0fms", msg["id"], msg["channel"], msg["template"],
                 (time.monotonic() - start) * 1000)
