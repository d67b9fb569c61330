"""Customer queries."""
from collections.abc import Mapping

from sqlalchemy import text
from sqlalchemy.engine import Connection

CUSTOMER_SQL = text(
    "SELECT id, name, email, currency, created_at FROM customers WHERE id = :customer_id"
)


def fetch_customer(conn: Connection, customer_id: str) -> dict | None:
    row = conn.execute(CUSTOMER_SQL, {"customer_id": customer_id}).mappings().first()
    return _to_api(row) if row is not None else None


def _to_api(row: Mapping) -> dict:
    """Lower-case e-mail and ISO 8601 timestamps, as the back office UI expects."""
    out = dict(row)
    out["email"] = (out.get("email") or "").strip().lower() or None
    if out.get("created_at") is not None:
        out["created_at"] = out["created_at"].isoformat()
    return out
