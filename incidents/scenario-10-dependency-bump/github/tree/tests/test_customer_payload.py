from datetime import datetime, timezone

from app.repositories.customers import _to_api


def test_email_is_normalised_and_timestamp_is_iso():
    out = _to_api({"id": "cus_1", "name": "Acme", "email": " AP@Acme.Example ",
                   "created_at": datetime(2026, 9, 1, 8, 30, tzinfo=timezone.utc)})
    assert out["email"] == "ap@acme.example"
    assert out["created_at"] == "2026-09-01T08:30:00+00:00"


def test_blank_email_becomes_none():
    assert _to_api({"id": "cus_2", "email": "  ", "created_at": None})["email"] is None
