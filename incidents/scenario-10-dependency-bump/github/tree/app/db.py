"""Database engine and per-request connections."""
import os
from collections.abc import Iterator

from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

DATABASE_URL = os.environ["BILLING_DATABASE_URL"]

engine = create_engine(
    DATABASE_URL,
    pool_size=int(os.environ.get("BILLING_DB_POOL_SIZE", "10")),
    max_overflow=5,
    pool_pre_ping=True,
    pool_recycle=1800,
)


def get_conn() -> Iterator[Connection]:
    """FastAPI dependency: one connection, and one transaction, per request."""
    with engine.begin() as conn:
        yield conn
