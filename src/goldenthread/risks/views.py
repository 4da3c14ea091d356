"""Pages of the risk register: the register itself, and taking an escalated risk back
down. Reads are scoped to what the user sees; writes go through ``risks.services``, which
checks the risk role."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from goldenthread.core import permissions
from goldenthread.core.permissions import cycle_view
from goldenthread.plans.models import Cycle
from goldenthread.reviews import charts
from goldenthread.risks import selectors, services
from goldenthread.risks.choices import RiskStatus
from goldenthread.risks.models import Risk


@require_safe
@cycle_view
def risk_register(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """The risks one may see: a likelihood by impact matrix of the open ones, then each risk
    with its scores, whether it is red (at or above the cycle's appetite) and whether it is
    escalated, with a way to take it back down for those who hold the risk role."""
    escalated_only = request.GET.get("escalated") == "1"
    risks = selectors.risk_register(cycle, request.user, escalated_only)
    appetite = cycle.risk_appetite
    open_risks = [r for r in risks if r.status == RiskStatus.OPEN]
    rows = [
        {
            "risk": r, "exposure": selectors.exposure(r),
            "red": r.status == RiskStatus.OPEN and selectors.exposure(r) >= appetite,
            "may_deescalate": r.is_escalated and permissions.can(request.user, permissions.RISK, r),
        }
        for r in risks
    ]
    matrix = charts.risk_matrix([
        {"likelihood": r.residual_likelihood or r.likelihood, "impact": r.residual_impact or r.impact}
        for r in open_risks
    ], appetite, size=44)
    return render(request, "risks/register.html", {
        "cycle": cycle, "rows": rows, "appetite": appetite, "matrix": matrix,
        "escalated_only": escalated_only, "open_count": len(open_risks),
        "red_count": sum(1 for row in rows if row["red"]),
        "escalated_count": sum(1 for r in open_risks if r.is_escalated),
    })


@require_POST
@cycle_view
def risk_deescalate(request: HttpRequest, cycle: Cycle, risk_code: str) -> HttpResponse:
    """Take an escalated risk back down, with a reason (risk officers of its unit)."""
    risk = Risk.objects.filter(cycle=cycle, code=risk_code).select_related("unit").first()
    if risk is None:
        raise Http404(f"No risk {risk_code} in {cycle.code}")
    permissions.require(request.user, permissions.VIEW, risk)
    try:
        done = services.risk_deescalate(actor=request.user, risk=risk,
                                        reason=request.POST.get("reason", ""))
        messages.success(request, f"{done.code} is de-escalated: it is back with {done.unit.code}.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("risk_register", args=[cycle.code]) + f"#risk-{risk.code}")
