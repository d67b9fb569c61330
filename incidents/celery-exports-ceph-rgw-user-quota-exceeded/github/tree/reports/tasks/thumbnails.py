import logging

from reports.celery_app import app
from reports.db import dashboards
from reports.render.previews import screenshot_dashboard
from reports.settings import settings
from reports.storage.uploader import upload_bytes

log = logging.getLogger(__name__)


@app.task
def render_dashboard_previews():
    """Refresh the preview image of dashboards edited since the last run."""
    changed = dashboards.changed_since_last_preview()
    for d in changed:
        png = screenshot_dashboard(d.id)
        upload_bytes(settings.thumbs_bucket, f"{d.org_id}/{d.id}.png", png, content_type="image/png")
        dashboards.mark_previewed(d.id)
    log.info("refreshed %d dashboard previews", len(changed))
