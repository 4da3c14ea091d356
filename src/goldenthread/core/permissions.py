"""Who may do what: roles on org-unit subtrees. The one home of every permission rule.

A user holds *roles* (``org.RoleAssignment``) on units; a role on a unit applies to
the unit and every unit below it. Each role grants a set of *actions* (``ROLE_ACTIONS``).
A user tied to a person of a cycle (``Person.user``) also views their own unit's
subtree, and reports on the indicators they are ``responsible`` for. Django
superusers may do everything.

Viewing is wider than acting: a user sees the units of their subtrees *and the
ancestors of those units*, so every member of staff sees the organisation's goals
and their own bureau's objectives, but not another bureau's departments. Every
other action covers the subtrees only.

Data that belongs to no unit (a cycle, its levels, grades, funds, revenue, an action
line with no owner) belongs to the organisation as a whole: anyone who may view some
unit of the cycle views it; any other action on it needs that action on the cycle's
top unit.

``user=None`` means the operator of the machine (a command run without ``--user``):
it sees and may do everything, like the database owner it is.

The API:

- ``unit_ids(user, cycle, action)``: the ids of the units where ``user`` may ``action``;
- ``can(user, action, obj)`` / ``require(user, action, obj)`` (raises ``PermissionDenied``
  with a message naming the unit);
- ``Model.objects.visible_to(user, action=VIEW)`` on every model holding unit data
  (``ScopedManager(unit=..., cycle=...)`` declares its path to the owning unit);
- ``cycle_for(user, code)`` and the ``cycle_view`` decorator for pages of a cycle;
- ``can_search_audit(user)`` / ``audit_cycle_codes(user)`` for the audit log.

What a user may do is read in two queries the first time it is needed, and kept on
the user object for the rest of the request (``forget(user)`` drops it).
"""

from __future__ import annotations

import enum
import functools
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import CharField, Q, Value
from django.http import Http404, HttpRequest, HttpResponse

from goldenthread.org.choices import Role

if TYPE_CHECKING:
    from goldenthread.org.models import OrgUnit
    from goldenthread.plans.models import Cycle


class Action(enum.StrEnum):
    """What a user may do to unit data."""

    VIEW = "view"
    REPORT = "report"  # enter and submit actuals
    APPROVE = "approve"  # approve or return submitted actuals
    PLAN = "plan"  # change results, links, indicators, targets; unlock approved periods
    COST = "cost"  # cost the outputs: cost lines and staff time allocations
    FINANCE = "finance"  # funds, the ledger, revenue, grades' standard costs (and costing)
    RISK = "risk"  # risks and assumptions
    ADMIN = "admin"  # grant and withdraw roles; read the audit log (organisation-wide)


VIEW, REPORT, APPROVE, PLAN, COST, FINANCE, RISK, ADMIN = (
    Action.VIEW, Action.REPORT, Action.APPROVE, Action.PLAN, Action.COST, Action.FINANCE,
    Action.RISK, Action.ADMIN,
)

# Which actions each role grants. Every role views; an approver also reports; planners
# and finance officers both cost the outputs (a costed plan is drawn up by the planners,
# the money behind it kept by finance); an administrator may do everything.
ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.VIEWER: frozenset({VIEW}),
    Role.REPORTER: frozenset({VIEW, REPORT}),
    Role.APPROVER: frozenset({VIEW, REPORT, APPROVE}),
    Role.PLANNER: frozenset({VIEW, PLAN, COST}),
    Role.FINANCE: frozenset({VIEW, COST, FINANCE}),
    Role.RISK_OFFICER: frozenset({VIEW, RISK}),
    Role.ADMIN: frozenset(Action),
}
# A person of the cycle views their own unit's subtree (and its ancestors).
PERSON = "~person"
PERSON_ACTIONS = frozenset({VIEW})
# Being responsible for an indicator lets a person view it and report on it.
RESPONSIBLE_ACTIONS = frozenset({VIEW, REPORT})

_VERBS = {
    VIEW: "see", REPORT: "report on", APPROVE: "approve the reports of", PLAN: "change",
    COST: "change the costing of", FINANCE: "manage the money of", RISK: "manage the risks of",
    ADMIN: "administer",
}
_CACHE = "_goldenthread_grants"


def roles_granting(action: Action | str) -> list[Role]:
    """The roles that grant ``action``, in the order of ``Role``."""
    return [role for role in Role if Action(action) in ROLE_ACTIONS[role]]


# ------------------------------------------------------------------ what a user holds


