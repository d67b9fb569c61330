"""gunicorn settings for App Service (startup command: gunicorn --config gunicorn.conf.py "storefront:create_app()")."""
import os

bind = "0.0.0.0:8000"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 120
graceful_timeout = 30
keepalive = 5

accesslog = "-"
errorlog = "-"
loglevel = "info"
# %(M)s = request time in ms, %(p)s = worker pid
access_log_format = '%(h)s - - %(t)s "%(r)s" %(s)s %(b)s "%(a)s" %(M)sms pid=%(p)s'
