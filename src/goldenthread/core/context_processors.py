from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

import goldenthread
from goldenthread.core.clock import fixed_today
from goldenthread.core.views import PLOTLY_VERSION


def product(request: HttpRequest) -> dict[str, Any]:
    """What every page's layout needs: the product's name, the cycles the user may see
    for the switcher (read only if the page draws the switcher), the cycle being looked
    at, and whether the user may search the audit log."""
    from goldenthread.core.permissions import can_search_audit
    from goldenthread.plans.selectors import cycle_list

    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    current = match.kwargs.get("cycle_code") if match is not None else None
    return {
        "product_name": "Golden Thread",
        "product_version": goldenthread.__version__,
        "plotly_version": PLOTLY_VERSION,
        "switcher_cycles": SimpleLazyObject(lambda: cycle_list(user)),
        "current_cycle_code": current,
        "may_search_audit": SimpleLazyObject(lambda: can_search_audit(user)),
        "fixed_today": fixed_today(),
    }
