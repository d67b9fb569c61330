"""Tiny TTL cache for rendered templates that do not depend on per-user data."""
import time


class TTLCache:
    def __init__(self, ttl: float = 60.0, maxsize: int = 512):
        self.ttl, self.maxsize = ttl, maxsize
        self._data: dict[str, tuple[float, dict]] = {}

    def get(self, key: str) -> dict | None:
        hit = self._data.get(key)
        if hit is None or hit[0] < time.monotonic():
            return None
        return hit[1]

    def put(self, key: str, value: dict) -> None:
        if len(self._data) >= self.maxsize:
            self._data.pop(next(iter(self._data)))
        self._data[key] = (time.monotonic() + self.ttl, value)
