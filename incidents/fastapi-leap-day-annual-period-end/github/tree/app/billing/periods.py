"""Billing period arithmetic for membership plans."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from app.plans import Plan, PlanInterval


def add_months(d: date, months: int) -> date:
    """Return the same day ``months`` later.

    Clamped to the last day of the target month (Jan 31 + 1 month -> Feb 28/29).
    """
    month_index = d.month - 1 + months
    year, month = d.year + month_index // 12, month_index % 12 + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return d.replace(year=year, month=month, day=day)


def add_years(d: date, years: int) -> date:
    """Return the same day ``years`` later."""
    return d.replace(year=d.year + years)


@dataclass(frozen=True)
class BillingPeriod:
    """A billing period; ``end`` is exclusive."""

    start: date
    end: date


def billing_period(plan: Plan, start: date) -> BillingPeriod:
    """The first billing period of ``plan`` starting on ``start``."""
    if plan.interval is PlanInterval.MONTHLY:
        return BillingPeriod(start, add_months(start, 1))
    if plan.interval is PlanInterval.ANNUAL:
        return BillingPeriod(start, add_years(start, 1))
    raise ValueError(f"unknown plan interval {plan.interval!r}")
