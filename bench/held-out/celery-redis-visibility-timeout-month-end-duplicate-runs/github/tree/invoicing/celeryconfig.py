"""Celery configuration for the invoicing workers.

Loaded by ``invoicing.celery_app`` via ``app.config_from_object``.
"""
import os

broker_url = os.environ["CELERY_BROKER_URL"]
result_backend = os.environ.get("CELERY_RESULT_BACKEND", broker_url)
result_expires = 60 * 60 * 24  # results are only read by the run dashboard
broker_connection_retry_on_startup = True

task_serializer = "json"
result_serializer = "json"
accept_content = ["json"]
timezone = "Europe/London"
enable_utc = True

# Month-end invoice builds for large accounts run for up to ~45 minutes.
task_acks_late = True
task_reject_on_worker_lost = True
worker_prefetch_multiplier = 1
worker_max_tasks_per_child = 200

broker_transport_options = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", 900)),
    "fanout_prefix": True,
    "fanout_patterns": True,
    "socket_keepalive": True,
    "health_check_interval": 25,
}

task_routes = {
    "invoicing.tasks.build_account_invoice": {"queue": "month_end"},
    "invoicing.tasks.render_invoice_pdf": {"queue": "pdf"},
    "invoicing.tasks.send_invoice_email": {"queue": "mail"},
}

beat_schedule = {
    "month-end-invoicing": {
        "task": "invoicing.tasks.start_month_end_run",
        "schedule": 0,  # replaced by crontab in celery_app.py
    },
}
