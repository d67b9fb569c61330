import requests

from labels.carriers.base import CarrierClient, LabelRequest, Label


class ParcelNetClient(CarrierClient):
    code = "parcelnet"
    base_url = "https://api.parcelnet.co.uk"

    def __init__(self, session: requests.Session | None = None):
        self.session = session or requests.Session()

    def create_label(self, req: LabelRequest) -> Label:
        resp = self.session.post(f"{self.base_url}/labels", json=req.to_parcelnet(), timeout=(3.05, 15))
        resp.raise_for_status()
        body = resp.json()
        return Label(carrier=self.code, tracking_number=body["tracking"], pdf_base64=body["pdf"])
