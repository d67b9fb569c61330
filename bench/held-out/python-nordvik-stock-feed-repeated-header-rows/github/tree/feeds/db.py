import logging
import os
from typing import Iterable

import psycopg

log = logging.getLogger(__name__)


def connect() -> psycopg.Connection:
    dsn = os.environ["INVENTORY_DB_DSN"]
    log.debug("connecting to %s", dsn)
    return psycopg.connect(dsn)


def create_staging(conn: psycopg.Connection) -> None:
    conn.execute("CREATE TEMP TABLE stock_staging (LIKE supplier_stock INCLUDING DEFAULTS) ON COMMIT DROP")


def copy_staging(conn: psycopg.Connection, rows: Iterable) -> None:
    with conn.cursor().copy(
        "COPY stock_staging (supplier, supplier_sku, ean, warehouse, on_hand, reserved, unit_cost, currency, as_of) FROM STDIN"
    ) as copy:
        for r in rows:
            copy.write_row(("nordvik", r.supplier_sku, r.ean, r.warehouse, r.on_hand, r.reserved, r.unit_cost, r.currency, r.as_of))


def swap_supplier_stock(conn: psycopg.Connection, supplier: str) -> int:
    conn.execute("DELETE FROM supplier_stock WHERE supplier = %s", (supplier,))
    cur = conn.execute("INSERT INTO supplier_stock SELECT * FROM stock_staging")
    return cur.rowcount
