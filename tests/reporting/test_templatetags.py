"""The reporting pages use the product's one ``get_item`` filter (core's), not a copy."""

from __future__ import annotations

from django.template import engines

from goldenthread.core.templatetags import goldenthread as core_tags
from goldenthread.reporting.templatetags import reporting as reporting_tags


def test_reporting_has_no_copy_of_get_item() -> None:
    assert "get_item" not in reporting_tags.register.filters
    assert "get_item" in core_tags.register.filters
    for name in ("reporting/_slot.html", "reporting/actual.html", "reporting/my_reporting.html"):
        engines["django"].get_template(name)  # loads: each one loads the core tags it uses
