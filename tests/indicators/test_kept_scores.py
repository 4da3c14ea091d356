"""The whole cycle's scores kept between requests (``cycle_scores``): after every kind of
audited write they equal a whole-cycle scoring (``scoreboard``) exactly, whether the kept
arrays were brought up to date (writes of actuals and targets: only the indicators written
are scored again; of results and links: the roll-up arranged again) or scored afresh
(writes of indicators and the rest). And a unit's results
scored alone (``scoreboard(roots=...)``) equal the same results scored with the whole cycle,
drags included."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count

from goldenthread.core.audit import Actor
from goldenthread.core.periods import Period
from goldenthread.core.services import object_delete, object_update
from goldenthread.demo.generator import write_plan
from goldenthread.indicators import selectors
from goldenthread.indicators.choices import ActualStatus, UnitOfMeasure
from goldenthread.indicators.models import Actual, Contribution, Indicator, Target
from goldenthread.indicators.selectors import CycleScores, cycle_scores, reported_periods, scoreboard
from goldenthread.indicators.services import actual_set, target_set
from goldenthread.interop.planfile import read_plan
from goldenthread.interop.services import plan_load
from goldenthread.org.models import OrgUnit
from goldenthread.org.services import role_grant
from goldenthread.plans.models import Cycle, Link, Result
from goldenthread.plans.selectors import unit_subtree
from goldenthread.plans.services import link_update
from tests.indicators.scored_plan import load_scored_plan

ACTOR = Actor(label="test")


def _same_as_whole_cycle(kept: CycleScores) -> None:
    """Every result of the kept scores equals the whole cycle scored now, field by field,
    looked up one by one and listed all at once."""
    whole = scoreboard(kept.cycle, kept.period).results
    assert len(kept) == len(whole)
    assert [kept[pk] for pk in whole] == list(whole.values())
    assert sorted(kept.values(), key=lambda r: r.id) == sorted(whole.values(), key=lambda r: r.id)


@pytest.fixture(autouse=True)
def _nothing_kept() -> None:
    selectors._kept.clear()


@pytest.mark.django_db
def test_an_actual_written_is_scored_again_without_reading_the_cycle(django_assert_num_queries) -> None:
    cycle = load_scored_plan()
    first = cycle_scores(cycle, Period(2029))
    assert cycle_scores(cycle, Period(2029)).kept is first.kept  # kept: nothing written
    actual_set(actor=ACTOR, indicator=Indicator.objects.get(code="K1"), period=2029, value=Decimal(60),
               status=ActualStatus.APPROVED)
    # the log's latest entry, the writes since, the indicator of the actual changed (an
    # update records the fields changed only), then that indicator's row, the cycle's
    # computed sources, its targets and its actuals: not the cycle's results or links
    with django_assert_num_queries(7):
        after = cycle_scores(cycle, Period(2029))
    assert after.kept.graph is first.kept.graph  # brought up, not read afresh
    goal = after[Result.objects.get(cycle=cycle, code="G1").pk]
    assert goal.score == pytest.approx(100 * (0.25 * 0.5 + 0.75 * 0.25))  # K1: (60 - 50) / 20
    _same_as_whole_cycle(after)


@pytest.mark.django_db
def test_a_write_that_scores_nothing_keeps_the_scores_as_they_are(django_assert_num_queries) -> None:
    cycle = load_scored_plan()
    first = cycle_scores(cycle, Period(2029))
    user = get_user_model().objects.create(username="reader")
    role_grant(actor=ACTOR, user=user, unit=OrgUnit.objects.get(cycle=cycle, code="BUR"), role="viewer")
    with django_assert_num_queries(2):  # the log's latest entry and the writes since
        after = cycle_scores(cycle, Period(2029))
    assert after.scores is first.scores
    assert after.kept.version != first.kept.version


@pytest.mark.django_db
def test_a_link_written_rearranges_the_roll_up_without_scoring_indicators_again(
    django_assert_num_queries,
) -> None:
    cycle = load_scored_plan()
    first = cycle_scores(cycle, Period(2029))
    link = Link.objects.get(child__code="O2")
    link_update(actor=ACTOR, link=link, weight=Decimal(1))
    # the log's latest entry, the writes since, then the cycle's results, links, indicators
    # and computed sources: not their targets nor actuals
    with django_assert_num_queries(6):
        after = cycle_scores(cycle, Period(2029))
    assert after.kept.graph is not first.kept.graph
    assert after.scores.now is first.scores.now  # the indicators' scores, as they were
    goal = after[Result.objects.get(cycle=cycle, code="G1").pk]
    assert goal.score == pytest.approx(100 * (0.5 * 0.8 + 0.5 * 0.25))  # O1 and O2 weigh one each
    _same_as_whole_cycle(after)


@pytest.mark.django_db
def test_an_indicator_written_has_the_cycle_scored_afresh(django_assert_num_queries) -> None:
    cycle = load_scored_plan()
    first = cycle_scores(cycle, Period(2029))
    object_update(actor=ACTOR, obj=Indicator.objects.get(code="K2"), data={"weight": Decimal(3)})
    # the log's latest entry, the writes since, then the whole cycle read (six)
    with django_assert_num_queries(8):
        after = cycle_scores(cycle, Period(2029))
    assert after.scores.now is not first.scores.now
    _same_as_whole_cycle(after)


@pytest.mark.django_db
def test_kept_scores_read_again_after_the_log_was_rolled_back() -> None:
    cycle = load_scored_plan()
    kept = cycle_scores(cycle, Period(2029)).kept
    # a log that no longer holds the kept entry (a database restored from a backup)
    stale = selectors.replace(kept, version=(kept.version[0], kept.version[1].replace(year=2000)))
    selectors._kept[cycle.pk] = stale
    actual_set(actor=ACTOR, indicator=Indicator.objects.get(code="K2"), period=2029, value=Decimal(7),
               status=ActualStatus.APPROVED)
    after = cycle_scores(cycle, Period(2029))
    assert after.kept.graph is not kept.graph
    _same_as_whole_cycle(after)


@pytest.mark.django_db
def test_the_kept_memory_is_bounded() -> None:
    cycle = load_scored_plan()
    for year in (2028, 2029, 2030, 2031):
        cycle_scores(cycle, Period(year))
    assert list(selectors._kept[cycle.pk].periods) == [Period(2029), Period(2030), Period(2031)]
    assert selectors._kept[cycle.pk].nbytes > 0
    for n in range(selectors.CYCLES_KEPT + 1):
        other = plan_load(actor=ACTOR, document={**_scored_document(), "cycle": {
            "code": f"SC{n}", "name": "Copy", "start_year": 2028, "end_year": 2031, "baseline_year": 2027}})
        cycle_scores(other, Period(2029))
    assert len(selectors._kept) == selectors.CYCLES_KEPT


def _scored_document() -> dict[str, object]:
    import yaml

    from tests.indicators.scored_plan import PLAN

    document: dict[str, object] = yaml.safe_load(PLAN)
    return document


@pytest.mark.slow
@pytest.mark.django_db
def test_kept_scores_follow_every_kind_of_write_on_a_generated_plan(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    write_plan("S", 3, path)
    cycle = plan_load(actor=ACTOR, document=read_plan(path))
    periods = reported_periods(cycle)
    latest, earlier = periods[-1], periods[-2]
    rng = random.Random(3)
    kept = cycle_scores(cycle, latest)
    graph = kept.kept.graph
    _same_as_whole_cycle(kept)
    _same_as_whole_cycle(cycle_scores(cycle, earlier))
    plain = list(Indicator.objects.filter(cycle=cycle, computation="")
                 .exclude(unit_of_measure=UnitOfMeasure.QUALITATIVE).order_by("code"))
    source = Indicator.objects.get(pk=Contribution.objects.filter(
        computed__cycle=cycle, source__computation="").order_by("id").values_list("source_id", flat=True)[0])
    approved = list(Actual.objects.filter(indicator__cycle=cycle, status=ActualStatus.APPROVED,
                                          indicator__computation="").order_by("id"))

    def a_value() -> Decimal:
        return Decimal(rng.randint(0, 400))

    writes = [
        lambda: actual_set(actor=ACTOR, indicator=rng.choice(plain), period=latest.year,
                           value=a_value(), status=ActualStatus.APPROVED),  # a new or changed actual
        lambda: actual_set(actor=ACTOR, indicator=rng.choice(plain), period=f"{latest.year}-Q2",
                           value=a_value(), status=ActualStatus.APPROVED),  # a quarter
        lambda: actual_set(actor=ACTOR, indicator=source, period=earlier.year, value=a_value(),
                           status=ActualStatus.APPROVED),  # feeds computed indicators, a chain
        lambda: object_update(actor=ACTOR, obj=rng.choice(approved), data={"status": ActualStatus.SUBMITTED}),
        lambda: object_delete(actor=ACTOR, obj=approved.pop()),
        lambda: target_set(actor=ACTOR, indicator=rng.choice(plain), period=latest.year + 1, value=a_value()),
        lambda: object_delete(actor=ACTOR, obj=Target.objects.filter(indicator__in=plain[:50]).first()),
    ]
    for write in writes:
        write()
        for period in (latest, earlier):
            kept = cycle_scores(cycle, period)
            assert kept.kept.graph is graph  # brought up to date, not read afresh
            _same_as_whole_cycle(kept)
    # writes to the plan's shape, with writes of actuals among them
    link = Link.objects.filter(cycle=cycle).order_by("id").first()
    assert link is not None
    result = Result.objects.filter(cycle=cycle, level__rank=1).order_by("code").first()
    assert result is not None
    shape_writes = [
        lambda: link_update(actor=ACTOR, link=link, weight=Decimal(4)),
        lambda: object_update(actor=ACTOR, obj=result, data={"method": "worst_of"}),
        lambda: object_delete(actor=ACTOR, obj=Link.objects.filter(cycle=cycle).order_by("-id").first()),
    ]
    for write in shape_writes:
        writes[0]()
        write()
        writes[1]()
        for period in (latest, earlier):
            kept = cycle_scores(cycle, period)
            assert kept.kept.graph is not graph
            _same_as_whole_cycle(kept)


@pytest.mark.slow
@pytest.mark.django_db
def test_a_units_results_scored_alone_equal_the_whole_cycle(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    write_plan("S", 4, path)
    cycle = plan_load(actor=ACTOR, document=read_plan(path))
    period = reported_periods(cycle)[-1]
    whole = scoreboard(cycle, period)
    units = {pk: (parent, code, name, tier) for pk, parent, code, name, tier in OrgUnit.objects.filter(
        cycle=cycle).values_list("id", "parent_id", "code", "name", "tier")}
    with_results = [u for u, n in Result.objects.filter(cycle=cycle).values("unit_id")
                    .annotate(n=Count("id")).values_list("unit_id", "n") if n]
    rng = random.Random(4)
    for unit in rng.sample(sorted({units[u][0] or u for u in with_results}), 3) + rng.sample(with_results, 3):
        chosen = list(Result.objects.filter(unit_id__in=unit_subtree(units, unit))
                      .values_list("id", flat=True))
        alone = scoreboard(cycle, period, roots=chosen)
        assert set(chosen) <= set(alone.results)
        for pk, score in alone.results.items():  # the unit's results and everything below them
            assert score == whole.results[pk]
            assert alone.contributions(pk) == whole.contributions(pk)
        for pk, indicator in alone.indicators.items():
            assert indicator == whole.indicators[pk]


def test_only_values_are_followed_write_by_write() -> None:
    """Writes to what scoring reads, other than values, are in ``score_inputs``."""
    assert {"plans.result", "plans.link", "indicators.indicator", "indicators.contribution",
            "plans.cycle", "org.orgunit", "plans.level"} <= selectors.score_inputs()
    assert not selectors.VALUE_TYPES & selectors.score_inputs()
    assert Cycle._meta.label_lower in selectors.score_inputs()
