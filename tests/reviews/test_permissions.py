"""Who may see and do what on reviews: a member of another unit and an outsider are refused
(403), anonymous visitors are sent to sign in, and a refused write changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from goldenthread.core.models import AuditEntry
from goldenthread.reviews.models import Decision, ReviewNote
from goldenthread.reviews.services import decision_propose, review_create
from tests.pages.conftest import client_of
from tests.reviews.conftest import NOW


def pages(review, decision) -> list[str]:  # type: ignore[no-untyped-def]
    base = f"/cycles/SP2028/reviews/{review.pk}/"
    return [base, base + "?propose=change_target", base + "pack.pdf", base + "pack.xlsx"]


def writes(review, decision) -> list[tuple[str, dict[str, str]]]:  # type: ignore[no-untyped-def]
    base = f"/cycles/SP2028/reviews/{review.pk}/"
    return [
        (base + "notes/", {"text": "a note"}),
        (base + "decisions/", {"kind": "change_priority", "output": "OP9.9", "priority": "must"}),
        (base + f"decisions/{decision.pk}/apply/", {}),
        (base + f"decisions/{decision.pk}/withdraw/", {}),
        (base + "actions/", {"description": "x", "owner": "1", "due": "2029-03-01"}),
        (base + "freeze/", {}),
        (base + "close/", {}),
        (base + "lessons/", {"title": "t", "what_happened": "w", "why": "y", "next_time": "n",
                             "unit": "BDT", "results": ""}),
    ]


@pytest.fixture
def decision(review, bdt_planner) -> Decision:  # type: ignore[no-untyped-def]
    return decision_propose(actor=bdt_planner, review=review, kind="change_target",
                            params={"indicator": "K2", "period": "2029", "value": "8"})


@pytest.mark.parametrize("persona", ["other", "outsider", "owner"])
def test_a_review_is_refused_to_whoever_does_not_see_every_unit_it_covers(
    request, review, decision, persona
):
    # owner: Amina of BDT-DNS sees BDT (above her) but not RO-AFR, which the review covers
    browser = client_of(request.getfixturevalue(persona))
    rows = AuditEntry.objects.count()
    for url in pages(review, decision):
        assert browser.get(url).status_code == 403, url
    for url, data in writes(review, decision):
        assert browser.post(url, data).status_code == 403, url
    assert AuditEntry.objects.count() == rows
    assert not ReviewNote.objects.exists()
    decision.refresh_from_db()
    assert decision.status == "proposed"


def test_anonymous_visitors_are_sent_to_sign_in(client: Client, review, decision):
    for url in [*pages(review, decision), "/cycles/SP2028/reviews/", "/cycles/SP2028/lessons/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/"), url
    for url, data in writes(review, decision):
        assert client.post(url, data).status_code == 302, url


def test_staff_of_the_unit_read_its_review_but_do_not_write_to_it(bdt, bdt_planner, owner):
    review = review_create(actor=bdt_planner, cycle=bdt.cycle, unit=bdt.units["BDT-DNS"], year=2028,
                           quarter=4, now=NOW)
    browser = client_of(owner)
    response = browser.get(f"/cycles/SP2028/reviews/{review.pk}/")
    assert response.status_code == 200
    assert "Add the note" not in response.content.decode()
    response = browser.post(f"/cycles/SP2028/reviews/{review.pk}/notes/", {"text": "mine"})
    assert response.status_code == 403
    assert "planners and approvers of the unit" in response.content.decode()
    assert not ReviewNote.objects.exists()
    listed = browser.get("/cycles/SP2028/reviews/").content.decode()
    assert f"/reviews/{review.pk}/" in listed


def test_the_list_shows_only_the_reviews_one_may_see(review, bdt_planner, owner, other, outsider):
    assert f"/reviews/{review.pk}/" in client_of(bdt_planner).get("/cycles/SP2028/reviews/").content.decode()
    for persona in (owner, other):
        listed = client_of(persona).get("/cycles/SP2028/reviews/")
        assert listed.status_code == 200
        assert f"/reviews/{review.pk}/" not in listed.content.decode()
    assert client_of(outsider).get("/cycles/SP2028/reviews/").status_code == 403


def test_only_planners_and_approvers_start_a_review(bdt, owner, bdt_planner):
    data = {"unit": "BDT-DNS", "year": "2028", "quarter": "3"}
    assert client_of(owner).post("/cycles/SP2028/reviews/", data).status_code == 403
    response = client_of(bdt_planner).post("/cycles/SP2028/reviews/", data)
    assert response.status_code == 302
    refused = client_of(bdt_planner).post("/cycles/SP2028/reviews/", {**data, "unit": "BR"})
    assert refused.status_code == 200
    assert "Select a valid choice. BR is not one of the available choices." in refused.content.decode()


def test_an_approver_holds_a_review_and_a_reporter_does_not(bdt):
    from django.core.exceptions import PermissionDenied

    from tests.reviews.conftest import account

    approver = account("ada", bdt, "BDT", "approver")
    reporter = account("rex", bdt, "BDT", "reporter")
    made = review_create(actor=approver, cycle=bdt.cycle, unit=bdt.units["BDT-DNS"], year=2029, quarter=1,
                         now=NOW)
    assert made.created_by == approver
    with pytest.raises(PermissionDenied, match="planners and approvers of the unit"):
        review_create(actor=reporter, cycle=bdt.cycle, unit=bdt.units["BDT-DNS"], year=2029, quarter=2,
                      now=NOW)
