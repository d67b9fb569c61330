import multiprocessing
import platform

import django

bind = "0.0.0.0:8000"
workers = int(__import__("os").environ.get("WEB_CONCURRENCY", 4))
worker_class = "uvicorn.workers.UvicornWorker"
timeout = 60
graceful_timeout = 20
accesslog = None


def on_starting(server):
    server.log.info(
        "appointments-web %s starting (python %s, django %s)",
        __import__("os").environ.get("APP_VERSION", "dev"),
        platform.python_version(),
        django.get_version(),
    )
