"""Small helpers around the Django ORM used by the order views."""
import logging
import time

from django.conf import settings
from django.db import OperationalError, close_old_connections, transaction

log = logging.getLogger("orders.db")


def atomic_write(fn):
    """Run fn in a transaction on the primary."""
    with transaction.atomic(using="default"):
        return fn()


def with_retry(fn, attempts=2, delay=0.2):
    """Run a read on the primary; retry once on OperationalError (failover, idle disconnect)."""
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except OperationalError as exc:
            host = settings.DATABASES["default"]["HOST"]
            if attempt == attempts:
                raise
            log.warning("database operation failed (host=%s, attempt %d/%d): %s", host, attempt, attempts, exc)
            close_old_connections()
            time.sleep(delay)
