from fastapi import APIRouter, HTTPException

from labels.carriers import registry
from labels.carriers.base import LabelRequest

router = APIRouter()


@router.post("/v1/labels")
def create_label(req: LabelRequest):
    client = registry.get(req.carrier)
    if client is None:
        raise HTTPException(status_code=422, detail=f"unknown carrier {req.carrier}")
    label = client.create_label(req)
    if not label.pdf_base64:
        raise HTTPException(status_code=502, detail=f"{req.carrier} returned an empty label")
    return {"carrier": label.carrier, "tracking_number": label.tracking_number, "label": label.pdf_base64}
