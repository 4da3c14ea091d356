"""Writes of reviews and lessons. Every one is atomic, audited, and checks the actor's role.

- Planners and approvers of a unit hold its reviews: they create and freeze them, take
  notes, propose decisions and add follow-up actions.
- A decision is applied by whoever holds the role its kind needs on what it changes
  (``decisions.KINDS``: a planner for priorities, targets and outputs, a finance officer
  for budget, a risk officer for risks), inside ``audit.sourced("review:<pk>")`` so every
  audit row it writes points back to the review. A decision is applied once.
- A lesson is recorded for a unit by whoever holds a role there beyond viewing (reporter,
  approver, planner, finance officer, risk officer, administrator), linked to results of
  that unit or the units below it which they may see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from goldenthread.core import audit, permissions
from goldenthread.core.audit import ActorLike
from goldenthread.core.permissions import Action
from goldenthread.core.services import object_create, object_update
from goldenthread.org.models import OrgUnit, Person
from goldenthread.plans.models import Cycle, Result
from goldenthread.reviews import decisions
from goldenthread.reviews.choices import ActionStatus, DecisionStatus, ReviewStatus
from goldenthread.reviews.models import Decision, FollowUp, Lesson, Review, ReviewNote
from goldenthread.reviews.selectors import (
    may_hold,
    may_record_lesson,
    normalise_tags,
    review_snapshot,
    subtree,
    unit_tree,
)


def _user(actor: ActorLike) -> Any:
    return audit.actor_fields(actor)[0]


def require_holder(actor: ActorLike, unit: OrgUnit) -> None:
    user = _user(actor)
    if user is not None and not may_hold(user, unit):
        raise PermissionDenied(
            f"You may not hold a review of {unit.code} {unit.name}: planners and approvers "
            "of the unit (or a unit above it) do."
        )


def require_lesson_writer(actor: ActorLike, unit: OrgUnit) -> None:
    """A lesson of ``unit`` is recorded by whoever holds a role there beyond viewing."""
    user = _user(actor)
    if user is not None and not may_record_lesson(user, unit):
        raise PermissionDenied(
            f"You may not record a lesson for {unit.code} {unit.name}: none of your roles there "
            "allows it (reporter, approver, planner, finance officer, risk officer and "
            "administrator do; a viewer reads lessons)."
        )


def _require_open(review: Review) -> None:
    if review.status != ReviewStatus.OPEN:
        raise ValidationError(f"{review} is closed: nothing more is added to it.")


def source_of(review: Review) -> str:
    """The audit source of what a review changes."""
    return f"review:{review.pk}"


@transaction.atomic
def review_create(
    *, actor: ActorLike, cycle: Cycle, unit: OrgUnit, year: int, quarter: int, title: str = "",
    now: dt.datetime | None = None,
) -> Review:
    """Create the review of ``unit`` for ``year``-Q``quarter`` and freeze its snapshot."""
    require_holder(actor, unit)
    if Review.objects.filter(cycle=cycle, unit=unit, year=year, quarter=quarter).exists():
        raise ValidationError(
            f"{unit.code} already has a review for {year}-Q{quarter}; open it instead."
        )
    if not 1 <= int(quarter) <= 4:
        raise ValidationError({"quarter": f"A quarter is 1 to 4, not {quarter}."})
    user, label = audit.actor_fields(actor)
    now = now or timezone.now()
    review = Review(
        cycle=cycle, unit=unit, year=year, quarter=quarter,
        title=title.strip() or f"{unit.code} quarterly review, {year}-Q{quarter}",
        created_by=user, created_by_label=label, created_at=now, frozen_at=now,
    )
    review.full_clean(exclude=["snapshot"])
    review.snapshot = review_snapshot(cycle, unit, review.period, user=user, now=now)
    return object_create(actor=actor, obj=review, message="review created; snapshot frozen")


@transaction.atomic
def review_freeze(*, actor: ActorLike, review: Review, now: dt.datetime | None = None) -> Review:
    """Take the snapshot again, as the data stand now (an open review only)."""
    require_holder(actor, review.unit)
    _require_open(review)
    now = now or timezone.now()
    snapshot = review_snapshot(review.cycle, review.unit, review.period, user=_user(actor), now=now)
    return object_update(actor=actor, obj=review, data={"snapshot": snapshot, "frozen_at": now},
                         message="snapshot frozen again")


@transaction.atomic
def review_close(*, actor: ActorLike, review: Review) -> Review:
    """Close a review: its snapshot, notes and decisions stay as they are."""
    require_holder(actor, review.unit)
    _require_open(review)
    return object_update(actor=actor, obj=review, data={"status": ReviewStatus.CLOSED})


@transaction.atomic
def note_add(*, actor: ActorLike, review: Review, text: str) -> ReviewNote:
    require_holder(actor, review.unit)
    _require_open(review)
    if not text.strip():
        raise ValidationError({"text": "The note is empty."})
    user, label = audit.actor_fields(actor)
    return object_create(
        actor=actor, obj=ReviewNote(review=review, text=text.strip(), author=user, author_label=label)
    )


@transaction.atomic
def decision_propose(
    *, actor: ActorLike, review: Review, kind: str, params: dict[str, Any], rationale: str = ""
) -> Decision:
    """Propose a decision; its parameters are checked for its kind (one message per
    parameter) and stored in their checked form."""
    require_holder(actor, review.unit)
    _require_open(review)
    checked = decisions.check(review, kind, params)
    user, label = audit.actor_fields(actor)
    return object_create(
        actor=actor,
        obj=Decision(review=review, kind=kind, params=checked.params, rationale=rationale.strip(),
                     proposed_by=user, proposed_by_label=label),
    )


def _require_applier_role(user: Any, decision: Decision) -> None:
    """Refuse unless ``user`` holds the role the decision's kind needs somewhere in what its
    review covers (where exactly is checked against the records it changes)."""
    if permissions.is_unrestricted(user):
        return
    review = decision.review
    spec = decisions.kind_of(decision.kind)
    covered = subtree(unit_tree(review.cycle), review.unit_id)
    if not permissions.unit_ids(user, review.cycle_id, spec.action) & covered:
        roles = ", ".join(str(role.label).lower() for role in permissions.roles_granting(spec.action))
        raise PermissionDenied(
            f"You may not apply decision {decision.pk} ({decision.get_kind_display().lower()}): "
            f"it needs a role on {review.unit.code} {review.unit.name} or a unit below it "
            f"({roles}), and none of your roles there allows it."
        )


@transaction.atomic
def decision_apply(*, actor: ActorLike, decision: Decision, now: dt.datetime | None = None) -> Decision:
    """Apply a proposed decision: check its parameters again, check the applier's role on
    what it changes, run the plan's services inside ``audit.sourced("review:<pk>")``, and
    record who applied it, when, and what it changed. Applied once: a second apply is
    refused and changes nothing."""
    fresh = Decision.objects.select_for_update().select_related("review", "review__cycle",
                                                               "review__unit").get(pk=decision.pk)
    user, label = audit.actor_fields(actor)
    if user is not None:  # the role first: a refusal tells nothing of the decision's state
        _require_applier_role(user, fresh)
    if fresh.status == DecisionStatus.APPLIED:
        when = timezone.localtime(fresh.applied_at).strftime("%d %b %Y %H:%M") if fresh.applied_at else ""
        raise ValidationError(
            f"Decision {fresh.pk} ({fresh.get_kind_display().lower()}) was already applied"
            f"{' by ' + fresh.applied_by_label if fresh.applied_by_label else ''}"
            f"{' on ' + when if when else ''}: it is applied once, and nothing was changed now."
        )
    if fresh.status == DecisionStatus.WITHDRAWN:
        raise ValidationError(f"Decision {fresh.pk} was withdrawn: it cannot be applied.")
    review = fresh.review
    if review.status != ReviewStatus.OPEN:
        raise ValidationError(f"{review} is closed: its proposed decisions are no longer applied.")
    checked = decisions.check(review, fresh.kind, fresh.params)
    if user is not None:
        decisions.require_applier(user, fresh.kind, checked)
    with audit.sourced(source_of(review)):
        outcome = decisions.KINDS[fresh.kind].apply(actor, checked)
        applied = object_update(
            actor=actor, obj=fresh,
            data={"status": DecisionStatus.APPLIED, "applied_by": user, "applied_by_label": label,
                  "applied_at": now or timezone.now(), "outcome": outcome},
            message=f"applied: {outcome}",
        )
    return applied


@transaction.atomic
def decision_withdraw(*, actor: ActorLike, decision: Decision) -> Decision:
    fresh = Decision.objects.select_for_update().select_related("review", "review__unit").get(pk=decision.pk)
    require_holder(actor, fresh.review.unit)
    if fresh.status != DecisionStatus.PROPOSED:
        raise ValidationError(f"Decision {fresh.pk} is {fresh.get_status_display().lower()}: "
                              "only a proposed decision is withdrawn.")
    return object_update(actor=actor, obj=fresh, data={"status": DecisionStatus.WITHDRAWN})


@transaction.atomic
def action_add(
    *, actor: ActorLike, review: Review, description: str, owner: Person, due: dt.date,
    decision: Decision | None = None,
) -> FollowUp:
    require_holder(actor, review.unit)
    _require_open(review)
    if not description.strip():
        raise ValidationError({"description": "Say what is to be done."})
    return object_create(
        actor=actor,
        obj=FollowUp(review=review, description=description.strip(), owner=owner, due=due,
                     decision=decision),
    )


@transaction.atomic
def action_set_status(*, actor: ActorLike, action: FollowUp, status: str) -> FollowUp:
    """Move a follow-up action on: its review's holders, and its owner, may."""
    user = _user(actor)
    is_owner = user is not None and action.owner.user_id == user.pk
    if user is not None and not is_owner:  # the role first, then the status asked for
        require_holder(actor, action.review.unit)
    if status not in ActionStatus.values:
        raise ValidationError(
            {"status": f"'{status}' is not a status; one of: {', '.join(ActionStatus.values)}."}
        )
    return object_update(actor=actor, obj=action, data={"status": status})


