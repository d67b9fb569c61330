from __future__ import annotations

import logging
import platform
from importlib.metadata import version

from fastapi import FastAPI

from claims_intake.logging import configure_logging
from claims_intake.routers import claims, documents, estimates, health
from claims_intake.settings import get_settings

configure_logging()
log = logging.getLogger("claims_intake")

_REPORTED = ("fastapi", "starlette", "pydantic", "pyjwt", "sqlalchemy", "httpx", "uvicorn", "boto3")

app = FastAPI(title="claims-intake-api", version=version("claims-intake-api"))
app.include_router(health.router)
app.include_router(claims.router)
app.include_router(estimates.router)
app.include_router(documents.router)


@app.on_event("startup")
async def _startup() -> None:
    settings = get_settings()
    log.info(
        "starting",
        extra={
            "version": app.version,
            "python": platform.python_version(),
            "libs": {name: version(name) for name in _REPORTED},
            "docstore_bucket": settings.docstore_bucket,
        },
    )
