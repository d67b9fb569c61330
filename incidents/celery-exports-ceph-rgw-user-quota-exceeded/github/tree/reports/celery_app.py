from celery import Celery
from celery.schedules import crontab

from reports.settings import settings

app = Celery("reports", broker=settings.broker_url, include=[
    "reports.tasks.exports", "reports.tasks.thumbnails", "reports.tasks.housekeeping",
])
app.conf.update(
    task_acks_late=True,
    worker_prefetch_multiplier=1,
    task_routes={
        "reports.tasks.exports.*": {"queue": "exports"},
        "reports.tasks.thumbnails.*": {"queue": "thumbs"},
        "reports.tasks.housekeeping.*": {"queue": "housekeeping"},
    },
    beat_schedule={
        "scheduled-exports": {"task": "reports.tasks.exports.enqueue_scheduled", "schedule": crontab(minute=0, hour=2)},
        "dashboard-previews": {"task": "reports.tasks.thumbnails.render_dashboard_previews", "schedule": crontab(minute="*/5")},
        "purge-expired-exports": {"task": "reports.tasks.housekeeping.purge_expired_exports", "schedule": crontab(minute=30, hour=1)},
        "storage-usage": {"task": "reports.tasks.housekeeping.report_storage_usage", "schedule": crontab(minute="*/30")},
    },
)
