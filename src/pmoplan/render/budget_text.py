"""How much of a plan's cost is known, and its converted total, in words (budget honesty).

A plan converts every known price to its currency; items without a price are counted, never
shown as zero. These phrases are shared by the terminal, Markdown and HTML views of a plan.
"""

from __future__ import annotations

from collections.abc import Mapping

from pmoplan.plan_models import Plan
from pmoplan.render.listing import money


def coverage_text(priced: int, unpriced: int) -> str:
    """``budget applied to 14 of 17 items; 3 unpriced`` (``1 of 1 item`` when every price is known)."""
    total = priced + unpriced
    text = f"budget applied to {priced} of {total} item{'s' if total != 1 else ''}"
    return f"{text}; {unpriced} unpriced" if unpriced else text


def plan_coverage_text(plan: Plan) -> str:
    """:func:`coverage_text` for a whole plan (an item with a known price is converted and counted)."""
    priced = sum(item.cost is not None for year in plan.years for item in year.items)
    return coverage_text(priced, plan.totals.unpriced_items)


def plan_budget_text(plan: Plan) -> str:
    """The heading's budget phrase: ``budget £1,500/year, applied to 4 of 6 items; 2 unpriced``."""
    request = plan.request
    if request.budget_per_year is None:
        return ""
    coverage = plan_coverage_text(plan).removeprefix("budget ")
    return f"budget {money(request.budget_per_year, plan.currency)}/year, {coverage}"


def converted_suffix(costs: Mapping[str, float], converted: float, currency: str) -> str:
    """`` (£735)``, the total converted to the plan's currency, when some cost is in another currency."""
    if not costs or set(costs) == {currency}:
        return ""
    return f" ({money(round(converted), currency)})"
