import io
from decimal import Decimal

import pytest

from feeds.errors import FeedRowError
from feeds.nordvik.parser import NordvikStockParser

HEADER = "supplier_sku;ean;warehouse;on_hand_qty;reserved_qty;unit_cost;currency;as_of\n"


def parse(text: str):
    return list(NordvikStockParser("t.csv").parse(io.StringIO(text)))


def test_parses_a_row():
    rows = parse(HEADER + "NV-100;5701234567892;OSL1;12;2;4.35;nok;2026-06-01\n")
    assert rows[0].on_hand == 12
    assert rows[0].unit_cost == Decimal("4.35")
    assert rows[0].currency == "NOK"


def test_bad_quantity_names_the_line():
    with pytest.raises(FeedRowError, match="line 3"):
        parse(HEADER + "NV-1;1;OSL1;1;0;1.00;NOK;2026-06-01\nNV-2;2;OSL1;x;0;1.00;NOK;2026-06-01\n")


def test_header_only_file_yields_nothing():
    assert parse(HEADER) == []


def test_missing_column_is_reported_on_line_1():
    with pytest.raises(FeedRowError, match="line 1: missing columns"):
        parse("supplier_sku;ean;warehouse\nNV-1;1;OSL1\n")
