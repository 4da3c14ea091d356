"""One card markup: ``card_html`` fills a pattern taken from the card template, and the
result is the template itself rendered with the same values, escaping included."""

from __future__ import annotations

import itertools

import pytest
from django.template import Context

from goldenthread.plans.selectors import card_html, card_template


@pytest.mark.parametrize(("restricted", "has_score", "foot", "share", "miss"),
                         list(itertools.product([False, True], repeat=5)))
def test_a_card_is_the_template_rendered_with_its_values(
    restricted: bool, has_score: bool, foot: bool, share: bool, miss: bool
) -> None:
    values = {"id": 42, "code": "O1.2 {x}", "title": 'Roads & "bridges" <b>{0}</b>', "status": "at_risk",
              "href": "/cycles/SP2028/results/O1.2%20%7Bx%7D/?period=2029&x=1", "chip": "Outcome's",
              "label": "At risk", "score": "64" if has_score else "\u2013", "share": "25" if share else "",
              "year": 2029}
    card = card_html(**values, has_score=has_score, context=True, restricted=restricted,  # type: ignore[arg-type]
                     foot=foot, miss=miss)
    expected = card_template().render(Context({
        **values, "classes": " mcard--context", "has_score": has_score, "restricted": restricted,
        "foot": foot, "miss": miss,
    }))
    assert str(card) == expected
    assert "<b>" not in card and ("&lt;b&gt;{0}&lt;/b&gt;" in card or restricted)  # escaped, braces kept
    assert ('class="mcard__miss"' in card) == (miss and not restricted)
