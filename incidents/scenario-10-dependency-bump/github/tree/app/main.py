"""billing-api: invoices and customers for the billing back office."""
import logging
import logging.config
import os
import platform

import fastapi
import sqlalchemy
from apscheduler.schedulers.background import BackgroundScheduler
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.api import customers, invoices
from app.db import engine
from app.jobs.dunning import run_dunning

VERSION = os.environ.get("BILLING_VERSION", "dev")

logging.config.dictConfig({
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s [%(name)s] %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "uvicorn": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
})
log = logging.getLogger("billing.api")

app = FastAPI(title="billing-api", version=VERSION)
app.include_router(invoices.router)
app.include_router(customers.router)

scheduler = BackgroundScheduler(timezone="UTC")


@app.on_event("startup")
def start() -> None:
    log.info("billing-api %s starting (python %s, fastapi %s, sqlalchemy %s)",
             VERSION, platform.python_version(), fastapi.__version__, sqlalchemy.__version__)
    scheduler.add_job(run_dunning, "interval", minutes=5, id="run_dunning")
    scheduler.start()


@app.on_event("shutdown")
def stop() -> None:
    scheduler.shutdown(wait=False)


@app.exception_handler(SQLAlchemyError)
async def database_error(request: Request, exc: SQLAlchemyError) -> JSONResponse:
    log.error("database error on %s %s: %s.%s: %s",
              request.method, request.url.path, type(exc).__module__, type(exc).__qualname__, exc)
    return JSONResponse(status_code=500, content={"detail": "database error"})


@app.get("/healthz")
def healthz() -> dict:
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    return {"status": "ok", "version": VERSION}
