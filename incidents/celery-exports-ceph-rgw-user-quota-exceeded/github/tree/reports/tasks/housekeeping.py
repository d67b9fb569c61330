import logging
from datetime import datetime, timedelta, timezone

from reports.celery_app import app
from reports.db import exports as repo
from reports.settings import settings
from reports.storage import rgw_admin
from reports.storage.uploader import client

log = logging.getLogger(__name__)


@app.task
def purge_expired_exports():
    cutoff = datetime.now(timezone.utc) - timedelta(days=settings.export_retention_days)
    keys = repo.expired_keys(cutoff)
    for chunk in range(0, len(keys), 1000):
        batch = keys[chunk:chunk + 1000]
        client().delete_objects(Bucket=settings.exports_bucket, Delete={"Objects": [{"Key": k} for k in batch]})
    repo.mark_purged(keys)
    log.info("purged %d expired exports older than %s", len(keys), cutoff.date())


@app.task
def report_storage_usage():
    """Read-only: the storage team owns the RGW quota; we only report it."""
    u = rgw_admin.user_usage("reporting-svc")
    pct = 100.0 * u.size_kb_actual / u.max_size_kb if u.max_size_kb > 0 else 0.0
    level = logging.WARNING if pct >= 90 else logging.INFO
    log.log(level, "rgw usage user=%s size_kb_actual=%d max_size_kb=%d (%.1f%%) objects=%d",
            u.user, u.size_kb_actual, u.max_size_kb, pct, u.num_objects)
