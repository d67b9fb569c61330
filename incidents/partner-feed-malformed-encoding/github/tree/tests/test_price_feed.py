from decimal import Decimal

from feeds.parsers import price_feed

SAMPLE = "gtin;article_no;description;unit;price;valid_from\n07310865001818;100182;Mellanmjölk 1,5% 1 l;st;14,50;2026-10-14\n".encode("utf-8")


def test_parse_sample():
    lines = price_feed.parse(SAMPLE, "SEK")
    assert lines[0].price == Decimal("14.50")
    assert lines[0].description == "Mellanmjölk 1,5% 1 l"
