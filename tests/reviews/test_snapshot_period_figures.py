"""A snapshot's indicator table shows the figures each score was computed from for the
review's quarter: a flow against a quarter of its yearly baseline and target, not the
yearly baseline beside a quarter's target. Older snapshots show what they stored."""

from __future__ import annotations

from decimal import Decimal

from goldenthread.core.audit import Actor
from goldenthread.core.services import object_create
from goldenthread.indicators.models import Actual, Indicator
from goldenthread.indicators.scoring import achievement_ratio, score_of
from goldenthread.reviews.services import review_create
from tests.pages.conftest import client_of
from tests.reviews.conftest import NOW


def test_a_quarter_shows_the_baseline_and_target_its_score_was_computed_from(bdt, bdt_planner):
    k2 = Indicator.objects.get(cycle=bdt.cycle, code="K2")  # a count, summed into the year
    object_create(actor=Actor(label="test"), obj=Actual(indicator=k2, year=2028, quarter=3,
                                                         value=Decimal("2"), status="approved"))
    review = review_create(actor=bdt_planner, cycle=bdt.cycle, unit=bdt.units["BDT"], year=2028,
                           quarter=3, now=NOW)
    snap = review.snapshot
    assert snap["version"] == 3
    row = next(i for i in snap["indicators"] if i["code"] == "K2")
    # the year: baseline 4, target 6; the quarter: a quarter of each
    assert (row["baseline"], row["target"], row["actual"], row["flow"]) == (1.0, 1.5, 2.0, True)
    assert row["year_baseline"] == 4.0
    for i in snap["indicators"]:  # every row's figures give back its score
        ratio = achievement_ratio(i["baseline"], i["target"], i["actual"])
        expected = score_of(ratio)
        assert i["score"] == (None if expected is None else round(expected, 1)), i["code"]
    page = client_of(bdt_planner).get(f"/cycles/SP2028/reviews/{review.pk}/").content.decode()
    assert "of 4/yr" in page and "a quarter of its year's baseline and target" in page


def test_an_older_snapshot_shows_the_figures_it_stored(bdt, review, bdt_planner):
    snap = dict(review.snapshot)
    snap["version"] = 2
    snap["indicators"] = [{"code": "K2", "name": "Countries", "result": "OP1.1.1", "baseline": 310,
                           "target": 78.75, "actual": 75, "score": 0.0, "status": "off_track",
                           "computed": False}]
    type(review).objects.filter(pk=review.pk).update(snapshot=snap)
    page = client_of(bdt_planner).get(f"/cycles/SP2028/reviews/{review.pk}/").content.decode()
    assert ">310<" in page and "78.75" in page
    assert "a quarter of its year" not in page