class Grants:
    """What one user may do, across the cycles they have a role or a person in."""

    def __init__(
        self,
        rows: Iterable[tuple[int, str]],
        units: Iterable[tuple[int, int | None, int, str]],
    ) -> None:
        parent: dict[int, int | None] = {}
        children: dict[int, list[int]] = defaultdict(list)
        self.unit_cycle: dict[int, int] = {}
        self.cycle_units: dict[int, set[int]] = defaultdict(set)
        self.cycle_roots: dict[int, set[int]] = defaultdict(set)
        self.cycle_codes: dict[int, str] = {}
        for unit_id, parent_id, cycle_id, cycle_code in units:
            parent[unit_id] = parent_id
            self.unit_cycle[unit_id] = cycle_id
            self.cycle_units[cycle_id].add(unit_id)
            self.cycle_codes[cycle_id] = cycle_code
            if parent_id is None:
                self.cycle_roots[cycle_id].add(unit_id)
            else:
                children[parent_id].append(unit_id)

        subtrees: dict[int, frozenset[int]] = {}

        def subtree(unit_id: int) -> frozenset[int]:
            if unit_id not in subtrees:
                found, stack = {unit_id}, [unit_id]
                while stack:
                    for child in children.get(stack.pop(), ()):
                        if child not in found:
                            found.add(child)
                            stack.append(child)
                subtrees[unit_id] = frozenset(found)
            return subtrees[unit_id]

        by_action: dict[Action, set[int]] = {action: set() for action in Action}
        self.roles: list[tuple[int, str]] = []
        for unit_id, role in rows:
            if unit_id not in parent:
                continue
            self.roles.append((unit_id, role))
            actions = PERSON_ACTIONS if role == PERSON else ROLE_ACTIONS.get(role, frozenset())
            for action in actions:
                by_action[action] |= subtree(unit_id)
            node: int | None = parent[unit_id]
            while node is not None and node not in by_action[VIEW]:
                by_action[VIEW].add(node)  # the ancestors of a unit one views
                node = parent[node]
        self.by_action = {action: frozenset(ids) for action, ids in by_action.items()}
        self.cycles = frozenset(self.unit_cycle[unit_id] for unit_id, _ in self.roles)
        self._summarise()

    def units(self, action: Action, cycle_id: int | None = None) -> frozenset[int]:
        ids = self.by_action[action]
        if cycle_id is None:
            return ids
        return frozenset(ids & self.cycle_units.get(cycle_id, set()))

    def full_cycles(self, action: Action) -> frozenset[int]:
        """Cycles in which ``action`` covers every unit: no need to list their units."""
        return self._full[action]

    def partial_units(self, action: Action) -> frozenset[int]:
        """Units where ``action`` is allowed, in cycles where it is not allowed everywhere."""
        return self._partial[action]

    def organisation_cycles(self, action: Action) -> frozenset[int]:
        """Cycles where ``action`` extends to data of the organisation as a whole: for
        viewing, every cycle the user is in; for other actions, cycles whose top units
        all allow it."""
        return self._organisation[action]

    def _summarise(self) -> None:
        self._full: dict[Action, frozenset[int]] = {}
        self._partial: dict[Action, frozenset[int]] = {}
        self._organisation: dict[Action, frozenset[int]] = {}
        for action, ids in self.by_action.items():
            full = frozenset(c for c, units in self.cycle_units.items() if units <= ids)
            self._full[action] = full
            self._partial[action] = frozenset(u for u in ids if self.unit_cycle[u] not in full)
            self._organisation[action] = self.cycles if action == VIEW else frozenset(
                c for c, roots in self.cycle_roots.items() if roots and roots <= ids
            )


def _load_grants(user: Any) -> Grants:
    from goldenthread.org.models import OrgUnit, Person, RoleAssignment

    person = Value(PERSON, output_field=CharField())
    rows = list(
        RoleAssignment.objects.filter(user_id=user.pk).order_by().values_list("unit_id", "role")
        .union(
            Person.objects.filter(user_id=user.pk).order_by().annotate(role=person)
            .values_list("unit_id", "role")
        )
    )
    units: list[tuple[int, int | None, int, str]] = []
    if rows:
        cycles = OrgUnit.objects.filter(pk__in={unit_id for unit_id, _ in rows}).values("cycle_id")
        units = list(
            OrgUnit.objects.filter(cycle_id__in=cycles).order_by()
            .values_list("id", "parent_id", "cycle_id", "cycle__code")
        )
    return Grants(rows, units)


def grants_of(user: Any) -> Grants:
    """The user's grants, read once and kept on the user object (so, for a page, once
    per request)."""
    grants = getattr(user, _CACHE, None)
    if grants is None:
        grants = _load_grants(user)
        setattr(user, _CACHE, grants)
    return grants


def forget(user: Any) -> None:
    """Drop what was read about ``user``'s roles (after granting or withdrawing one)."""
    if user is not None and hasattr(user, _CACHE):
        delattr(user, _CACHE)


