from fastapi.testclient import TestClient

from app.main import app


def test_healthz() -> None:
    client = TestClient(app)
    assert client.get("/healthz").json() == {"status": "ok"}


def test_unknown_itinerary_is_404(db_session) -> None:
    client = TestClient(app)
    assert client.get("/v2/itineraries/itn_missing").status_code == 404
