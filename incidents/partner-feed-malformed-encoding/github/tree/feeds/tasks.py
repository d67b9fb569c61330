"""Task callables used by the supplier price feed DAGs."""
import hashlib
import logging
import subprocess
import tempfile

from airflow.providers.amazon.aws.hooks.s3 import S3Hook
from airflow.providers.postgres.hooks.postgres import PostgresHook

from feeds.parsers import price_feed

log = logging.getLogger(__name__)


def latest_key(bucket: str, prefix: str, ds_nodash: str) -> str:
    return f"{prefix}{ds_nodash}.csv"


def fetch_file(supplier: str, bucket: str, prefix: str, ds_nodash: str, **_) -> str:
    key = latest_key(bucket, prefix, ds_nodash)
    raw = S3Hook("aws_supplier_inbound").get_key(key, bucket).get()["Body"].read()
    with tempfile.NamedTemporaryFile(suffix=".csv") as fh:
        fh.write(raw)
        fh.flush()
        mime = subprocess.run(["file", "-b", "--mime", fh.name], capture_output=True, text=True).stdout.strip()
    log.info("fetched s3://%s/%s (%d bytes, sha256 %s, %s)", bucket, key, len(raw), hashlib.sha256(raw).hexdigest()[:16], mime)
    return key


def parse_and_load(supplier: str, bucket: str, currency: str, ti=None, **_) -> int:
    key = ti.xcom_pull(task_ids="fetch_file")
    raw = S3Hook("aws_supplier_inbound").get_key(key, bucket).get()["Body"].read()
    lines = price_feed.parse(raw, currency)
    pg = PostgresHook("pricing_db")
    pg.insert_rows(
        "staging.supplier_prices",
        [(supplier, l.gtin, l.article_no, l.description, l.unit, l.price, currency, l.valid_from) for l in lines],
        target_fields=["supplier", "gtin", "article_no", "description", "unit", "price", "currency", "valid_from"],
        commit_every=5000,
    )
    log.info("loaded %d rows into staging.supplier_prices for %s", len(lines), supplier)
    return len(lines)
