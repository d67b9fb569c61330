#!/usr/bin/env bash
# Post-deploy smoke test, run by the deploy job on each host before it is put back
# behind the load balancer.
set -euo pipefail
. /etc/orders-service/production.env
curl -fsS http://127.0.0.1:8000/healthz >/dev/null
/srv/orders/venv/bin/python /srv/orders/app/manage.py shell -c \
  "from django.db import connections; connections['default'].ensure_connection(); connections['replica'].ensure_connection()"
echo "smoke ok: $(hostname)"
