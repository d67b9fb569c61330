import logging
import time

from fastapi import FastAPI, Request

from app.api.routes import health, itineraries
from app.core.config import get_settings
from app.core.logging import configure_logging

settings = get_settings()
configure_logging()
log = logging.getLogger("app")
http_log = logging.getLogger("app.http")

app = FastAPI(title="itinerary-api", version=settings.version)
app.include_router(health.router)
app.include_router(itineraries.router, prefix="/v2")


@app.on_event("startup")
def _announce() -> None:
    log.info("itinerary-api starting", extra={"version": settings.version, "environment": settings.environment})


@app.middleware("http")
async def access_log(request: Request, call_next):
    start = time.perf_counter()
    response = await call_next(request)
    if request.url.path != "/healthz":
        http_log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.url.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - start) * 1000, 1),
            },
        )
    return response
