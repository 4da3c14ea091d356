"""Reads of the plan for the pages: the cycle at a glance, the cascade, a result's thread.

Every function here runs a fixed number of queries, whatever the size of the
plan: counts are grouped in the database, and trees are assembled in Python
from one query of nodes and one of links.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL
from django.template import Context
from django.template.defaultfilters import floatformat
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from goldenthread.core.templatetags.goldenthread import status_label
from goldenthread.plans.choices import LevelKind
from goldenthread.plans.models import Cycle, Level, Link, Result

TOP_TIER = 1
PERSON_TIER = 4
TIERS = (1, 2, 3, 4)
# Without an output level, the overview's cascade shows this many framework levels.
CASCADE_DEPTH = 3
# A cascade node lists at most this many children; the rest are on the child's own page.
CASCADE_CHILDREN_SHOWN = 40
# A result's thread draws at most this many upward paths.
THREAD_PATHS_SHOWN = 24


def tier_expression() -> Case:
    """A result's tier in SQL: 4 when a person owns it, else its unit's tier."""
    return Case(
        When(person__isnull=False, then=Value(PERSON_TIER)),
        default=F("unit__tier"),
        output_field=IntegerField(),
    )


def cycle_list(user: Any = None) -> list[Cycle]:
    """Every cycle ``user`` may see, newest first: what the cycle switcher offers.
    (``user=None``: the operator of the machine, who sees everything.)"""
    return list(Cycle.objects.visible_to(user).order_by("-start_year", "-end_year", "code"))


def cycle_latest(user: Any = None) -> Cycle | None:
    """The cycle a person most likely wants: the one that starts last, of those they see."""
    return Cycle.objects.visible_to(user).order_by("-start_year", "-end_year", "code").first()


def cycle_levels(cycle: Cycle) -> list[Level]:
    return list(Level.objects.filter(cycle=cycle).order_by("rank"))


def cascade_levels(levels: list[Level]) -> list[Level]:
    """The levels the overview's cascade draws: from the top down to the first output
    level (goals, outcomes, outputs; with thematic priorities if the framework has them).
    Activities and people's work plans are on each result's own page."""
    for index, level in enumerate(levels):
        if level.kind == LevelKind.OUTPUT:
            return levels[: index + 1]
    return levels[:CASCADE_DEPTH]


class _ByTier:
    """Counts keyed by tier, with their total and one cell per tier for a table row."""

    by_tier: dict[int, int]

    @property
    def total(self) -> int:
        return sum(self.by_tier.values())

    @property
    def tier_cells(self) -> list[int]:
        return [self.by_tier.get(tier, 0) for tier in TIERS]


@dataclass
class LevelCount(_ByTier):
    """How many results a framework level holds, split by tier of their owner."""

    level: Level
    by_tier: dict[int, int]


@dataclass
class ResultCounts(_ByTier):
    rows: list[LevelCount]
    by_tier: dict[int, int]


def result_counts(cycle: Cycle, levels: list[Level], user: Any = None) -> ResultCounts:
    """Results ``user`` sees by framework level and by tier, in one grouped query."""
    grouped = (
        Result.objects.visible_to(user).filter(cycle=cycle)
        .annotate(owner_tier=tier_expression())
        .values("level_id", "owner_tier")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_level: dict[int, dict[int, int]] = defaultdict(dict)
    by_tier: dict[int, int] = defaultdict(int)
    for row in grouped:
        by_level[row["level_id"]][row["owner_tier"]] = row["n"]
        by_tier[row["owner_tier"]] += row["n"]
    rows = [LevelCount(level=level, by_tier=by_level.get(level.pk, {})) for level in levels]
    return ResultCounts(rows=rows, by_tier=dict(by_tier))


def orphans(cycle: Cycle, user: Any = None) -> QuerySet[Result]:
    """Results below the top level that serve no parent: the cascade's alignment gaps
    (of those ``user`` sees)."""
    return (
        Result.objects.visible_to(user).filter(cycle=cycle, level__rank__gt=0)
        .filter(~Q(pk__in=Link.objects.filter(cycle=cycle).values("child_id")))
        .select_related("level", "unit", "person")
        .order_by("level__rank", "code")
    )


@dataclass
class CascadeNode:
    """A result in the overview's cascade, with the weight of its link to the node above."""

    code: str
    title: str
    level: str
    unit_code: str
    unit_name: str
    tier: int
    weight: Decimal | None = None
    children: list[CascadeNode] = field(default_factory=list)
    hidden_children: int = 0

    @property
    def child_count(self) -> int:
        return len(self.children) + self.hidden_children


