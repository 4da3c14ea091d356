"""Shared views: the charting library served from the installed package, a record's
history and the audit-log search."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import plotly
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from goldenthread.core import permissions, selectors
from goldenthread.core.forms import AuditFilterForm
from goldenthread.finance.access import may_see_money_of
from goldenthread.plans.models import Cycle

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
PLOTLY_VERSION = plotly.__version__


@login_not_required
@require_safe
@cache_control(public=True, max_age=31_536_000, immutable=True)
def plotly_js(request: HttpRequest, version: str) -> FileResponse:
    """Plotly's JavaScript from the installed Python package, so charts need no CDN.

    The version is in the URL, so browsers may keep the file for a year.
    """
    return FileResponse(PLOTLY_JS.open("rb"), content_type="text/javascript; charset=utf-8")


# ------------------------------------------------------------------ history and audit log


@require_safe
def object_history(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    """The history of a record (for a result, with the records attached to it): a page
    of its own, or, for htmx, the panel (``offset`` 0) or the next entries of the panel.
    Refused (403) when the user may not see the record."""
    model = selectors.model_of(object_type)
    if model is None or not hasattr(model, "unit_scope"):
        raise Http404(f"No kind of record {object_type}")
    try:
        obj = model._default_manager.filter(pk=object_id).first()
    except (ValueError, TypeError, ValidationError):
        obj = None
    if obj is None:
        raise Http404(f"No {model._meta.verbose_name} {object_id}")
    permissions.require(request.user, permissions.VIEW, obj)
    if not may_see_money_of(request.user, obj):
        raise PermissionDenied(
            f"This {model._meta.verbose_name} holds figures of money you may not see: the "
            "finance pages show them to those whose roles cover the units they belong to.")
    try:
        offset = max(0, int(request.GET.get("offset", "0")))
    except ValueError:
        offset = 0
    history = selectors.object_history(obj, user=request.user, offset=offset)
    context = {"history": history, "subject": obj, "object_type": object_type,
               "subject_label": model._meta.verbose_name, "back_url": _page_of(obj),
               "history_url": request.path}
    if request.htmx:  # type: ignore[attr-defined]
        template = "components/history_entries.html" if offset else "components/history.html"
    else:
        template = "core/history.html"
    return render(request, template, context)


def _page_of(obj: Any) -> str:
    """The page of a record that has one (a result's thread), else ""."""
    from goldenthread.plans.models import Result

    if isinstance(obj, Result):
        return reverse("result_detail", args=[obj.cycle.code, obj.code])
    return ""


def _querystring(request: HttpRequest, **changes: object) -> str:
    query = request.GET.copy()
    for key, value in changes.items():
        query.pop(key, None)
        if value not in (None, ""):
            query[key] = str(value)
    return query.urlencode()


@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    """Search the whole audit log: by person, kind of record, record, action, cycle and
    dates, newest first, a page at a time. For superusers (every cycle) and for those
    who administer a whole organisation (its cycle); everyone else is refused (403)."""
    codes = permissions.audit_cycle_codes(request.user)
    if codes is not None and not codes:
        raise PermissionDenied(
            "The audit log is for administrators: a superuser, or someone with the "
            "administrator role on the whole organisation."
        )
    cycles = (
        sorted(codes) if codes is not None
        else list(Cycle.objects.order_by("code").values_list("code", flat=True))
    )
    form = AuditFilterForm(request.GET or None, cycles=cycles)
    if form.is_bound and not form.is_valid():
        page = None
        entries: list[selectors.HistoryEntry] = []
    else:
        filters = selectors.AuditFilters(**form.cleaned_data) if form.is_bound else selectors.AuditFilters()
        page = Paginator(selectors.audit_search(filters, codes), selectors.AUDIT_PAGE).get_page(
            request.GET.get("page")
        )
        entries = selectors.describe(page.object_list)
    context: dict[str, Any] = {
        "form": form, "page": page, "entries": entries,
        "filters_query": _querystring(request, page=None),
        "scope": ", ".join(sorted(codes)) if codes is not None else "",
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "core/_audit_results.html", context)
    context["actors"] = selectors.audit_actor_labels(codes)
    return render(request, "core/audit_log.html", context)
