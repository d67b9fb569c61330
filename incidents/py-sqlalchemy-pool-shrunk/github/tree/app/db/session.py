"""Engine and session factory for the itinerary database."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.core.config import get_settings

settings = get_settings()

# Pool sizing lives in Settings (db_pool_size / db_max_overflow / db_pool_timeout_s);
# every uvicorn worker gets its own pool.
engine: Engine = create_engine(
    str(settings.database_url),
    pool_size=settings.db_pool_size,
    max_overflow=settings.db_max_overflow,
    pool_timeout=settings.db_pool_timeout_s,
    pool_recycle=settings.db_pool_recycle_s,
    pool_pre_ping=True,
)

SessionLocal = sessionmaker(bind=engine, autoflush=False, expire_on_commit=False)


@event.listens_for(engine, "connect")
def _set_statement_timeout(dbapi_conn: Any, _record: Any) -> None:
    with dbapi_conn.cursor() as cur:
        cur.execute(f"SET statement_timeout = {int(settings.db_statement_timeout_ms)}")


def get_db() -> Iterator[Session]:
    """FastAPI dependency: one session per request, committed on success."""
    session = SessionLocal()
    try:
        # Check a connection out up front so that pool waits surface here
        # and not half-way through a handler.
        session.connection()
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()