def cascade(cycle: Cycle, shown: list[Level], user: Any = None) -> list[CascadeNode]:
    """The top of the cascade: results of the ``shown`` levels, top level first, each
    under every parent it serves (the cascade is a DAG, so a result shared by two
    parents appears under both). Only results ``user`` sees. Two queries.
    """
    if not shown:
        return []
    level_names = {level.pk: level.name for level in shown}
    top_level = shown[0].pk
    rows = (
        Result.objects.visible_to(user).filter(cycle=cycle, level__in=shown)
        .annotate(owner_tier=tier_expression())
        .values("id", "code", "title", "level_id", "unit__code", "unit__name", "owner_tier")
        .order_by("code")
    )
    nodes = {row["id"]: row for row in rows}
    children: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    links = (
        Link.objects.filter(cycle=cycle, child__level__in=shown, parent__level__in=shown)
        .values_list("parent_id", "child_id", "weight")
        .order_by("child__code")
    )
    for parent_id, child_id, weight in links:
        if child_id in nodes:  # a child the user does not see is left out
            children[parent_id].append((child_id, weight))

    def build(node_id: int, weight: Decimal | None, remaining: int) -> CascadeNode:
        row = nodes[node_id]
        node = CascadeNode(
            code=row["code"], title=row["title"], level=level_names[row["level_id"]],
            unit_code=row["unit__code"], unit_name=row["unit__name"], tier=row["owner_tier"],
            weight=weight,
        )
        if remaining > 1:
            below = children.get(node_id, [])
            node.children = [
                build(child_id, child_weight, remaining - 1)
                for child_id, child_weight in below[:CASCADE_CHILDREN_SHOWN]
            ]
            node.hidden_children = max(0, len(below) - CASCADE_CHILDREN_SHOWN)
        return node

    roots = [row_id for row_id, row in nodes.items() if row["level_id"] == top_level]
    return [build(root, None, len(shown)) for root in roots]


@dataclass
class ThreadStep:
    """One card of an upward path: a parent result and the weight of the link
    by which the card below it contributes to it."""

    result: Result
    weight: Decimal


@dataclass
class ResultThread:
    """A result with everything that ties it into the plan."""

    result: Result
    paths: list[list[ThreadStep]]
    paths_total: int
    children: list[Link]

    @property
    def paths_hidden(self) -> int:
        return self.paths_total - len(self.paths)


def _upward_link_ids(result: Result) -> RawSQL:
    """The ids of every link on the way up from ``result``: a recursive query, so
    the whole upward closure comes back in one round trip however deep it is."""
    table = connection.ops.quote_name(Link._meta.db_table)
    sql = (
        f"WITH RECURSIVE up(id, parent_id) AS ("
        f" SELECT id, parent_id FROM {table} WHERE child_id = %s"
        f" UNION"
        f" SELECT l.id, l.parent_id FROM {table} l JOIN up ON l.child_id = up.parent_id"
        f") SELECT id FROM up"
    )
    return RawSQL(sql, (result.pk,))


def _upward_paths(
    start: int, parents: dict[int, list[tuple[int, Decimal]]], limit: int
) -> tuple[list[list[tuple[int, Decimal]]], int]:
    """Every path from ``start`` up to a result with no parent, top first.

    Returns at most ``limit`` paths and the total number of paths.
    """
    found: list[list[tuple[int, Decimal]]] = []
    total = 0
    # Iterative depth-first walk; each stack entry is the path so far, bottom first.
    stack: list[list[tuple[int, Decimal]]] = [[(parent, weight)] for parent, weight in
                                             reversed(parents.get(start, []))]
    while stack:
        path = stack.pop()
        top = path[-1][0]
        above = parents.get(top, [])
        seen = {node for node, _ in path}
        above = [(node, weight) for node, weight in above if node not in seen]
        if not above:
            total += 1
            if len(found) < limit:
                found.append(path[::-1])
            continue
        for parent, weight in reversed(above):
            stack.append([*path, (parent, weight)])
    return found, total


