from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Itinerary(Base):
    __tablename__ = "itineraries"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(16), unique=True, index=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[datetime]
    ends_on: Mapped[datetime]
    travellers: Mapped[list["Traveller"]] = relationship(back_populates="itinerary")
    segments: Mapped[list["Segment"]] = relationship(back_populates="itinerary")


class Traveller(Base):
    __tablename__ = "travellers"

    id: Mapped[int] = mapped_column(primary_key=True)
    itinerary_id: Mapped[int] = mapped_column(ForeignKey("itineraries.id"))
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    itinerary: Mapped[Itinerary] = relationship(back_populates="travellers")


class Segment(Base):
    __tablename__ = "segments"

    id: Mapped[int] = mapped_column(primary_key=True)
    itinerary_id: Mapped[int] = mapped_column(ForeignKey("itineraries.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    origin: Mapped[str] = mapped_column(String(8))
    destination: Mapped[str] = mapped_column(String(8))
    departs_at: Mapped[datetime]
    arrives_at: Mapped[datetime]
    fare_key: Mapped[str | None] = mapped_column(String(64))
    itinerary: Mapped[Itinerary] = relationship(back_populates="segments")
