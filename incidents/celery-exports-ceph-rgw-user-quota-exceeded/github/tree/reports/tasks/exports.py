import logging

from botocore.exceptions import ClientError, EndpointConnectionError

from reports.celery_app import app
from reports.db import exports as repo
from reports.render import render_export
from reports.settings import settings
from reports.storage.uploader import upload_bytes

log = logging.getLogger(__name__)


@app.task
def enqueue_scheduled():
    due = repo.due_scheduled_exports()
    for e in due:
        build_export.delay(e.id)
    log.info("enqueued %d scheduled exports", len(due))


@app.task(bind=True, autoretry_for=(ClientError, EndpointConnectionError), retry_backoff=60, max_retries=5)
def build_export(self, export_id: str):
    export = repo.get(export_id)
    repo.mark_running(export_id)
    fmt, payload = render_export(export)
    key = f"{export.org_id}/{export.id}.{fmt.ext}"
    try:
        url = upload_bytes(settings.exports_bucket, key, payload, content_type=fmt.mime,
                           filename=f"{export.title} {export.created_at:%Y-%m-%d}.{fmt.ext}")
    except ClientError:
        repo.mark_failed(export_id, "storage unavailable, we will retry")
        raise
    repo.mark_done(export_id, url, size=len(payload))
    log.info("export %s done org=%s format=%s rows=%d bytes=%d", export_id, export.org_id, fmt.ext,
             export.row_count, len(payload))
