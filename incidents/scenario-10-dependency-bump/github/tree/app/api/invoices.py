"""Invoice endpoints."""
import logging

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from app.db import get_conn
from app.repositories import invoices as invoices_repo

router = APIRouter(prefix="/v1", tags=["invoices"])
log = logging.getLogger("billing.api.invoices")


@router.get("/customers/{customer_id}/invoices/open")
def list_open_invoices(customer_id: str, conn: Connection = Depends(get_conn)):
    try:
        rows = invoices_repo.fetch_open_invoices(conn, customer_id=customer_id)
    except SQLAlchemyError:
        log.exception("open invoices query failed for %s", customer_id)
        raise HTTPException(status_code=503, detail="invoices temporarily unavailable",
                            headers={"Retry-After": "30"})
    return {"customer_id": customer_id, "invoices": rows, "count": len(rows)}


@router.get("/invoices/{invoice_id}")
def get_invoice(invoice_id: str, conn: Connection = Depends(get_conn)):
    invoice = invoices_repo.fetch_invoice(conn, invoice_id)
    if invoice is None:
        raise HTTPException(status_code=404, detail="invoice not found")
    return invoice
