"""Parser for Nordvik Wholesale's nightly stock file (contract: docs/feeds/nordvik.md)."""
import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import IO, Iterator

from feeds.errors import FeedRowError

EXPECTED_COLUMNS = ["supplier_sku", "ean", "warehouse", "on_hand_qty", "reserved_qty", "unit_cost", "currency", "as_of"]


@dataclass(frozen=True)
class StockRow:
    supplier_sku: str
    ean: str
    warehouse: str
    on_hand: int
    reserved: int
    unit_cost: Decimal
    currency: str
    as_of: date


class NordvikStockParser:
    """Streams StockRow objects from the file; the file is ~100k rows and grows every season."""

    def __init__(self, file_name: str):
        self.file_name = file_name

    def parse(self, fh: IO[str]) -> Iterator[StockRow]:
        reader = csv.DictReader(fh, delimiter=";")
        missing = set(EXPECTED_COLUMNS) - set(reader.fieldnames or [])
        if missing:
            raise FeedRowError(self.file_name, 1, f"missing columns {sorted(missing)}")
        for row in reader:
            line_no = reader.line_num
            try:
                yield self._parse_row(row)
            except (ValueError, ArithmeticError) as exc:
                raise FeedRowError(self.file_name, line_no, f"{type(exc).__name__}: {exc}") from exc

    @staticmethod
    def _parse_row(row: dict[str, str]) -> StockRow:
        return StockRow(
            supplier_sku=row["supplier_sku"].strip(),
            ean=row["ean"].strip(),
            warehouse=row["warehouse"].strip(),
            on_hand=int(row["on_hand_qty"]),
            reserved=int(row["reserved_qty"]),
            unit_cost=Decimal(row["unit_cost"]),
            currency=row["currency"].strip().upper(),
            as_of=date.fromisoformat(row["as_of"]),
        )
