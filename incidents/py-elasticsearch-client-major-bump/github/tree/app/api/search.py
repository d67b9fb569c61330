import logging

from elasticsearch import Elasticsearch
from fastapi import APIRouter, Depends, HTTPException, Query

from app.search.client import get_es
from app.search.query_builder import build_listing_query
from app.settings import settings

router = APIRouter()
log = logging.getLogger(__name__)


@router.get("/v1/listings/search")
def search_listings(
    city: str,
    min_price: int | None = None,
    max_price: int | None = None,
    bedrooms: int | None = Query(default=None, ge=0, le=10),
    virtual_tour: bool = False,
    sort: str = Query(default="newest", pattern="^(newest|price_asc|price_desc)$"),
    page: int = Query(default=1, ge=1, le=100),
    es: Elasticsearch = Depends(get_es),
) -> dict:
    body = build_listing_query(city=city, min_price=min_price, max_price=max_price, bedrooms=bedrooms,
                               virtual_tour=virtual_tour, sort=sort)
    try:
        resp = es.search(index=settings.listings_index, body=body, size=settings.page_size,
                         from_=(page - 1) * settings.page_size, track_total_hits=True)
    except Exception as exc:
        log.exception("search backend error")
        raise HTTPException(status_code=503, detail="search temporarily unavailable", headers={"Retry-After": "30"}) from exc
    hits = resp["hits"]
    return {"total": hits["total"]["value"], "page": page, "sort": sort, "results": [h["_source"] for h in hits["hits"]]}
