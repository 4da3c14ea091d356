"""The demo's alignment report: every indicator has a reference sheet and passes the
SMART check, except the few left weak on purpose so the report has something to show."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from goldenthread.demo import facts
from goldenthread.demo.services import demo_install
from goldenthread.indicators import smart
from goldenthread.indicators.models import Indicator, Target
from goldenthread.plans.alignment import AlignmentReport, alignment_report
from goldenthread.plans.models import Cycle
from tests.pages.test_unit_and_thread import ALIGNMENT_QUERIES

# The deliberate weaknesses and the letters they fail (facts.DELIBERATE_SMART_GAPS says
# why). Written out here so that the test fails when any other indicator stops passing
# or when one of these is fixed without the demo's story being rewritten.
DELIBERATE = {
    "K-O2.1a": ["T"],  # biennial survey: no target for 2031
    "K-O7.3a": ["S", "M"],  # no reference sheet yet: no definition, no means of verification
    "K-OP-X2": ["R"],  # measures an orphan output
    "K-OP3.1.4": ["A"],  # 2031 target 12.5 times the baseline
    "K-OP6.1.1": ["S"],  # "Courses offered": too short a name
}


def _superuser() -> Any:
    return get_user_model().objects.create_superuser(username="root", password="x", email="")


@pytest.fixture
def report(demo_cycle: Cycle) -> AlignmentReport:
    return alignment_report(demo_cycle, _superuser())


def test_only_the_deliberate_indicators_fail_the_smart_check(report: AlignmentReport) -> None:
    assert {i.code: i.letters for i in report.smart} == DELIBERATE
    assert {code: list(letters) for code, letters in facts.DELIBERATE_SMART_GAPS.items()} == DELIBERATE
    reasons = {i.code: [f.reason for f in i.findings] for i in report.smart}
    assert reasons["K-O2.1a"] == ["no target for the end of the cycle (2031)"]
    assert reasons["K-OP3.1.4"] == [
        "the 2031 target (1500) is more than 10 times the baseline (120): check it can be reached"
    ]
    assert reasons["K-OP6.1.1"] == [
        "the name \u201cCourses offered\u201d is too short to say what is measured"
    ]
    # The bars of the report show every letter failing somewhere.
    assert [(letter, n) for letter, _name, n in report.letter_counts] == [
        ("S", 2), ("M", 1), ("A", 1), ("R", 1), ("T", 1)
    ]


def test_every_other_indicator_passes_all_five_letters(demo_cycle: Cycle) -> None:
    """The same check, indicator by indicator, from the stored reference sheets."""
    indicators = list(Indicator.objects.filter(cycle=demo_cycle).select_related("result"))
    targets: dict[int, list[tuple[int, Any]]] = {}
    for pk, year, value in Target.objects.filter(indicator__cycle=demo_cycle).values_list(
            "indicator_id", "year", "value"):
        targets.setdefault(pk, []).append((year, value))
    passing = 0
    for ind in indicators:
        if ind.code in DELIBERATE:
            continue
        assert ind.result.parent_links.exists() or ind.result.level.rank == 0, ind.code
        sheet = smart.Sheet(
            name=ind.name, definition=ind.definition, unit_of_measure=ind.unit_of_measure,
            direction=ind.direction, baseline_value=ind.baseline_value,
            baseline_text=ind.baseline_text, baseline_year=ind.baseline_year,
            means_of_verification=ind.means_of_verification, computed=ind.is_computed,
            targets=targets.get(ind.pk, []),
            # A computed indicator's targets come from its sources, which all pass.
            inherited_target_years=frozenset(range(2028, 2032)) if ind.is_computed else frozenset(),
            allows_over_100=ind.allows_over_100,
        )
        checked = smart.check(sheet, demo_cycle.start_year, demo_cycle.end_year)
        assert checked.passed, (ind.code, checked.findings)
        passing += 1
    assert passing == len(indicators) - len(DELIBERATE) == 88


def test_every_indicator_has_a_full_reference_sheet_of_its_own(demo_cycle: Cycle) -> None:
    """Beyond the letters: how the value is collected, who reports it, and definitions
    written for each indicator, not one sentence repeated."""
    indicators = list(Indicator.objects.filter(cycle=demo_cycle))
    sheets = [i for i in indicators if i.code != "K-O7.3a"]  # the one without a sheet
    assert all(i.collection_method.strip() for i in sheets), [i.code for i in sheets
                                                              if not i.collection_method.strip()]
    assert all(i.responsible_id is not None for i in indicators)
    assert all(i.frequency for i in indicators)
    definitions = [i.definition for i in sheets]
    assert len(set(definitions)) == len(definitions)
    methods = [i.collection_method for i in sheets]
    assert len(set(methods)) >= len(methods) - 2
    for ind in sheets:
        assert ind.definition.strip().lower() != ind.name.strip().lower(), ind.code
        assert len(ind.definition.split()) >= 12, (ind.code, ind.definition)
    numeric = [i for i in indicators if i.is_numeric and not i.is_computed]
    assert all(i.baseline_year == facts.BASELINE_YEAR and i.baseline_value is not None for i in numeric)


def test_the_other_checks_show_the_demos_planned_gaps_only(report: AlignmentReport) -> None:
    assert [r.code for r in report.orphans] == ["A-X3.1", "OP-X1", "OP-X2"]
    assert report.no_target == [] and report.no_responsible == [] and report.skips == []
    # Every level is measured but two draft outputs: the orphan and one planned for later.
    assert [r.code for r in report.no_indicator] == ["OP-X1", "OP2.3.3"]
    assert report.indicators == 93
    share = report.aligned_share
    assert share is not None and 0.95 < share < 1


def test_the_alignment_page_names_the_deliberate_findings(
    demo_cycle: Cycle, client: Client, django_assert_max_num_queries: Any
) -> None:
    client.force_login(_superuser())
    with django_assert_max_num_queries(ALIGNMENT_QUERIES):  # as on a small plan
        response = client.get("/cycles/SP2028/alignment/")
    assert response.status_code == 200
    html = response.content.decode()
    smart_part = html[html.index('id="check-smart"'):html.index('id="check-skips"')]
    assert 'Indicators failing the SMART check <span class="count">5</span>' in smart_part
    for code in DELIBERATE:
        assert code in smart_part
    assert "K-G1.1" not in smart_part and "K-O7.2a" not in smart_part


def test_a_reporter_sees_the_findings_of_their_thread_only(db: None) -> None:
    """Lucas reports for TSB-SGD: the report shows the TSB's outcome indicator above him
    (K-O2.1a), not the Development Bureau's or the General Secretariat's findings."""
    cycle = demo_install()
    lucas = get_user_model().objects.get(username="lucas")
    seen = {i.code for i in alignment_report(cycle, lucas).smart}
    assert seen == {"K-O2.1a"}
