import json
import os
import urllib.request


def page_on_failure(context):
    ti = context["task_instance"]
    body = {
        "title": f"[P3] Airflow: {ti.dag_id}.{ti.task_id} failed after {ti.try_number - 1} attempts",
        "severity": "P3",
        "service": "supplier-feeds",
        "environment": "production",
        "alert_source": "airflow",
        "labels": {"dag_id": ti.dag_id, "task_id": ti.task_id, "run_id": context["run_id"]},
    }
    req = urllib.request.Request(os.environ["INCIDENT_WEBHOOK_URL"], data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=10)
