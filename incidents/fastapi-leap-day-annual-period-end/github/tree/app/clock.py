"""The business day is the gym's local day (all clubs are on Pacific time)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

BUSINESS_TZ = ZoneInfo("America/Los_Angeles")


def business_today() -> date:
    return datetime.now(BUSINESS_TZ).date()
