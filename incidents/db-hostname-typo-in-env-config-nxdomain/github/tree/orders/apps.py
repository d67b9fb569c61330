import logging
import os

from django.apps import AppConfig

log = logging.getLogger("orders.apps")

_LOGGED = ("DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME", "DATABASE_REPLICA_HOST", "REDIS_URL", "GUNICORN_WORKERS")


class OrdersConfig(AppConfig):
    name = "orders"

    def ready(self):
        # One line with the non-secret settings, so a deploy shows what it runs with.
        log.info("settings loaded: %s", " ".join(f"{k}={os.environ.get(k, '')}" for k in _LOGGED))
