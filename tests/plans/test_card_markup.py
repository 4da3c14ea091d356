"""One card markup: ``card_html`` fills a pattern taken from the card template, and the
result is the template itself rendered with the same values, escaping included."""

from __future__ import annotations

import itertools

import pytest
from django.template import Context

from goldenthread.plans.selectors import card_html, card_template


@pytest.mark.parametrize(("restricted", "has_score", "foot", "share", "miss", "served"),
                         list(itertools.product([False, True], repeat=6)))
def test_a_card_is_the_template_rendered_with_its_values(
    restricted: bool, has_score: bool, foot: bool, share: bool, miss: bool, served: bool
) -> None:
    values = {"id": 42, "code": "O1.2 {x}", "title": 'Roads & "bridges" <b>{0}</b>', "status": "at_risk",
              "href": "/cycles/SP2028/results/O1.2%20%7Bx%7D/?period=2029&x=1", "chip": "Outcome's",
              "label": "At risk", "score": "64" if has_score else "\u2013", "share": "25" if share else "",
              "year": 2029}
    card = card_html(**values, has_score=has_score, context=True, restricted=restricted,  # type: ignore[arg-type]
                     foot=foot, miss=miss, served=served)
    expected = card_template().render(Context({
        **values, "classes": " mcard--context", "has_score": has_score, "restricted": restricted,
        "foot": foot, "miss": miss, "served": served,
    }))
    assert str(card) == expected
    closed = restricted and not served
    assert "<b>" not in card and ("&lt;b&gt;{0}&lt;/b&gt;" in card or closed)  # escaped, braces kept
    assert ('class="mcard__miss"' in card) == (miss and not restricted and not served)
    # a served card shows the result, and no link to a page its viewer may not open
    assert ("href=" not in card) == (restricted or served)
