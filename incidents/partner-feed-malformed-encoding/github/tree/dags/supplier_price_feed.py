"""Generates one price feed DAG per supplier listed in config/suppliers.yaml."""
from datetime import datetime, timedelta
from pathlib import Path

import yaml
from airflow import DAG
from airflow.operators.python import PythonOperator

from feeds.alerting import page_on_failure
from feeds.tasks import fetch_file, parse_and_load

CONFIG = yaml.safe_load((Path(__file__).parent.parent / "config" / "suppliers.yaml").read_text())

for supplier, cfg in CONFIG["suppliers"].items():
    with DAG(
        dag_id=f"supplier_price_feed_{supplier}",
        schedule=cfg["schedule"],
        start_date=datetime(2026, 1, 1),
        catchup=False,
        default_args={"owner": "data-eng", "retries": 2, "retry_delay": timedelta(minutes=5),
                      "on_failure_callback": page_on_failure},
        tags=["supplier-feed", supplier],
    ) as dag:
        fetch = PythonOperator(task_id="fetch_file", python_callable=fetch_file,
                               op_kwargs={"supplier": supplier, "bucket": cfg["bucket"], "prefix": cfg["prefix"]})
        load = PythonOperator(task_id="parse_and_load", python_callable=parse_and_load,
                              op_kwargs={"supplier": supplier, "bucket": cfg["bucket"], "currency": cfg["currency"]})
        fetch >> load
    globals()[dag.dag_id] = dag
