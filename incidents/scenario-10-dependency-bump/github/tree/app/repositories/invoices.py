"""Invoice queries.

Plain SQL on purpose: finance reviews these statements as they are written here.
Parameters use the psycopg2 style, %(name)s.
"""
import logging
from datetime import date

from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)

OPEN_INVOICES_SQL = """
    SELECT i.id, i.number, i.issued_on, i.due_on, i.currency, i.amount_due, i.status
      FROM invoices i
     WHERE i.customer_id = %(customer_id)s
       AND i.status IN ('open', 'overdue')
     ORDER BY i.due_on
"""

INVOICE_SQL = """
    SELECT i.id, i.number, i.customer_id, i.issued_on, i.due_on, i.currency,
           i.amount_total, i.amount_due, i.status
      FROM invoices i
     WHERE i.id = %(invoice_id)s
"""

OVERDUE_INVOICES_SQL = """
    SELECT i.id, i.customer_id, i.number, i.due_on, i.amount_due, i.currency
      FROM invoices i
     WHERE i.status = 'open'
       AND i.due_on < %(as_of)s
       AND NOT EXISTS (SELECT 1 FROM dunning_reminders r
                        WHERE r.invoice_id = i.id AND r.sent_on = %(as_of)s)
"""


def fetch_open_invoices(conn: Connection, customer_id: str) -> list[dict]:
    result = conn.execute(OPEN_INVOICES_SQL, {"customer_id": customer_id})
    return [dict(row) for row in result]


def fetch_invoice(conn: Connection, invoice_id: str) -> dict | None:
    row = conn.execute(INVOICE_SQL, {"invoice_id": invoice_id}).first()
    return dict(row) if row is not None else None


def fetch_overdue_invoices(conn: Connection, as_of: date) -> list[dict]:
    result = conn.execute(OVERDUE_INVOICES_SQL, {"as_of": as_of})
    rows = [dict(row) for row in result]
    log.debug("found %d overdue invoices as of %s", len(rows), as_of)
    return rows
