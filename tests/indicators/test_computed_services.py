"""The audited services: actuals of a computed indicator cannot be typed in; targets can;
an indicator's computation and sources are set, changed and cleared with an audit row each."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from goldenthread.core.models import AuditEntry
from goldenthread.core.periods import Period
from goldenthread.core.services import object_create, object_delete
from goldenthread.indicators.choices import ActualStatus
from goldenthread.indicators.models import Actual, Contribution, Indicator, Target
from goldenthread.indicators.services import actual_set, indicator_set_computation, target_set
from tests.factories import ACTOR, make_cycle
from tests.indicators.computed_plan import make_indicators

pytestmark = pytest.mark.django_db


def programme() -> dict[str, Indicator]:
    k = make_indicators("K1", "K2", "K9")
    indicator_set_computation(actor=ACTOR, indicator=k["K9"], computation="sum",
                              sources=[k["K1"], (k["K2"], Decimal("0.5"))])
    k["K9"].refresh_from_db()
    return k


def test_it_refuses_an_actual_typed_in_for_a_computed_indicator() -> None:
    k = programme()
    with pytest.raises(ValidationError) as caught:
        actual_set(actor=ACTOR, indicator=k["K9"], period="2028", value=Decimal(5))
    assert caught.value.messages == [
        "K9 is computed from K1, K2 (sum): its actuals are computed and cannot be typed in."
    ]
    assert not Actual.objects.filter(indicator=k["K9"]).exists()


def test_a_generic_editor_cannot_type_it_in_either() -> None:
    k = programme()
    with pytest.raises(ValidationError, match="its actuals are computed"):
        object_create(actor=ACTOR, obj=Actual(indicator=k["K9"], year=2028, value=Decimal(5)))


def test_it_sets_and_then_changes_an_actual_with_its_status_and_audits_both() -> None:
    k = programme()
    first = actual_set(actor=ACTOR, indicator=k["K1"], period="2028-Q2", value=Decimal("12.5"))
    assert (first.period, first.value, first.status) == (Period(2028, 2), Decimal("12.5"), "draft")
    again = actual_set(actor=ACTOR, indicator=k["K1"], period=Period(2028, 2), value=Decimal(13),
                       status=ActualStatus.SUBMITTED, comment="corrected count")
    assert again.pk == first.pk
    assert Actual.objects.get(pk=first.pk).status == "submitted"
    actions = list(AuditEntry.objects.filter(object_type="indicators.actual")
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["create", "update"]
    update = AuditEntry.objects.filter(object_type="indicators.actual").latest("id")
    assert update.before is not None and update.after is not None
    assert (update.before["status"], update.after["status"]) == ("draft", "submitted")


def test_it_refuses_values_that_do_not_fit_the_unit_or_the_cycle() -> None:
    k = programme()
    with pytest.raises(ValidationError, match="K1 takes a number"):
        actual_set(actor=ACTOR, indicator=k["K1"], period="2028", text="many")
    with pytest.raises(ValidationError, match="outside the cycle 2028-2031"):
        actual_set(actor=ACTOR, indicator=k["K1"], period="2035", value=Decimal(1))
    with pytest.raises(ValidationError, match="'done' is not a status"):
        actual_set(actor=ACTOR, indicator=k["K1"], period="2028", value=Decimal(1), status="done")
    yes_no = make_indicators("Y1", cycle=make_cycle("SP2"), unit_of_measure="yes_no")["Y1"]
    with pytest.raises(ValidationError, match="give 1 \\(yes\\) or 0 \\(no\\), not 2"):
        actual_set(actor=ACTOR, indicator=yes_no, period="2028", value=Decimal(2))


def test_a_computed_indicator_may_have_targets_of_its_own() -> None:
    k = programme()
    target = target_set(actor=ACTOR, indicator=k["K9"], period="2031", value=Decimal(800))
    changed = target_set(actor=ACTOR, indicator=k["K9"], period=2031, value=Decimal(850))
    assert changed.pk == target.pk
    assert Target.objects.get(pk=target.pk).value == Decimal(850)
    assert AuditEntry.objects.filter(object_type="indicators.target").count() == 2


def test_setting_sources_is_audited_and_changing_them_keeps_the_unchanged_rows() -> None:
    k = programme()
    kept = Contribution.objects.get(computed=k["K9"], source=k["K1"])
    indicator_set_computation(actor=ACTOR, indicator=k["K9"], computation="weighted_mean",
                              sources=[(k["K1"], 3)])
    assert list(Contribution.objects.filter(computed=k["K9"]).values_list("id", "weight")) == [
        (kept.pk, Decimal(3))
    ]
    rows = AuditEntry.objects.filter(object_type="indicators.contribution")
    assert sorted(rows.values_list("action", flat=True)) == [
        "create", "create", "delete", "update"
    ]
    k["K9"].refresh_from_db()
    assert k["K9"].computation_summary() == "K9 is computed from K1 (weighted_mean)"


def test_clearing_the_computation_lets_people_type_actuals_in_again() -> None:
    k = programme()
    indicator_set_computation(actor=ACTOR, indicator=k["K9"], computation="")
    k["K9"].refresh_from_db()
    assert not k["K9"].is_computed
    assert not Contribution.objects.filter(computed=k["K9"]).exists()
    actual_set(actor=ACTOR, indicator=k["K9"], period="2028", value=Decimal(7))


def test_it_refuses_computing_an_indicator_that_has_actuals_typed_in() -> None:
    k = make_indicators("K1", "K9")
    actual_set(actor=ACTOR, indicator=k["K9"], period="2028", value=Decimal(7))
    actual_set(actor=ACTOR, indicator=k["K9"], period="2029-Q1", value=Decimal(8))
    with pytest.raises(ValidationError) as caught:
        indicator_set_computation(actor=ACTOR, indicator=k["K9"], computation="sum",
                                  sources=[k["K1"]])
    assert caught.value.messages == [
        "K9 has actuals typed in for 2028, 2029-Q1; delete them before computing it from "
        "other indicators."
    ]


def test_it_refuses_bad_sources_with_a_reason() -> None:
    k = make_indicators("K1", "K2", "K9")
    other = make_indicators("X1", cycle=make_cycle("SP2"))["X1"]
    words = make_indicators("Q1", cycle=k["K1"].cycle, unit_of_measure="qualitative")["Q1"]
    cases = [
        ("sum", [], "K9 needs at least one indicator to be computed from."),
        ("total", [k["K1"]], "'total' is not a computation; one of: sum, mean, weighted_mean, "
                             "min, max, latest, cumulative."),
        ("sum", [other], "X1 belongs to another cycle: K9 is computed from indicators of its "
                         "own cycle."),
        ("sum", [words], "Q1 is qualitative: it has no numbers to compute from."),
        ("sum", [k["K1"], (k["K1"], 2)], "K1 is given twice as a source of K9."),
        ("sum", [(k["K1"], 0)], "The weight of K1 must be above zero, not 0."),
        ("", [k["K1"]], "Give a computation for K9's sources (sum, mean...)."),
    ]
    for computation, sources, message in cases:
        with pytest.raises(ValidationError) as caught:
            indicator_set_computation(actor=ACTOR, indicator=k["K9"], computation=computation,
                                      sources=sources)
        assert caught.value.messages == [message], computation
    assert not Contribution.objects.exists()


def test_a_qualitative_indicator_cannot_be_computed() -> None:
    k = make_indicators("Q9", unit_of_measure="qualitative")
    source = make_indicators("K1", cycle=k["Q9"].cycle)["K1"]
    with pytest.raises(ValidationError, match="A qualitative indicator cannot be computed"):
        indicator_set_computation(actor=ACTOR, indicator=k["Q9"], computation="latest",
                                  sources=[source])


def test_a_source_that_feeds_a_computed_indicator_cannot_be_deleted_alone() -> None:
    from django.db.models import RestrictedError

    k = programme()
    with pytest.raises(RestrictedError):
        object_delete(actor=ACTOR, obj=k["K1"])
    object_delete(actor=ACTOR, obj=k["K9"])  # the computed one takes its sources' rows along
    assert not Contribution.objects.exists()
    object_delete(actor=ACTOR, obj=k["K1"])
