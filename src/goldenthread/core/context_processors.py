from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

import goldenthread
from goldenthread.core.views import PLOTLY_VERSION


def product(request: HttpRequest) -> dict[str, Any]:
    """What every page's layout needs: the product's name, the cycles for the switcher
    (read only if the page draws the switcher) and the cycle being looked at."""
    from goldenthread.plans.selectors import cycle_list

    match = getattr(request, "resolver_match", None)
    current = match.kwargs.get("cycle_code") if match is not None else None
    return {
        "product_name": "Golden Thread",
        "product_version": goldenthread.__version__,
        "plotly_version": PLOTLY_VERSION,
        "switcher_cycles": SimpleLazyObject(cycle_list),
        "current_cycle_code": current,
    }
