import structlog
import requests

from labels.carriers.base import CarrierClient, LabelRequest, Label
from labels.settings import settings

log = structlog.get_logger(__name__)


class NordFreightClient(CarrierClient):
    code = "nordfreight"
    base_url = "https://api.nordfreight.eu"

    def __init__(self, session: requests.Session | None = None):
        self.session = session or requests.Session()
        self.session.headers["Authorization"] = f"Bearer {settings.nordfreight_token}"

    def create_label(self, req: LabelRequest) -> Label:
        try:
            resp = self.session.post(
                f"{self.base_url}/v3/labels",
                json=req.to_nordfreight_v3(),
                timeout=(3.05, 20),
            )
        except requests.exceptions.SSLError:
            log.error("nordfreight tls handshake failed", host="api.nordfreight.eu")
            raise
        resp.raise_for_status()
        body = resp.json()
        return Label(
            carrier=self.code,
            tracking_number=body["shipment"]["trackingNumber"],
            pdf_base64=body["documents"][0]["content"],
        )
