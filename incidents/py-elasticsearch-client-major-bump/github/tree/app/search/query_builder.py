def build_listing_query(*, city: str, min_price: int | None, max_price: int | None,
                        bedrooms: int | None, virtual_tour: bool = False, sort: str = "newest") -> dict:
    filters: list[dict] = [{"term": {"city.keyword": city}}, {"term": {"status": "active"}}]
    if min_price is not None or max_price is not None:
        rng: dict = {}
        if min_price is not None:
            rng["gte"] = min_price
        if max_price is not None:
            rng["lte"] = max_price
        filters.append({"range": {"price": rng}})
    if bedrooms is not None:
        filters.append({"range": {"bedrooms": {"gte": bedrooms}}})
    if virtual_tour:
        filters.append({"term": {"has_virtual_tour": True}})
    return {"query": {"bool": {"filter": filters}}, "sort": SORTS[sort]}


SORTS: dict[str, list[dict]] = {
    "newest": [{"listed_at": "desc"}],
    "price_asc": [{"price": "asc"}, {"listed_at": "desc"}],
    "price_desc": [{"price": "desc"}, {"listed_at": "desc"}],
}
