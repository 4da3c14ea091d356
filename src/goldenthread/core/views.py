"""Shared views: the charting library served from the installed package."""

from __future__ import annotations

from pathlib import Path

import plotly
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, HttpRequest
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

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
