"""A review's page and packs come from its snapshot alone: when the data change after it
was frozen, the review stays as it was, while the live pages show the change."""

from __future__ import annotations

import re
from decimal import Decimal

from django.test import Client

from goldenthread.core.services import object_update
from goldenthread.finance.models import CostLine
from goldenthread.indicators.models import Indicator
from goldenthread.indicators.services import actual_set
from goldenthread.reviews.models import Review
from goldenthread.reviews.services import review_freeze
from goldenthread.risks.models import Risk
from tests.pages.conftest import client_of
from tests.reviews.conftest import ACTOR


def frozen_part(client: Client, review: Review) -> str:
    """The page from its snapshot down to the notes (forms carry fresh CSRF tokens)."""
    html = client.get(f"/cycles/SP2028/reviews/{review.pk}/").content.decode()
    start = html.index('class="alert rfrozen"')
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html[start:html.index('id="notes"')])


def test_the_snapshot_and_the_page_stay_as_they_were_when_the_data_change(bdt, review, bdt_planner):
    browser = client_of(bdt_planner)
    page_before = frozen_part(browser, review)
    snapshot_before = Review.objects.get(pk=review.pk).snapshot
    live_before = browser.get("/cycles/SP2028/results/OP1.1.1/").content.decode()
    assert "Partner governments delay plan adoption" in live_before
    assert "97,000" in page_before and "R9" in page_before

    # an actual is approved, a risk turns red, a cost line grows
    actual_set(actor=ACTOR, indicator=Indicator.objects.get(code="K2"), period="2028-Q4",
               value=Decimal("2"), status="approved")
    risk = Risk.objects.get(code="R1")  # BDT's risk, residual 3 x 2 so far
    object_update(actor=ACTOR, obj=risk, data={"residual_likelihood": 5, "residual_impact": 5})
    line = CostLine.objects.get(result__code="OP1.1.1", year=2028, category="travel_events")
    object_update(actor=ACTOR, obj=line, data={"amount": Decimal("50000.00")})

    assert Review.objects.get(pk=review.pk).snapshot == snapshot_before
    assert frozen_part(browser, review) == page_before
    # the live pages show the change
    live_after = browser.get("/cycles/SP2028/results/OP1.1.1/").content.decode()
    assert live_after != live_before
    assert "50,000" in live_after

    # freezing again takes the data as they now stand
    review_freeze(actor=bdt_planner, review=review)
    snapshot_after = Review.objects.get(pk=review.pk).snapshot
    assert {r["code"] for r in snapshot_after["risks"]} == {"R1", "R9"}
    assert Decimal(snapshot_after["execution"]["total"]["planned"]) == Decimal("135000.00")
    k2 = next(i for i in snapshot_after["indicators"] if i["code"] == "K2")
    before_k2 = next(i for i in snapshot_before["indicators"] if i["code"] == "K2")
    assert (before_k2["actual"], k2["actual"]) == (None, 2.0)  # the quarter's approved actual
    page_after = frozen_part(browser, review)
    assert "135,000" in page_after and "R1" in page_after