def result_thread(cycle: Cycle, code: str) -> ResultThread | None:
    """The result ``code`` of ``cycle`` with its thread: every upward path to the
    top of the cascade, and its children. None when the cycle has no such result."""
    result = (
        Result.objects.select_related("level", "unit", "unit__parent", "person", "person__unit")
        .filter(cycle=cycle, code=code)
        .first()
    )
    if result is None:
        return None
    upward = Link.objects.filter(pk__in=_upward_link_ids(result)).select_related(
        "parent", "parent__level", "parent__unit", "parent__person"
    ).order_by("parent__code")
    parents: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    by_id: dict[int, Result] = {}
    for link in upward:
        parents[link.child_id].append((link.parent_id, link.weight))
        by_id[link.parent_id] = link.parent
    raw_paths, total = _upward_paths(result.pk, parents, THREAD_PATHS_SHOWN)
    # Each path is top first; the weight on a step is that of the link from the step below.
    paths = [[ThreadStep(result=by_id[node], weight=weight) for node, weight in path]
             for path in raw_paths]
    children = list(
        Link.objects.filter(parent=result)
        .select_related("child", "child__level", "child__unit", "child__person")
        .order_by("child__level__rank", "child__code")
    )
    return ResultThread(result=result, paths=paths, paths_total=total, children=children)


# --- The strategy map: the cascade drawn as tiers, cards coloured by status ---------------

MAP_TIER_NAMES = {1: "Organisation", 2: "Sectors and bureaux", 3: "Departments and offices",
                  4: "People's work plans"}
STATUSES = ("on_track", "at_risk", "off_track", "no_data")
URL_SAFE = "!$&'()*+,;=/~:@"  # what ``reverse`` leaves unquoted in a path


@dataclass
class MapCard:
    id: int
    code: str
    title: str
    level: str
    tier: int
    unit_id: int
    status: str
    score: float | None
    coverage: float
    likely_to_miss: bool
    context: bool  # shown for the thread above the chosen unit, not itself chosen
    # Written once here rather than by template filters on each of hundreds of cards:
    href: str = ""  # the result's page
    status_label: str = ""
    score_text: str = ""  # the score without decimals, or a dash with no data


@dataclass
class MapGroup:
    """The cards of one unit in one tier: collapsible as a whole."""

    unit_id: int
    unit_code: str
    unit_name: str
    cards: list[MapCard]

    @property
    def counts(self) -> list[tuple[str, int]]:
        return [(s, sum(1 for c in self.cards if c.status == s)) for s in STATUSES]

    @property
    def cards_html(self) -> SafeString:
        """The group's cards as HTML, each from the one card template (``card_html``)."""
        template = card_template()
        return mark_safe("".join(  # each card escaped by the template
            card_html(
                id=c.id, code=c.code, title=c.title, status=c.status, href=c.href, chip=c.level,
                label=c.status_label, score=c.score_text, has_score=c.score is not None,
                context=c.context, miss=c.likely_to_miss, template=template,
            )
            for c in self.cards
        ))


CARD_TEMPLATE = "plans/_card.html"


def card_template() -> Any:
    """The card template compiled (the loader keeps it compiled outside debug mode)."""
    backend_template: Any = get_template(CARD_TEMPLATE)  # Django's engine: its compiled Template
    return backend_template.template


_CARD_TEXTS = ("id", "code", "title", "status", "href", "chip", "label", "score", "classes", "share", "year")
_card_formats: dict[tuple[Any, ...], str] = {}


def _card_format(template: Any, flags: tuple[bool, ...]) -> str:
    """The card template rendered once for one combination of its conditions (``flags``),
    with a marker in place of each text, turned into a ``str.format`` pattern: a card is
    then one format of escaped values, not a template rendering (a map draws hundreds)."""
    key = (id(template), *flags)
    found = _card_formats.get(key)
    if found is None:
        restricted, has_score, foot, share, miss, served = flags
        marked = template.render(Context({
            **{name: f"@@{name}@@" for name in _CARD_TEXTS}, "share": "@@share@@" if share else "",
            "restricted": restricted, "has_score": has_score, "foot": foot, "miss": miss,
            "served": served,
        }))
        found = marked.replace("{", "{{").replace("}", "}}")
        for name in _CARD_TEXTS:
            found = found.replace(f"@@{name}@@", f"{{{name}}}")
        if len(_card_formats) > 256:  # templates reloaded in debug mode
            _card_formats.clear()
        _card_formats[key] = found
    return found


