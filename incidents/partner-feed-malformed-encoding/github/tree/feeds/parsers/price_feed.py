"""Parser for supplier price feeds (CSV, one line per article).

Header: gtin;article_no;description;unit;price;valid_from
"""
import csv
import io
import logging
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

log = logging.getLogger(__name__)

EXPECTED_HEADER = ["gtin", "article_no", "description", "unit", "price", "valid_from"]


@dataclass
class PriceLine:
    gtin: str
    article_no: str
    description: str
    unit: str
    price: Decimal
    valid_from: date


def _price(text: str) -> Decimal:
    """Suppliers write decimal commas ("12,50")."""
    return Decimal(text.replace(",", "."))


class UndecodableFeed(ValueError):
    """The file is not UTF-8 (the agreed format); it is quarantined, not guessed."""


def parse(raw: bytes, currency: str) -> list[PriceLine]:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UndecodableFeed(f"feed is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from exc
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", newline="")
    reader = csv.reader(stream, delimiter=";")
    header = next(reader)
    if header[:6] != EXPECTED_HEADER:
        raise ValueError(f"unexpected header: {header!r}")
    lines: list[PriceLine] = []
    for lineno, row in enumerate(reader, start=2):
        if not row:
            continue
        gtin, article_no, description, unit, price, valid_from = row[:6]
        lines.append(PriceLine(gtin, article_no, description.strip(), unit, _price(price), date.fromisoformat(valid_from)))
        if lineno % 20000 == 0:
            log.info(f"parsed {lineno} lines")
    log.info(f"parsed {len(lines)} price lines ({currency})")
    return lines
