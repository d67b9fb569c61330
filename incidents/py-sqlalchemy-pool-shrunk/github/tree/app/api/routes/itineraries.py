from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.orm import Session

from app.db.session import get_db
from app.repositories import itineraries as repo
from app.schemas import ItineraryOut, SegmentOut, ShareLinkOut
from app.services.fares import FaresClient, get_fares_client
from app.services.share_links import issue_share_link

router = APIRouter(tags=["itineraries"])


@router.get("/itineraries/{itinerary_id}", response_model=ItineraryOut)
def get_itinerary(itinerary_id: str, db: Session = Depends(get_db)) -> ItineraryOut:
    itinerary = repo.get(db, itinerary_id)
    if itinerary is None:
        raise HTTPException(status_code=404, detail="itinerary not found")
    return ItineraryOut.model_validate(itinerary)


@router.get("/itineraries/{itinerary_id}/segments", response_model=list[SegmentOut])
def list_segments(
    itinerary_id: str,
    db: Session = Depends(get_db),
    fares: FaresClient = Depends(get_fares_client),
) -> list[SegmentOut]:
    segments = repo.segments(db, itinerary_id)
    quotes = fares.quote_many([s.fare_key for s in segments if s.fare_key])
    return [SegmentOut.from_segment(s, quotes.get(s.fare_key)) for s in segments]


@router.post("/itineraries/{itinerary_id}/share-link", response_model=ShareLinkOut, status_code=201)
def create_share_link(itinerary_id: str, db: Session = Depends(get_db)) -> ShareLinkOut:
    itinerary = repo.get(db, itinerary_id)
    if itinerary is None:
        raise HTTPException(status_code=404, detail="itinerary not found")
    return issue_share_link(itinerary)
