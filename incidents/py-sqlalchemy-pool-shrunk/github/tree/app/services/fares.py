import httpx

from app.core.config import get_settings


class FaresClient:
    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def quote_many(self, fare_keys: list[str]) -> dict[str, dict]:
        if not fare_keys:
            return {}
        resp = self._client.post("/v3/quotes:batch", json={"fare_keys": fare_keys})
        resp.raise_for_status()
        return {q["fare_key"]: q for q in resp.json()["quotes"]}


_settings = get_settings()
_client = httpx.Client(base_url=_settings.fares_base_url, timeout=_settings.fares_timeout_s)


def get_fares_client() -> FaresClient:
    return FaresClient(_client)
