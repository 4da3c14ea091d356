"""Pages of reviews and lessons.

Every page checks through ``core.permissions``: a review is shown to whoever sees every
unit it covers (``selectors.may_see``); its planners and approvers write to it; a decision
is applied by whoever holds the role its kind needs (the service checks it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from goldenthread.core import clock, permissions
from goldenthread.core.permissions import Action, cycle_view
from goldenthread.org.models import OrgUnit, Person
from goldenthread.plans.models import Cycle, Result
from goldenthread.reviews import decisions, forms, pack, selectors, services
from goldenthread.reviews.choices import DecisionKind, ReviewStatus
from goldenthread.reviews.models import Decision, FollowUp, Review


def _review(request: HttpRequest, cycle: Cycle, pk: int) -> Review:
    review = Review.objects.filter(cycle=cycle, pk=pk).select_related("unit", "cycle", "created_by").first()
    if review is None:
        raise Http404(f"No review {pk} in {cycle.code}")
    if not selectors.may_see(request.user, review, selectors.unit_tree(cycle)):
        raise PermissionDenied(
            f"You may not see this review: it covers {review.unit.code} {review.unit.name} and "
            "the units below it, and your roles do not cover all of them."
        )
    return review


def _errors(form: Any, error: ValidationError) -> None:
    """Put a service's refusal on the form: per field where it names one."""
    if hasattr(error, "error_dict"):
        for name, items in error.error_dict.items():
            field = name if name in form.fields else None
            for item in items:
                form.add_error(field, item.message % item.params if item.params else item.message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _holder_units(request: HttpRequest, cycle: Cycle) -> list[tuple[str, str]]:
    ids = permissions.unit_ids(request.user, cycle, Action.PLAN) | permissions.unit_ids(
        request.user, cycle, Action.APPROVE
    )
    return [
        (u.code, f"{u.code} {u.name}")
        for u in OrgUnit.objects.filter(cycle=cycle, pk__in=ids).order_by("tier", "code")
    ]


# ------------------------------------------------------------------ the list


def last_complete_quarter(cycle: Cycle, today: dt.date) -> tuple[int, int]:
    """The quarter a new review proposes: the last one complete before ``today``, kept
    within the cycle's years (its first quarter before the cycle starts, its last after)."""
    year, quarter = today.year, (today.month - 1) // 3  # the quarter before today's
    if quarter == 0:
        year, quarter = year - 1, 4
    if year < cycle.start_year:
        return cycle.start_year, 1
    if year > cycle.end_year:
        return cycle.end_year, 4
    return year, quarter


@cycle_view
def review_list(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """The reviews of the cycle the user sees; planners and approvers start one here."""
    units = _holder_units(request, cycle)
    year, quarter = last_complete_quarter(cycle, clock.today())
    form = forms.ReviewCreateForm(
        request.POST or None, units=units, years=list(cycle.years),
        initial={"year": year, "quarter": quarter},
    )
    if request.method == "POST":
        if not units:
            raise PermissionDenied("You may not hold a review in this cycle: planners and approvers do.")
        if form.is_valid():
            unit = OrgUnit.objects.get(cycle=cycle, code=form.cleaned_data["unit"])
            try:
                review = services.review_create(
                    actor=request.user, cycle=cycle, unit=unit, year=form.cleaned_data["year"],
                    quarter=form.cleaned_data["quarter"], title=form.cleaned_data["title"],
                )
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, f"{review.title}: the snapshot is frozen.")
                return redirect("review_detail", cycle.code, review.pk)
    elif request.method != "GET":
        return HttpResponse(status=405)
    return render(request, "reviews/list.html", {
        "cycle": cycle, "reviews": selectors.visible_reviews(cycle, request.user), "form": form,
        "may_create": bool(units),
    })


# ------------------------------------------------------------------ one review


@require_safe
def review_goto(request: HttpRequest, pk: int) -> HttpResponse:
    """A review by its number alone (an audit row's source names it so): its page."""
    review = Review.objects.filter(pk=pk).select_related("cycle").first()
    if review is None:
        raise Http404(f"No review {pk}")
    permissions.require(request.user, Action.VIEW, review.cycle)
    return redirect("review_detail", review.cycle.code, review.pk)


def _detail_context(request: HttpRequest, review: Review, **extra: Any) -> dict[str, Any]:
    page = selectors.review_page(review)
    context = pack.pack_context(review, page)
    user = request.user
    holder = review.status == ReviewStatus.OPEN and selectors.may_hold(user, review.unit)
    appliers = {
        kind: permissions.can(user, spec.action, review.unit) for kind, spec in decisions.KINDS.items()
    }
    context.update({
        "cycle": review.cycle,
        "holder": holder,
        "may_record_lesson": selectors.may_record_lesson(user, review.unit),
        "appliers": appliers,
        "kinds": DecisionKind.choices,
        "note_form": forms.NoteForm(),
        "action_form": forms.ActionForm(people=_people(page.people, review)),
        "lesson_form": forms.LessonForm(units=[(review.unit.code, str(review.unit))],
                                        initial={"unit": review.unit.code}),
        "status_form": forms.ActionStatusForm(),
    })
    propose = extra.pop("propose", None) or request.GET.get("propose")
    if holder and propose in decisions.KINDS and "decision_form" not in extra:
        context["decision_form"] = forms.DECISION_FORMS[propose](
            options=selectors.decision_options(review)
        )
    if propose in decisions.KINDS:
        context["propose"] = propose
        context["propose_label"] = DecisionKind(str(propose)).label
    context.update(extra)
    return context


def _people(people: list[Person], review: Review) -> list[tuple[str, list[tuple[str, str]]]]:
    """Who may own an action, in two groups: the people of the review's units first, then
    everyone else of the cycle (one query for the unit tree)."""
    covered = selectors.subtree(selectors.unit_tree(review.cycle), review.unit_id)
    inside = [(str(p.pk), f"{p.name} ({p.unit.code})") for p in people if p.unit_id in covered]
    outside = [(str(p.pk), f"{p.name} ({p.unit.code})") for p in people if p.unit_id not in covered]
    return [(f"{review.unit.code} and the units below it", inside), ("Other people of the cycle", outside)]


@require_safe
@cycle_view
def review_detail(request: HttpRequest, cycle: Cycle, pk: int) -> HttpResponse:
    review = _review(request, cycle, pk)
    return render(request, "reviews/detail.html", _detail_context(request, review))


_T = TypeVar("_T")


def _attempt(request: HttpRequest, call: Callable[[], _T]) -> _T | None:
    """Run a service for a button: what it returns, or None when it refused (the refusal
    becomes the page's error message)."""
    try:
        return call()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None


def _back(review: Review, anchor: str = "") -> HttpResponse:
    url = reverse("review_detail", args=[review.cycle.code, review.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


@require_POST
@cycle_view
def review_freeze(request: HttpRequest, cycle: Cycle, pk: int) -> HttpResponse:
    review = _review(request, cycle, pk)
    if _attempt(request, lambda: services.review_freeze(actor=request.user, review=review)) is not None:
        messages.success(request, "The snapshot is frozen again, as the data stand now.")
    return _back(review)


@require_POST
@cycle_view
def review_close(request: HttpRequest, cycle: Cycle, pk: int) -> HttpResponse:
    review = _review(request, cycle, pk)
    if _attempt(request, lambda: services.review_close(actor=request.user, review=review)) is not None:
        messages.success(request, "The review is closed.")
    return _back(review)


@require_POST
@cycle_view
def note_add(request: HttpRequest, cycle: Cycle, pk: int) -> HttpResponse:
    review = _review(request, cycle, pk)
    services.require_holder(request.user, review.unit)
    form = forms.NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(actor=request.user, review=review, text=form.cleaned_data["text"])
        except ValidationError as error:
            _errors(form, error)
        else:
            return _back(review, "notes")
    return render(request, "reviews/detail.html", _detail_context(request, review, note_form=form),
                  status=400)


@require_POST
@cycle_view
def decision_propose(request: HttpRequest, cycle: Cycle, pk: int) -> HttpResponse:
    review = _review(request, cycle, pk)
    services.require_holder(request.user, review.unit)
    kind = request.POST.get("kind", "")
    if kind not in forms.DECISION_FORMS:
        messages.error(request, f"'{kind}' is not a kind of decision.")
        return _back(review, "decisions")
    form = forms.DECISION_FORMS[kind](request.POST, options=selectors.decision_options(review))
    if form.is_valid():
        try:
            services.decision_propose(actor=request.user, review=review, kind=kind, params=form.params(),
                                      rationale=form.cleaned_data.get("rationale", ""))
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, f"Decision proposed: {DecisionKind(kind).label.lower()}.")
            return _back(review, "decisions")
    return render(request, "reviews/detail.html",
                  _detail_context(request, review, decision_form=form, propose=kind), status=400)


def _decision(review: Review, dpk: int) -> Decision:
    decision = Decision.objects.filter(review=review, pk=dpk).first()
    if decision is None:
        raise Http404(f"No decision {dpk} in this review")
    return decision


@require_POST
@cycle_view
def decision_apply(request: HttpRequest, cycle: Cycle, pk: int, dpk: int) -> HttpResponse:
    review = _review(request, cycle, pk)
    decision = _decision(review, dpk)
    applied = _attempt(request, lambda: services.decision_apply(actor=request.user, decision=decision))
    if applied is not None:
        messages.success(request, f"Decision {applied.pk} applied: {applied.outcome}.")
    return _back(review, "decisions")


@require_POST
@cycle_view
def decision_withdraw(request: HttpRequest, cycle: Cycle, pk: int, dpk: int) -> HttpResponse:
    review = _review(request, cycle, pk)
    decision = _decision(review, dpk)
    _attempt(request, lambda: services.decision_withdraw(actor=request.user, decision=decision))
    return _back(review, "decisions")


@require_POST
@cycle_view
def action_add(request: HttpRequest, cycle: Cycle, pk: int) -> HttpResponse:
    review = _review(request, cycle, pk)
    services.require_holder(request.user, review.unit)
    people = Person.objects.filter(cycle=cycle).select_related("unit").order_by("name")
    form = forms.ActionForm(request.POST, people=_people(list(people), review))
    if form.is_valid():
        owner = people.get(pk=form.cleaned_data["owner"])
        try:
            services.action_add(actor=request.user, review=review,
                                description=form.cleaned_data["description"], owner=owner,
                                due=form.cleaned_data["due"])
        except ValidationError as error:
            _errors(form, error)
        else:
            return _back(review, "actions")
    return render(request, "reviews/detail.html", _detail_context(request, review, action_form=form),
                  status=400)


@require_POST
@cycle_view
def action_status(request: HttpRequest, cycle: Cycle, pk: int, apk: int) -> HttpResponse:
    review = _review(request, cycle, pk)
    action = FollowUp.objects.filter(review=review, pk=apk).select_related("owner", "review__unit").first()
    if action is None:
        raise Http404(f"No action {apk} in this review")
    status = request.POST.get("status", "")
    _attempt(request, lambda: services.action_set_status(actor=request.user, action=action, status=status))
    return _back(review, "actions")


@require_safe
@cycle_view
def review_pdf(request: HttpRequest, cycle: Cycle, pk: int) -> HttpResponse:
    review = _review(request, cycle, pk)
    response = HttpResponse(pack.pack_pdf(review), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_pack_name(review)}.pdf"'
    return response


@require_safe
@cycle_view
def review_xlsx(request: HttpRequest, cycle: Cycle, pk: int) -> HttpResponse:
    review = _review(request, cycle, pk)
    response = HttpResponse(
        pack.pack_xlsx(review),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_pack_name(review)}.xlsx"'
    return response


def _pack_name(review: Review) -> str:
    return f"review-{review.cycle.code}-{review.unit.code}-{review.period}".replace(" ", "_")


# ------------------------------------------------------------------ lessons


def _lesson_from(request: HttpRequest, cycle: Cycle, form: forms.LessonForm,
                 review: Review | None) -> bool:
    """Create the lesson of a valid form; False (errors on the form) when refused."""
    unit = OrgUnit.objects.filter(cycle=cycle, code=form.cleaned_data["unit"]).first()
    codes = form.result_codes()
    found = {r.code: r for r in Result.objects.visible_to(request.user).filter(cycle=cycle, code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        form.add_error("results", f"No result {', '.join(missing)} among those you see in {cycle.code}.")
        return False
    assert unit is not None
    try:
        services.lesson_create(
            actor=request.user, cycle=cycle, unit=unit, title=form.cleaned_data["title"],
            what_happened=form.cleaned_data["what_happened"], why=form.cleaned_data["why"],
            next_time=form.cleaned_data["next_time"], tags=form.cleaned_data["tags"],
            results=[found[c] for c in codes], review=review,
        )
    except ValidationError as error:
        _errors(form, error)
        return False
    return True


@require_POST
@cycle_view
def review_lesson_add(request: HttpRequest, cycle: Cycle, pk: int) -> HttpResponse:
    review = _review(request, cycle, pk)
    services.require_lesson_writer(request.user, review.unit)
    form = forms.LessonForm(request.POST, units=[(review.unit.code, str(review.unit))])
    if form.is_valid() and _lesson_from(request, cycle, form, review):
        messages.success(request, "Lesson recorded.")
        return _back(review, "lessons")
    return render(request, "reviews/detail.html", _detail_context(request, review, lesson_form=form),
                  status=400)


@cycle_view
def lesson_register(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    """The lessons learned of the cycle: search by words and tag; record one."""
    visible = list(OrgUnit.objects.visible_to(request.user).filter(cycle=cycle).order_by("tier", "code"))
    units = [(u.code, f"{u.code} {u.name}") for u in visible if selectors.may_record_lesson(request.user, u)]
    form = forms.LessonForm(request.POST or None, units=units)
    if request.method == "POST":
        chosen = next((u for u in visible if u.code == request.POST.get("unit", "")), None)
        if chosen is not None:  # the role first: a unit one sees but may not write to is refused
            services.require_lesson_writer(request.user, chosen)
        if not units:
            raise PermissionDenied(
                "You may not record a lesson in this cycle: lessons are recorded by those who hold "
                "a role beyond viewing on a unit (reporter, approver, planner, finance officer, "
                "risk officer, administrator)."
            )
        if form.is_valid() and _lesson_from(request, cycle, form, None):
            messages.success(request, "Lesson recorded.")
            return redirect("lesson_register", cycle.code)
    elif request.method != "GET":
        return HttpResponse(status=405)
    text = request.GET.get("q", "").strip()
    tag = request.GET.get("tag", "").strip()
    return render(request, "reviews/lessons.html", {
        "cycle": cycle, "lessons": list(selectors.lessons_search(cycle, request.user, text, tag)[:200]),
        "tags": selectors.lesson_tags(cycle, request.user), "q": text, "tag": tag, "form": form,
        "open_form": request.method == "POST", "may_record": bool(units),
    }, status=400 if request.method == "POST" else 200)


@require_safe
@cycle_view
def result_lessons(request: HttpRequest, cycle: Cycle, result_code: str) -> HttpResponse:
    """The lessons of a result, for the panel on its page (htmx) or as a page."""
    result = Result.objects.filter(cycle=cycle, code=result_code).select_related("unit").first()
    if result is None:
        raise Http404(f"No result {result_code} in {cycle.code}")
    permissions.require(request.user, Action.VIEW, result)
    context = {"cycle": cycle, "result": result, "lessons": selectors.result_lessons(result, request.user)}
    htmx = bool(getattr(request, "htmx", False))
    template = "reviews/_result_lessons_list.html" if htmx else "reviews/result_lessons.html"
    return render(request, template, context)
