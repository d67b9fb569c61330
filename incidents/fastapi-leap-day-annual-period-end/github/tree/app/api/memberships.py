import logging
from datetime import date

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from app.billing import pricing
from app.billing.periods import billing_period
from app.clock import business_today
from app.db import get_session
from app.repositories import members, plans
from app.schemas import MembershipCreate, MembershipOut, QuoteOut

log = logging.getLogger("membership.api")
router = APIRouter(prefix="/v1")

MAX_START_AHEAD_DAYS = 90


@router.post("/memberships", status_code=201)
async def create_membership(body: MembershipCreate, db: AsyncSession = Depends(get_session)) -> MembershipOut:
    plan = await plans.get(db, body.plan_code)
    today = business_today()
    start = body.start_date or today
    if not (today <= start and (start - today).days <= MAX_START_AHEAD_DAYS):
        raise HTTPException(422, f"start_date {start} out of range: must be between {today} and {MAX_START_AHEAD_DAYS} days ahead")
    period = billing_period(plan, start=start)
    price = pricing.first_invoice(plan, period, family_size=body.family_size)
    membership = await members.create(db, body.member_id, plan, period, price)
    log.info("membership created member=%s plan=%s start=%s end=%s", body.member_id, plan.code, period.start, period.end)
    return MembershipOut.from_model(membership)


@router.get("/plans/{plan_code}/quote")
async def quote(plan_code: str, start: date | None = None, db: AsyncSession = Depends(get_session)) -> QuoteOut:
    plan = await plans.get(db, plan_code)
    period = billing_period(plan, start=start or business_today())
    return QuoteOut(plan=plan.code, start=period.start, end=period.end, price=pricing.first_invoice(plan, period))
