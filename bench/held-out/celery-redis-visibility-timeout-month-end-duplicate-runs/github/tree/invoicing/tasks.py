import structlog
from celery import shared_task
from sqlalchemy.exc import IntegrityError

from invoicing.db import session_scope
from invoicing.models import Account, Invoice, InvoiceLine
from invoicing.pricing import rate_usage
from invoicing.periods import previous_period

log = structlog.get_logger(__name__)


@shared_task
def start_month_end_run():
    period = previous_period()
    with session_scope() as s:
        account_ids = [a.id for a in s.query(Account.id).filter(Account.billing_active.is_(True))]
    log.info("month-end run starting", period=str(period), accounts=len(account_ids))
    for account_id in account_ids:
        build_account_invoice.delay(account_id, period.start.isoformat(), period.end.isoformat())


@shared_task(bind=True, max_retries=3, default_retry_delay=120)
def build_account_invoice(self, account_id, period_start, period_end):
    log.info("building invoice", account_id=account_id, period_start=period_start)
    with session_scope() as s:
        account = s.get(Account, account_id)
        lines = []
        for usage in account.usage_between(period_start, period_end):
            lines.append(InvoiceLine(**rate_usage(account.plan, usage)))
        invoice = Invoice(
            account_id=account_id,
            period_start=period_start,
            period_end=period_end,
            number=Invoice.next_number(s),
            lines=lines,
        )
        s.add(invoice)
        try:
            s.flush()
        except IntegrityError as exc:
            s.rollback()
            log.error(
                "invoice insert conflict",
                account_id=account_id,
                period_start=period_start,
                constraint=getattr(getattr(exc.orig, "diag", None), "constraint_name", None),
            )
            raise
        invoice_id = invoice.id
    render_invoice_pdf.delay(invoice_id)
    return invoice_id


@shared_task(bind=True, max_retries=5, default_retry_delay=30)
def render_invoice_pdf(self, invoice_id):
    from invoicing.pdf import render
    render(invoice_id)
    send_invoice_email.delay(invoice_id)


@shared_task(bind=True, max_retries=5, default_retry_delay=60)
def send_invoice_email(self, invoice_id):
    from invoicing.mail import send_invoice
    send_invoice(invoice_id)
