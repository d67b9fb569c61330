"""Dunning: remind customers of invoices past their due date, once a day each."""
import logging
from datetime import date

from app.db import engine
from app.repositories import invoices as invoices_repo

log = logging.getLogger("billing.jobs.dunning")

REMINDER_SQL = """
    INSERT INTO dunning_reminders (invoice_id, sent_on, channel)
    VALUES (%(invoice_id)s, %(sent_on)s, 'email')
    ON CONFLICT (invoice_id, sent_on) DO NOTHING
"""


def run_dunning() -> int:
    """Queue one reminder per overdue invoice not reminded today; return how many."""
    today = date.today()
    with engine.begin() as conn:
        overdue = invoices_repo.fetch_overdue_invoices(conn, as_of=today)
        for invoice in overdue:
            conn.execute(REMINDER_SQL, {"invoice_id": invoice["id"], "sent_on": today})
    log.info("dunning run queued %d reminders", len(overdue))
    return len(overdue)