def card_html(
    *, id: int, code: str, title: str, status: str, href: str, chip: str, label: str, score: str,
    has_score: bool, context: bool = False, own: bool = False, restricted: bool = False,
    foot: bool = False, share: str = "", year: int | None = None, miss: bool = False,
    served: bool = False, template: Any = None,
) -> SafeString:
    """One card of the strategy map or of a thread board, from the one card template
    (``plans/_card.html``: the markup strategy-map.js and app.css expect). The template is
    rendered once per combination of its conditions with markers for the texts; each card
    is then that pattern filled with its values, escaped as the template would escape them.

    ``chip``: the level (map) or the unit (boards); ``context``: on the thread above the
    chosen results, not itself chosen; ``own``: one of the board's starting results;
    ``restricted``: of a unit the viewer may not see (code and unit only), unless
    ``served`` by the work a board starts from (then shown whole, without its page's link);
    ``foot``: the status in words under the title, with ``share`` (percent of ``year``)."""
    pattern = _card_format(template or card_template(),
                           (restricted, has_score, foot, bool(share), miss, served))
    classes = (" mcard--context" if context else "") + (" mcard--own" if own else "")
    return mark_safe(pattern.format(  # every value escaped here
        id=id, code=escape(code), title=escape(title), status=escape(status), href=escape(href),
        chip=escape(chip), label=escape(label), score=escape(score), classes=escape(classes),
        share=escape(share), year="" if year is None else year,
    ))


@dataclass
class MapTier:
    tier: int
    name: str
    groups: list[MapGroup]

    @property
    def size(self) -> int:
        return sum(len(g.cards) for g in self.groups)


@dataclass
class StrategyMap:
    tiers: list[MapTier]
    links: list[tuple[int, int]]  # (child, parent) between cards on the map
    chosen: int  # cards matching the filters
    roots: list[int]  # the cards' ids, for scoring only what is on the map

    @property
    def size(self) -> int:
        return sum(t.size for t in self.tiers)


@dataclass
class MapFilters:
    unit: int | None = None  # a unit id: its whole subtree
    level: int | None = None  # a level id
    status: str | None = None


