"""Push channel (Firebase Cloud Messaging HTTP v1)."""
import httpx

FCM_URL = "https://fcm.googleapis.com/v1/projects/marlowe-tix/messages:send"
_client = httpx.AsyncClient(timeout=httpx.Timeout(5.0, connect=2.0))


async def send(token: str, title: str, body: str) -> None:
    resp = await _client.post(FCM_URL, json={"message": {"token": token, "notification": {"title": title, "body": body}}})
    resp.raise_for_status()
