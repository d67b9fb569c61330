"""E-mail channel (SendGrid v3 API)."""
import logging
import os

import httpx

log = logging.getLogger(__name__)

SENDGRID_URL = "https://api.sendgrid.com/v3/mail/send"

# HTTP/2: one connection multiplexes the burst of sends after an on-sale opens.
_client = httpx.AsyncClient(http2=True, timeout=httpx.Timeout(10.0, connect=3.0),
                            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10))


async def send(to: str, subject: str, html: str) -> None:
    resp = await _client.post(
        SENDGRID_URL,
        headers={"Authorization": f"Bearer {os.environ['SENDGRID_API_KEY']}"},
        json={
            "personalizations": [{"to": [{"email": to}]}],
            "from": {"email": "tickets@marlowe-tix.example", "name": "Marlowe Tickets"},
            "subject": subject,
            "content": [{"type": "text/html", "value": html}],
        },
    )
    resp.raise_for_status()