def unit_subtree(units: dict[int, tuple[int | None, str, str, int]], root: int) -> set[int]:
    """``root`` and every unit below it; ``units``: id -> (parent, code, name, tier)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, (parent, *_rest) in units.items():
        children[parent].append(pk)
    found, stack = set(), [root]
    while stack:
        pk = stack.pop()
        found.add(pk)
        stack.extend(children.get(pk, ()))
    return found


def with_ancestors(ids: set[int], links: list[tuple[int, int]]) -> set[int]:
    """``ids`` and every result above them through ``links`` (child, parent)."""
    parents: dict[int, list[int]] = defaultdict(list)
    for child, parent in links:
        parents[child].append(parent)
    found, stack = set(ids), list(ids)
    while stack:
        for parent in parents.get(stack.pop(), ()):
            if parent not in found:
                found.add(parent)
                stack.append(parent)
    return found


def map_units(cycle: Cycle) -> dict[int, tuple[int | None, str, str, int]]:
    from goldenthread.org.models import OrgUnit

    return {pk: (parent, code, name, tier) for pk, parent, code, name, tier in
            OrgUnit.objects.filter(cycle=cycle).order_by("tier", "code")
            .values_list("id", "parent_id", "code", "name", "tier")}


UnitRows = dict[int, tuple[int | None, str, str, int]]


def map_layout(
    cycle: Cycle, filters: MapFilters, visible_units: frozenset[int] | None, units: UnitRows
) -> tuple[list[int], set[int], list[tuple[int, int]]]:
    """Which results the map shows: (the ids of the results to score, which are the chosen
    ones; the chosen ones as a set; the links among them and the thread above them). Two
    queries.

    With a unit or level filter, the thread above the chosen results is shown too, for
    context. Those results' scores depend on the whole cycle (a goal above a department is
    the roll-up of every department), so they are not scored with the chosen ones but
    looked up by ``strategy_map`` in the whole cycle's kept scores
    (``indicators.selectors.cycle_scores``): the chosen results' subtree is all that is
    scored for the page."""
    # A unit's subtree holds units of this cycle only: filtered by them alone, the results
    # are found through the unit index instead of among every result of the cycle.
    rows = Result.objects.filter(cycle=cycle) if filters.unit is None else \
        Result.objects.filter(unit_id__in=unit_subtree(units, filters.unit))
    if visible_units is not None:
        rows = rows.filter(unit_id__in=visible_units)
    if filters.level is not None:
        rows = rows.filter(level_id=filters.level)
    chosen = set(rows.values_list("id", flat=True))
    # A few results are named by their ids, which the database looks up by index; many
    # are named by the query that chose them.
    ids: Any = sorted(chosen) if len(chosen) <= IDS_INLINE else rows.order_by().values("id")
    if not chosen:
        links: list[tuple[int, int]] = []
    elif filters.unit is None and filters.level is None:
        # The links from the chosen results, kept where the parent is chosen too (a second
        # list of ids in the query would have the database try every pair of the two).
        below = Link.objects.filter(child_id__in=ids) if isinstance(ids, list) else \
            Link.objects.filter(cycle=cycle)  # most of the cycle: all its links
        links = [(c, p) for c, p in below.order_by().values_list("child_id", "parent_id")
                 if c in chosen and p in chosen]
    else:  # every link on the way up from the chosen results, which leads to their thread
        links = _links_above(ids)
    return sorted(chosen), chosen, links


IDS_INLINE = 2000  # at most this many ids are written into a query as values


def _links_above(results: list[int] | QuerySet[Result]) -> list[tuple[int, int]]:
    """(child, parent) of every link on the way up from ``results`` (ids, or a query of
    ids): one recursive query, however deep the cascade, reading only the links of the
    thread above them."""
    table = connection.ops.quote_name(Link._meta.db_table)
    if isinstance(results, list):
        seed, params = ", ".join(["%s"] * len(results)), tuple(results)
    else:
        seed, params = results.query.sql_with_params()
    sql = (
        f"WITH RECURSIVE up(id, child_id, parent_id) AS ("
        f" SELECT l.id, l.child_id, l.parent_id FROM {table} l WHERE l.child_id IN ({seed})"
        f" UNION"
        f" SELECT l.id, l.child_id, l.parent_id FROM {table} l JOIN up ON l.child_id = up.parent_id"
        f") SELECT child_id, parent_id FROM up"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(child, parent) for child, parent in cursor.fetchall()]


def strategy_map(
    board: Any, shown: set[int], chosen: set[int], links: list[tuple[int, int]], filters: MapFilters,
    units: UnitRows, levels: dict[int, str], visible_units: frozenset[int] | None,
    ranks: dict[int, int] | None = None,
) -> StrategyMap:
    """Arrange the ``shown`` results, scored on ``board`` (an ``indicators.selectors.
    Scoreboard``), as tiers of unit groups, with the thread above them that ``links``
    reach (context cards, scored over the whole cycle: ``cycle_scores``). Context cards the
    user may not see are left out; a status filter keeps the matching cards and the thread
    above them."""
    results = [r for r in board.results.values() if r.id in shown]
    context = {end for link in links for end in link} - {r.id for r in results}
    if context:
        from goldenthread.indicators.selectors import cycle_scores

        whole = cycle_scores(board.cycle, board.period)
        results += [whole[pk] for pk in sorted(context) if pk in whole]
    results = [r for r in results if visible_units is None or r.unit_id in visible_units]
    if filters.status:
        keep = with_ancestors({r.id for r in results if r.id in chosen and r.status == filters.status}, links)
        results = [r for r in results if r.id in keep]
        chosen = chosen & {r.id for r in results if r.status == filters.status}
    groups: dict[tuple[int, int], MapGroup] = {}
    ranks = ranks or {}
    page = reverse("result_detail", args=[board.cycle.code, "CODE"]).rsplit("CODE", 1)
    labels = {status: status_label(status) for status in STATUSES}
    for r in sorted(results, key=lambda r: (r.tier, units[r.unit_id][1], ranks.get(r.level_id, 0), r.code)):
        key = (r.tier, r.unit_id)
        if key not in groups:
            _parent, code, name, _tier = units[r.unit_id]
            groups[key] = MapGroup(r.unit_id, code, name, [])
        groups[key].cards.append(MapCard(
            id=r.id, code=r.code, title=r.title, level=levels.get(r.level_id, ""), tier=r.tier,
            unit_id=r.unit_id, status=r.status, score=r.score, coverage=r.coverage,
            likely_to_miss=r.likely_to_miss, context=r.id not in chosen,
            href=quote(r.code, safe=URL_SAFE).join(page), status_label=labels.get(r.status, r.status),
            score_text="\u2013" if r.score is None else floatformat(r.score, 0),  # an en dash
        ))
    tiers = [
        MapTier(tier, MAP_TIER_NAMES.get(tier, f"Tier {tier}"),
                [g for (t, _), g in groups.items() if t == tier])
        for tier in sorted({t for t, _ in groups})
    ]
    on_map = {r.id for r in results}
    return StrategyMap(
        tiers=tiers, links=[(c, p) for c, p in links if c in on_map and p in on_map],
        chosen=len(chosen & on_map), roots=sorted(on_map),
    )


def unit_order(units: UnitRows) -> list[tuple[int, tuple[int | None, str, str, int]]]:
    """Units depth first, each under its parent, children by code: for pickers."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, (parent, *_rest) in sorted(units.items(), key=lambda kv: kv[1][1]):
        children[parent if parent in units else None].append(pk)
    ordered: list[tuple[int, tuple[int | None, str, str, int]]] = []
    stack = list(reversed(children[None]))
    while stack:
        pk = stack.pop()
        ordered.append((pk, units[pk]))
        stack.extend(reversed(children.get(pk, [])))
    return ordered


