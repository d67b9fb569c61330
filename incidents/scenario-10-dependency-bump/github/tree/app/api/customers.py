"""Customer endpoints."""
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.engine import Connection

from app.db import get_conn
from app.repositories import customers as customers_repo

router = APIRouter(prefix="/v1", tags=["customers"])


@router.get("/customers/{customer_id}")
def get_customer(customer_id: str, conn: Connection = Depends(get_conn)):
    customer = customers_repo.fetch_customer(conn, customer_id)
    if customer is None:
        raise HTTPException(status_code=404, detail="customer not found")
    return customer
