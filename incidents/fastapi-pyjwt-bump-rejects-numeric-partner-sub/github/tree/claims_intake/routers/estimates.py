from __future__ import annotations

import logging
from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, Field, model_validator
from sqlalchemy.ext.asyncio import AsyncSession

from claims_intake.auth.deps import Principal, require_scope
from claims_intake.db import get_session
from claims_intake.estimates import repository

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v2/claims", tags=["estimates"])


class LineItem(BaseModel):
    code: str = Field(min_length=2, max_length=32)
    description: str = Field(max_length=200)
    parts_amount: Decimal = Field(ge=0, decimal_places=2)
    labour_hours: Decimal = Field(ge=0, le=400, decimal_places=2)
    labour_rate: Decimal = Field(ge=0, decimal_places=2)


class EstimateIn(BaseModel):
    currency: str = Field(pattern="^(GBP|EUR)$")
    line_items: list[LineItem] = Field(min_length=1, max_length=400)
    notes: str | None = Field(default=None, max_length=2000)

    @model_validator(mode="after")
    def _no_duplicate_codes(self) -> "EstimateIn":
        codes = [li.code for li in self.line_items]
        if len(codes) != len(set(codes)):
            raise ValueError("duplicate line item code")
        return self


class EstimateOut(BaseModel):
    estimate_id: str
    claim_id: str
    total: Decimal
    status: str


@router.post("/{claim_id}/estimates", status_code=status.HTTP_201_CREATED)
async def submit_estimate(
    claim_id: str,
    body: EstimateIn,
    principal: Principal = Depends(require_scope("estimates:write")),
    session: AsyncSession = Depends(get_session),
) -> EstimateOut:
    claim = await repository.get_claim(session, claim_id)
    if claim is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "claim not found")
    total = sum((li.parts_amount + li.labour_hours * li.labour_rate for li in body.line_items), Decimal("0"))
    estimate = await repository.add_estimate(session, claim, body, submitted_by=str(principal), total=total)
    log.info("estimate stored", extra={"claim": claim_id, "principal": str(principal),
                                       "lines": len(body.line_items), "total": str(total)})
    return EstimateOut(estimate_id=estimate.id, claim_id=claim_id, total=total, status=estimate.status)
