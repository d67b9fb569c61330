import logging

from fastapi import FastAPI

from app.api import health, search

logging.captureWarnings(True)

app = FastAPI(title="listing-search", version="3.7.0")
app.include_router(health.router)
app.include_router(search.router)