def is_operator(user: Any) -> bool:
    """No user: a command run by whoever operates the machine."""
    return user is None


def is_unrestricted(user: Any) -> bool:
    """The operator, or an active superuser: no scoping at all."""
    if user is None:
        return True
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def _cycle_id(cycle: Cycle | int) -> int:
    return cycle if isinstance(cycle, int) else cycle.pk


def unit_ids(user: Any, cycle: Cycle | int, action: Action | str = VIEW) -> frozenset[int]:
    """The ids of the units of ``cycle`` where ``user`` may ``action``."""
    from goldenthread.org.models import OrgUnit

    action = Action(action)
    if is_unrestricted(user):
        return frozenset(OrgUnit.objects.filter(cycle_id=_cycle_id(cycle)).values_list("pk", flat=True))
    if not _signed_in(user):
        return frozenset()
    return grants_of(user).units(action, _cycle_id(cycle))


# ------------------------------------------------------------------ scoped querysets


_M = TypeVar("_M", bound=models.Model)


@dataclass
class UnitScope:
    """How a model reaches the unit that owns its rows.

    ``unit`` is the lookup path to the owning ``OrgUnit`` ("" for a unit itself, None
    for data of the organisation as a whole); ``cycle`` the path to the cycle ("" for a
    cycle itself); ``responsible`` the path to a person who may view and report on the
    row whatever their roles (an indicator's responsible person).
    """

    model: type[models.Model]
    unit: str | None
    cycle: str
    responsible: str | None = None

    @functools.cached_property
    def unit_nullable(self) -> bool:
        """Whether a row may have no owning unit (it then belongs to the organisation)."""
        if not self.unit:
            return False
        model: Any = self.model
        for name in self.unit.split("__"):
            field = model._meta.get_field(name)
            if field.null:
                return True
            model = field.related_model
        return False

    def _lookup(self, path: str | None, suffix: str) -> str:
        return f"{path}__{suffix}" if path else f"pk__{suffix}"

    def condition(self, user: Any, grants: Grants, action: Action) -> Q | None:
        """The filter that keeps the rows ``user`` may ``action``; None when none are."""
        parts: list[Q] = []
        organisation = grants.organisation_cycles(action)
        if self.unit is None:
            if organisation:
                parts.append(Q(**{self._lookup(self.cycle, "in"): organisation}))
        else:
            full = grants.full_cycles(action)
            if full:
                parts.append(Q(**{self._lookup(self.cycle, "in"): full}))
            partial = grants.partial_units(action)
            if partial:
                parts.append(Q(**{self._lookup(self.unit, "in"): partial}))
            if self.unit_nullable and organisation:
                parts.append(Q(**{f"{self.unit}__isnull": True,
                                  self._lookup(self.cycle, "in"): organisation}))
        if self.responsible and action in RESPONSIBLE_ACTIONS:
            parts.append(Q(**{f"{self.responsible}__user": user}))
        return functools.reduce(operator.or_, parts) if parts else None


def scope_of(model: type[models.Model]) -> UnitScope:
    scope = getattr(model, "unit_scope", None)
    if not isinstance(scope, UnitScope):
        raise TypeError(f"{model.__name__} declares no path to its unit (ScopedManager)")
    return scope


class ScopedQuerySet(models.QuerySet[_M]):
    """A queryset that can keep only what a user may see (or act on)."""

    def visible_to(self, user: Any, action: Action | str = VIEW) -> ScopedQuerySet[_M]:
        """The rows ``user`` may ``action`` (view by default). ``user=None`` is the operator
        of the machine, who sees everything; an anonymous user sees nothing."""
        if is_unrestricted(user):
            return self.all()
        if not _signed_in(user):
            return self.none()
        condition = scope_of(self.model).condition(user, grants_of(user), Action(action))
        return self.filter(condition) if condition is not None else self.none()


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):  # type: ignore[misc]
    """The default manager of a model holding unit data, declaring its path to the unit:
    ``objects = ScopedManager(unit="result__unit", cycle="result__cycle")``."""

    def __init__(
        self, *, unit: str | None = None, cycle: str = "", responsible: str | None = None
    ) -> None:
        # Defaults only for the related managers Django derives from this class.
        super().__init__()
        self.unit_path = unit
        self.cycle_path = cycle
        self.responsible_path = responsible

    def contribute_to_class(self, cls: type[models.Model], name: str) -> None:
        super().contribute_to_class(cls, name)
        if not cls._meta.abstract:
            cls.unit_scope = UnitScope(  # type: ignore[attr-defined]
                cls, self.unit_path, self.cycle_path, self.responsible_path
            )


# ------------------------------------------------------------------ single objects