@transaction.atomic
def lesson_create(
    *, actor: ActorLike, cycle: Cycle, unit: OrgUnit, title: str, what_happened: str, why: str,
    next_time: str, tags: str | Iterable[str] = "", results: Iterable[Result] = (),
    review: Review | None = None,
) -> Lesson:
    """Record a lesson learned for ``unit``, linked to ``results`` (which the actor must
    see) and to the review it came from."""
    user, label = audit.actor_fields(actor)
    if user is not None:
        require_lesson_writer(user, unit)
    linked = list(results)
    below: set[int] | None = None
    for result in linked:
        if result.cycle_id != cycle.pk:
            raise ValidationError({"results": f"{result.code} belongs to another cycle."})
        if user is not None:
            permissions.require(user, Action.VIEW, result)
        if below is None:
            below = subtree(unit_tree(cycle), unit.pk)
        if result.unit_id not in below:
            raise ValidationError({"results": (
                f"{result.code} belongs to {result.unit.code} {result.unit.name}, outside "
                f"{unit.code} and the units below it: a lesson of {unit.code} is linked to its "
                "own results."
            )})
    errors = {name: f"Say {words}." for name, value, words in (
        ("title", title, "what the lesson is about"), ("what_happened", what_happened, "what happened"),
        ("why", why, "why it happened"), ("next_time", next_time, "what to do next time"),
    ) if not value.strip()}
    if errors:
        raise ValidationError(errors)
    lesson = Lesson(
        cycle=cycle, unit=unit, title=title.strip(), what_happened=what_happened.strip(),
        why=why.strip(), next_time=next_time.strip(), tags=normalise_tags(tags), review=review,
        created_by=user, created_by_label=label,
    )
    lesson.full_clean()
    lesson.save(force_insert=True)
    lesson.results.set(linked)
    after = audit.snapshot(lesson)
    after["results"] = sorted(r.code for r in linked)
    audit.record(actor=actor, action="create", obj=lesson, after=after)
    return lesson
