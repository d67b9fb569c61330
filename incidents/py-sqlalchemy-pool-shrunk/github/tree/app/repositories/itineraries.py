from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models import Itinerary, Segment


def get(db: Session, itinerary_id: str) -> Itinerary | None:
    stmt = select(Itinerary).where(Itinerary.public_id == itinerary_id).options(selectinload(Itinerary.travellers))
    return db.scalars(stmt).first()


def segments(db: Session, itinerary_id: str) -> Sequence[Segment]:
    stmt = (
        select(Segment)
        .join(Itinerary)
        .where(Itinerary.public_id == itinerary_id)
        .order_by(Segment.departs_at)
    )
    return db.scalars(stmt).all()
