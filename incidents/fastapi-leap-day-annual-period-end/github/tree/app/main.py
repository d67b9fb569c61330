import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from app.api import memberships
from app.logging_setup import configure_logging

configure_logging()
log = logging.getLogger("membership.api")

app = FastAPI(title="membership-api")
app.include_router(memberships.router)


@app.exception_handler(Exception)
async def unhandled(request: Request, exc: Exception):
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return JSONResponse({"detail": "internal error"}, status_code=500)
