"""Server-sent events for the booking UI: pushes slot changes of one clinic."""
import json
import re

from scheduling.realtime import subscribe_slot_changes

PATH = re.compile(r"^/live/slots/(?P<clinic_id>\d+)$")


class SlotUpdatesApp:
    def __init__(self, django_app):
        self.django_app = django_app

    async def __call__(self, scope, receive, send):
        match = PATH.match(scope.get("path", "")) if scope["type"] == "http" else None
        if match is None:
            return await self.django_app(scope, receive, send)

        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"text/event-stream"), (b"cache-control", b"no-cache")]})
        async for change in subscribe_slot_changes(int(match["clinic_id"])):
            body = f"data: {json.dumps(change)}\n\n".encode()
            await send({"type": "http.response.body", "body": body, "more_body": True})
