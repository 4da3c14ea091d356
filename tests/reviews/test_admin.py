"""Reviews, lessons and the ledger are looked up in the admin; reviews are written only
through their pages."""

from __future__ import annotations

from django.test import Client

from goldenthread.reviews.services import note_add


def test_their_changelists_open_and_reviews_cannot_be_edited_there(
    review, bdt_planner, admin_signed_in: Client
):
    note_add(actor=bdt_planner, review=review, text="seen in the admin")
    for model in ["reviews/review", "reviews/decision", "reviews/followup", "reviews/reviewnote",
                  "reviews/lesson", "finance/transaction"]:
        assert admin_signed_in.get(f"/admin/{model}/?q=a").status_code == 200, model
    assert admin_signed_in.get("/admin/reviews/review/add/").status_code == 403
    page = admin_signed_in.get(f"/admin/reviews/review/{review.pk}/change/")
    assert page.status_code == 200 and "Save" not in page.content.decode()
    assert admin_signed_in.get("/admin/finance/transaction/add/").status_code == 200
