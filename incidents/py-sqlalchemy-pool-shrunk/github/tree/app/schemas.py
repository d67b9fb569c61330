from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class TravellerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    first_name: str
    last_name: str


class ItineraryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    public_id: str
    title: str
    starts_on: datetime
    ends_on: datetime
    travellers: list[TravellerOut]


class SegmentOut(BaseModel):
    kind: str
    origin: str
    destination: str
    departs_at: datetime
    arrives_at: datetime
    fare_amount: Decimal | None = None
    fare_currency: str | None = None

    @classmethod
    def from_segment(cls, segment, quote: dict | None) -> "SegmentOut":
        return cls(
            kind=segment.kind,
            origin=segment.origin,
            destination=segment.destination,
            departs_at=segment.departs_at,
            arrives_at=segment.arrives_at,
            fare_amount=Decimal(quote["amount"]) if quote else None,
            fare_currency=quote["currency"] if quote else None,
        )


class ShareLinkOut(BaseModel):
    url: str
    expires_at: datetime
