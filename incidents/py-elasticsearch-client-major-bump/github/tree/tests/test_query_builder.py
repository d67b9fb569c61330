from app.search.query_builder import build_listing_query


def test_price_range() -> None:
    q = build_listing_query(city="Bristol", min_price=200000, max_price=350000, bedrooms=None)
    assert {"range": {"price": {"gte": 200000, "lte": 350000}}} in q["query"]["bool"]["filter"]


def test_sort_price_asc() -> None:
    q = build_listing_query(city="Bristol", min_price=None, max_price=None, bedrooms=None, sort="price_asc")
    assert q["sort"][0] == {"price": "asc"}
