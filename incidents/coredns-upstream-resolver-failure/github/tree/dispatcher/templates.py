"""Client of template-service: renders a notification template for a locale."""
import httpx

from dispatcher import discovery

_client = httpx.AsyncClient(timeout=httpx.Timeout(3.0, connect=1.0))


async def render(template_id: str, locale: str, data: dict) -> dict:
    base = await discovery.pick("template-service")
    resp = await _client.post(f"{base}/v1/render/{template_id}", json={"locale": locale, "data": data})
    resp.raise_for_status()
    return resp.json()
