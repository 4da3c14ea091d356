"""The alignment report: where the golden thread is broken or weak.

Orphans (results that serve nothing above them), results without indicators, indicators
failing a SMART check (each letter with its reason, ``indicators/smart.py``), indicators
with no target or no responsible person, and links that skip a level of the framework.
Everything is read in a fixed number of bulk queries, whatever the size of the plan, and
only for the units the user may see.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from goldenthread.core import permissions
from goldenthread.indicators import smart
from goldenthread.indicators.models import Contribution, Indicator, Target
from goldenthread.org.models import OrgUnit
from goldenthread.plans.choices import LevelKind
from goldenthread.plans.models import Cycle, Level, Link, Result

CHECKS = (
    ("orphans", "Orphans", "results that serve nothing above them"),
    ("no_indicator", "No indicator", "results above the activities with no indicator of their own"),
    ("smart", "Not SMART", "indicators failing a SMART letter"),
    ("no_target", "No target", "indicators with no target set (or inherited from their sources)"),
    ("no_responsible", "No one responsible", "indicators with nobody to report them"),
    ("skips", "Skipping links", "links that jump over a level of the framework"),
)


@dataclass
class ResultRef:
    id: int
    code: str
    title: str
    level: str
    unit_id: int
    unit_code: str


@dataclass
class IndicatorIssue:
    id: int
    code: str
    name: str
    result: ResultRef
    findings: list[smart.Finding]

    @property
    def letters(self) -> list[str]:
        failing = {f.letter for f in self.findings}
        return [letter for letter in smart.LETTERS if letter in failing]


@dataclass
class SkippingLink:
    child: ResultRef
    parent: ResultRef
    skipped: list[str]  # names of the levels jumped over


@dataclass
class AlignmentReport:
    orphans: list[ResultRef] = field(default_factory=list)
    no_indicator: list[ResultRef] = field(default_factory=list)
    smart: list[IndicatorIssue] = field(default_factory=list)
    no_target: list[IndicatorIssue] = field(default_factory=list)
    no_responsible: list[IndicatorIssue] = field(default_factory=list)
    skips: list[SkippingLink] = field(default_factory=list)
    results: int = 0
    indicators: int = 0
    units: list[tuple[int, str, str, int]] = field(default_factory=list)  # (id, code, name, tier)

    def count(self, check: str) -> int:
        return len(getattr(self, check))

    @property
    def letter_counts(self) -> list[tuple[str, str, int]]:
        return [(letter, smart.LETTER_NAMES[letter], sum(1 for i in self.smart if letter in i.letters))
                for letter in smart.LETTERS]

    @property
    def aligned_share(self) -> float | None:
        """The share of results with no finding of their own or of their indicators."""
        if not self.results:
            return None
        flagged = {r.id for r in self.orphans} | {r.id for r in self.no_indicator}
        for issues in (self.smart, self.no_target, self.no_responsible):
            flagged |= {i.result.id for i in issues}
        flagged |= {s.child.id for s in self.skips}
        return 1 - len(flagged) / self.results

    def heat(self) -> list[tuple[tuple[int, str, str, int], list[int]]]:
        """Per unit (that has any result), the number of findings of each check."""
        counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for key, _label, _help in CHECKS:
            for item in getattr(self, key):
                ref = item.child if isinstance(item, SkippingLink) else \
                    item.result if isinstance(item, IndicatorIssue) else item
                counts[ref.unit_id][key] += 1
        return [(unit, [counts[unit[0]][key] for key, _l, _h in CHECKS])
                for unit in self.units if unit[0] in counts]


def alignment_report(cycle: Cycle, user: Any) -> AlignmentReport:
    """Every finding of the alignment checks on what ``user`` may see. Seven queries."""
    levels = {lv.pk: lv for lv in Level.objects.filter(cycle=cycle)}
    results = Result.objects.visible_to(user).filter(cycle=cycle)
    refs = {
        pk: ResultRef(pk, code, title, levels[level].name, unit_id, unit_code)
        for pk, code, title, level, unit_id, unit_code in results.order_by("code")
        .values_list("id", "code", "title", "level_id", "unit_id", "unit__code")
    }
    level_of = dict(results.values_list("id", "level_id"))
    links = list(Link.objects.filter(cycle=cycle).values_list("child_id", "parent_id"))
    has_parent = {c for c, _p in links}
    report = AlignmentReport(results=len(refs))
    report.orphans = [r for pk, r in refs.items()
                      if pk not in has_parent and levels[level_of[pk]].rank > 0]
    orphan_ids = {r.id for r in report.orphans}

    indicators = list(
        Indicator.objects.visible_to(user).filter(cycle=cycle).order_by("code").values_list(
            "id", "code", "name", "result_id", "definition", "unit_of_measure", "direction",
            "baseline_value", "baseline_text", "baseline_year", "means_of_verification",
            "computation", "responsible_id", "allows_over_100",
        )
    )
    report.indicators = len(indicators)
    measured = {row[3] for row in indicators}
    report.no_indicator = [r for pk, r in refs.items()
                           if pk not in measured and levels[level_of[pk]].kind != LevelKind.ACTIVITY]

    targets: dict[int, list[tuple[int, Decimal | None]]] = defaultdict(list)
    for ind, year, value in Target.objects.filter(indicator__cycle=cycle).values_list(
            "indicator_id", "year", "value"):
        targets[ind].append((year, value))
    sources: dict[int, list[int]] = defaultdict(list)
    for computed, source in Contribution.objects.filter(computed__cycle=cycle).values_list(
            "computed_id", "source_id"):
        sources[computed].append(source)
    inherited = _inherited_years(sources, targets)

    for (pk, code, name, result_id, definition, uom, direction, base, base_text, base_year,
         verification, computation, responsible, over_100) in indicators:
        if result_id not in refs:
            continue
        sheet = smart.Sheet(
            name=name, definition=definition, unit_of_measure=uom, direction=direction,
            baseline_value=base, baseline_text=base_text, baseline_year=base_year,
            means_of_verification=verification, computed=bool(computation),
            targets=targets.get(pk, []), inherited_target_years=inherited.get(pk, frozenset()),
            result_is_orphan=result_id in orphan_ids, allows_over_100=over_100,
        )
        checked = smart.check(sheet, cycle.start_year, cycle.end_year)
        ref = refs[result_id]
        if not checked.passed:
            report.smart.append(IndicatorIssue(pk, code, name, ref, checked.findings))
        if not sheet.targets and not sheet.inherited_target_years:
            report.no_target.append(IndicatorIssue(pk, code, name, ref, []))
        if responsible is None:
            report.no_responsible.append(IndicatorIssue(pk, code, name, ref, []))

    by_rank = {lv.rank: lv.name for lv in levels.values()}
    for child, parent in links:
        parent_ref = refs.get(parent)
        if child not in refs or parent_ref is None:  # only links between results the user sees
            continue
        child_rank = levels[level_of[child]].rank
        parent_rank = levels[level_of[parent]].rank
        if child_rank - parent_rank > 1:
            report.skips.append(SkippingLink(
                refs[child], parent_ref,
                [by_rank[r] for r in range(parent_rank + 1, child_rank) if r in by_rank],
            ))
    visible = None if permissions.is_unrestricted(user) else permissions.unit_ids(user, cycle)
    report.units = [row for row in OrgUnit.objects.filter(cycle=cycle).order_by("tier", "code")
                    .values_list("id", "code", "name", "tier") if visible is None or row[0] in visible]
    return report


def _inherited_years(
    sources: dict[int, list[int]], targets: dict[int, list[tuple[int, Decimal | None]]]
) -> dict[int, frozenset[int]]:
    """For each computed indicator, the years its sources (computed or not, all the way
    down) have targets for: a computed indicator's targets are computed from those."""
    memo: dict[int, frozenset[int]] = {}

    def years(pk: int, path: frozenset[int]) -> frozenset[int]:
        if pk in memo:
            return memo[pk]
        own = frozenset(y for y, _v in targets.get(pk, []))
        found = set(own)
        for source in sources.get(pk, []):
            if source not in path:  # loops are refused on write; never loop here either
                found |= years(source, path | {source})
        memo[pk] = frozenset(found)
        return memo[pk]

    return {pk: years(pk, frozenset({pk})) - frozenset(y for y, _v in targets.get(pk, []))
            for pk in sources}
