import time

from flask import Blueprint, current_app, jsonify, request

from storefront.integrations.http import get_json

bp = Blueprint("catalog", __name__, url_prefix="/api/v1/catalog")
_cache = {}


@bp.get("/products")
def list_products():
    cfg = current_app.config
    params = {"category": request.args.get("category"), "page": request.args.get("page", 1)}
    key = (params["category"], params["page"])
    hit = _cache.get(key)
    if hit and hit[0] > time.monotonic():
        return jsonify(hit[1])
    data = get_json(f"{cfg['PIM_API_URL']}/products", params=params, timeout=cfg["PIM_TIMEOUT_S"])
    _cache[key] = (time.monotonic() + cfg["CATALOG_CACHE_TTL_S"], data)
    return jsonify(data)


@bp.get("/products/<sku>")
def get_product(sku):
    cfg = current_app.config
    return jsonify(get_json(f"{cfg['PIM_API_URL']}/products/{sku}", timeout=cfg["PIM_TIMEOUT_S"]))
