"""Response models shared by the endpoints."""
from datetime import date
from decimal import Decimal

from pydantic import BaseModel


class InvoiceSummary(BaseModel):
    id: str
    number: str
    issued_on: date
    due_on: date
    currency: str
    amount_due: Decimal
    status: str

    class Config:
        orm_mode = True
