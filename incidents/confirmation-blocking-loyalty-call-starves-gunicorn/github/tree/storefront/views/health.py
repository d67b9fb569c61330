from flask import Blueprint

from storefront.db import ping

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    ping()
    return {"status": "ok"}
