"""The new-review form proposes the last complete quarter, and the follow-up action's
owner list offers the people of the review's own units first."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import override_settings

from goldenthread.reviews.views import last_complete_quarter
from tests.pages.conftest import client_of


@pytest.mark.parametrize(("today", "expected"), [
    (dt.date(2029, 11, 15), (2029, 3)),
    (dt.date(2029, 1, 3), (2028, 4)),
    (dt.date(2029, 4, 1), (2029, 1)),
    (dt.date(2027, 6, 1), (2028, 1)),   # before the cycle: its first quarter
    (dt.date(2035, 6, 1), (2031, 4)),   # after it: its last
])
def test_a_new_review_proposes_the_last_complete_quarter(bdt, today, expected) -> None:  # type: ignore[no-untyped-def]
    assert last_complete_quarter(bdt.cycle, today) == expected


def test_the_form_defaults_to_the_quarter_before_today(bdt, bdt_planner) -> None:  # type: ignore[no-untyped-def]
    with override_settings(GOLDENTHREAD_TODAY=dt.date(2029, 11, 15)):
        page = client_of(bdt_planner).get("/cycles/SP2028/reviews/").content.decode()
    assert re.search(r'<option value="2029" selected>', page)
    assert re.search(r'<option value="3" selected>Q3</option>', page)


def test_the_owner_list_offers_the_reviews_people_first(bdt, review, bdt_planner) -> None:  # type: ignore[no-untyped-def]
    page = client_of(bdt_planner).get(f"/cycles/SP2028/reviews/{review.pk}/").content.decode()
    select = page[page.index('name="owner"'):]
    select = select[:select.index("</select>")]
    own = select.index('<optgroup label="BDT and the units below it">')
    others = select.index('<optgroup label="Other people of the cycle">')
    amina, jonas = select.index("Amina Diallo (BDT-DNS)"), select.index("Jonas Berg (BR-TSD)")
    assert own < amina < others < jonas
