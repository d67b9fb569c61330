"""Nightly Nordvik stock sync: fetch the partner file, parse it, replace Nordvik's supplier stock."""
import argparse
import logging
import sys
import time
from datetime import date, datetime, timezone

from feeds import db, sftp
from feeds.logging_setup import configure_logging
from feeds.nordvik.parser import NordvikStockParser
from feeds.util import chunked

log = logging.getLogger("feeds.jobs.nightly_stock")

BATCH_SIZE = 2000
REMOTE_DIR = "outgoing"


def run(feed_date: date) -> dict:
    file_name = f"nordvik_stock_{feed_date:%Y%m%d}.csv"
    local = sftp.fetch(REMOTE_DIR, file_name)
    log.info("fetched feed file", extra={"feed": "nordvik", "file": file_name, "bytes": local.stat().st_size})

    parser = NordvikStockParser(file_name)
    rows = 0
    started = time.monotonic()
    with db.connect() as conn, conn.transaction():
        db.create_staging(conn)
        with local.open(newline="", encoding="utf-8") as fh:
            for batch in chunked(parser.parse(fh), BATCH_SIZE):
                db.copy_staging(conn, batch)
                rows += len(batch)
                if rows % 20000 == 0:
                    log.info("staged rows", extra={"feed": "nordvik", "file": file_name, "rows": rows})
        replaced = db.swap_supplier_stock(conn, supplier="nordvik")
    return {"file": file_name, "rows": rows, "replaced": replaced, "seconds": round(time.monotonic() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--feed-date", type=date.fromisoformat, default=datetime.now(timezone.utc).date())
    args = ap.parse_args(argv)
    configure_logging()
    log.info("stock sync starting", extra={"feed": "nordvik", "feed_date": args.feed_date})
    stats = run(args.feed_date)
    log.info("stock sync finished", extra={"feed": "nordvik", **stats})
    return 0


if __name__ == "__main__":
    sys.exit(main())