def link_weights(cycle: Cycle) -> dict[tuple[int, int], Decimal]:
    return {(c, p): w for c, p, w in
            Link.objects.filter(cycle=cycle).values_list("child_id", "parent_id", "weight")}


def result_own_costs(cycle: Cycle) -> dict[int, Decimal]:
    """Each result's own planned cost lines, summed over years, categories and sources."""
    from django.db.models import Sum

    from goldenthread.finance.models import CostLine

    return {pk: total for pk, total in CostLine.objects.filter(result__cycle=cycle)
            .values("result_id").annotate(total=Sum("amount")).values_list("result_id", "total")}


UNLINKED = "unlinked"  # the sunburst's wedge for results that serve nothing above them


def sunburst(smap: StrategyMap, weights: dict[tuple[int, int], Decimal],
             costs: dict[int, Decimal] | None) -> dict[str, Any]:
    """A sunburst of the map's results (Plotly's ids/parents/values, ``branchvalues:
    "remainder"``), each under the parent it serves with the most weight (ties: the lower
    code), coloured by score. The wedges fill the circle: only leaves carry a value, so a
    branch is exactly the sum of its leaves. By cost (``costs``), a result with both cost
    lines of its own and results below it gets an "own cost" leaf; by count (``costs=None``)
    each leaf counts one and ``results`` tells how many results a branch holds. Results
    below the top tier that serve nothing sit under one "Serving no goal" wedge."""
    cards = {c.id: c for t in smap.tiers for g in t.groups for c in g.cards}
    best: dict[int, tuple[Decimal, str, int]] = {}  # child -> (-weight, parent code, parent)
    for child, parent in smap.links:
        rank = (-weights.get((child, parent), Decimal(1)), cards[parent].code, parent)
        if child not in best or rank < best[child]:
            best[child] = rank
    top = min((c.tier for c in cards.values()), default=1)
    parent_of = {str(cid): str(best[cid][2]) if cid in best else ("" if card.tier == top else UNLINKED)
                 for cid, card in cards.items()}
    parent_of[UNLINKED] = ""
    branches = {p for p in parent_of.values() if p}
    held: dict[str, int] = {}  # the results in each branch, itself included
    for cid in cards:
        node, seen = str(cid), set()
        while node and node not in seen:
            seen.add(node)
            held[node] = held.get(node, 0) + 1
            node = parent_of[node]
    rows: list[tuple[str, str, str, float, float | None, str, int]] = []
    if UNLINKED in branches:
        rows.append((UNLINKED, "Serving no goal", "", 0.0, None, "results linked to nothing above them",
                     held[UNLINKED]))
    for card in sorted(cards.values(), key=lambda c: (c.tier, c.code)):
        key = str(card.id)
        own = float(costs.get(card.id, 0)) if costs is not None else 1.0
        branch = key in branches
        rows.append((key, card.code, parent_of[key], 0.0 if branch else own, card.score, card.title[:80],
                     held[key]))
        if branch and costs is not None and own:
            rows.append((f"{key}:own", "own cost", key, own, card.score,
                         f"cost lines of {card.code} itself", 1))
    names = ("ids", "labels", "parents", "values", "scores", "titles", "results")
    data: dict[str, Any] = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    data["by"] = "cost" if costs is not None else "count"
    return data