def _walk(obj: Any, path: str) -> Any:
    """Follow ``a__b__c`` from ``obj`` and return the id at the end (no query for the last
    step); None when a link on the way is empty."""
    if path == "":
        return obj.pk
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop)
        if obj is None:
            return None
    field = obj._meta.get_field(last)
    return getattr(obj, field.attname) if field.is_relation else getattr(obj, last)


def _object(obj: Any, path: str) -> Any:
    if path == "":
        return obj
    for hop in path.split("__"):
        obj = getattr(obj, hop)
        if obj is None:
            return None
    return obj


def can(user: Any, action: Action | str, obj: models.Model) -> bool:
    """Whether ``user`` may ``action`` on ``obj`` (a unit, a result, a cycle, or any
    record of a model with a ``ScopedManager``)."""
    action = Action(action)
    if is_unrestricted(user):
        return True
    if not _signed_in(user):
        return False
    grants = grants_of(user)
    scope = scope_of(type(obj))
    unit_id = _walk(obj, scope.unit) if scope.unit is not None else None
    if unit_id is not None:
        if unit_id in grants.by_action[action]:
            return True
    elif grants.organisation_cycles(action) and _walk(obj, scope.cycle) in grants.organisation_cycles(
        action
    ):
        return True
    if scope.responsible and action in RESPONSIBLE_ACTIONS:
        person = _object(obj, scope.responsible)
        return person is not None and person.user_id == user.pk
    return False


def owning_unit(obj: models.Model) -> OrgUnit | None:
    """The unit a record belongs to; None for data of the organisation as a whole."""
    scope = scope_of(type(obj))
    return _object(obj, scope.unit) if scope.unit is not None else None


def refusal(action: Action | str, obj: models.Model) -> str:
    """Why a user may not ``action`` on ``obj``, in words, naming the unit."""
    action = Action(action)
    what = obj._meta.verbose_name
    unit = owning_unit(obj)
    if unit is None:
        scope = scope_of(type(obj))
        cycle = _object(obj, scope.cycle)
        if action == VIEW:
            return f"You may not {_VERBS[action]} {cycle}: you have no role in this cycle."
        return (
            f"You may not {_VERBS[action]} this {what}: it belongs to the whole organisation "
            f"in {getattr(cycle, 'code', cycle)}, and none of your roles covers its top unit."
        )
    roles = ", ".join(str(role.label).lower() for role in roles_granting(action))
    if unit is obj:  # a unit itself: name it, rather than say it belongs to itself
        return (
            f"You may not {_VERBS[action]} {unit.code} {unit.name}: none of your roles there "
            f"allows it ({roles} do)."
        )
    if action == APPROVE and what == "actual":  # approving a value, in the reporter's words
        return (
            f"You may not approve or return this value: it belongs to {unit.code} {unit.name}, "
            f"and none of your roles there allows it ({roles} do)."
        )
    return (
        f"You may not {_VERBS[action]} this {what}: it belongs to {unit.code} {unit.name}, "
        f"and none of your roles there allows it ({roles} do)."
    )


def require(user: Any, action: Action | str, obj: models.Model) -> None:
    """Refuse (``PermissionDenied``, with a message naming the unit) unless ``can``."""
    if not can(user, action, obj):
        raise PermissionDenied(refusal(action, obj))


# ------------------------------------------------------------------ pages of a cycle


def cycle_for(user: Any, code: str) -> Cycle:
    """The cycle ``code``, if ``user`` may see it: 404 when there is none, 403 when the
    user has no role and no person in it."""
    from goldenthread.plans.models import Cycle

    cycle = Cycle.objects.filter(code=code).first()
    if cycle is None:
        raise Http404(f"No cycle {code}")
    require(user, VIEW, cycle)
    return cycle


def cycle_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a page under ``cycles/<cycle_code>/``: the view receives the ``cycle`` in place
    of its code, after the user is found to see it (else 404 or 403)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, cycle_code: str, *args: Any, **kwargs: Any) -> HttpResponse:
        return view(request, cycle_for(request.user, cycle_code), *args, **kwargs)

    return wrapped


# ------------------------------------------------------------------ the audit log


def audit_cycle_codes(user: Any) -> frozenset[str] | None:
    """The cycles whose audit log ``user`` may search: None for all (superusers, the
    operator); else the cycles where they administer the whole organisation."""
    if is_unrestricted(user):
        return None
    if not _signed_in(user):
        return frozenset()
    grants = grants_of(user)
    return frozenset(grants.cycle_codes[c] for c in grants.organisation_cycles(ADMIN))


def can_search_audit(user: Any) -> bool:
    codes = audit_cycle_codes(user)
    return codes is None or bool(codes)
