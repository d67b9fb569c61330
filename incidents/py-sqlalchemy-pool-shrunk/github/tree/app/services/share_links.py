from datetime import UTC, datetime, timedelta

from itsdangerous import URLSafeTimedSerializer

from app.core.config import get_settings
from app.models import Itinerary
from app.schemas import ShareLinkOut

_settings = get_settings()
_signer = URLSafeTimedSerializer(_settings.share_link_secret, salt="itinerary-share")


def issue_share_link(itinerary: Itinerary) -> ShareLinkOut:
    token = _signer.dumps({"itinerary": itinerary.public_id})
    expires = datetime.now(UTC) + timedelta(hours=_settings.share_link_ttl_hours)
    return ShareLinkOut(url=f"https://trips.pennant.example/s/{token}", expires_at=expires)
