"""The review pack: a PDF whose text is read back, and an XLSX workbook read with openpyxl."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from goldenthread.reviews.pack import FetchRefused, local_only_fetcher, pack_document
from goldenthread.reviews.services import action_add, decision_apply, decision_propose, note_add
from tests.pages.conftest import client_of


def text_of(box) -> list[str]:  # type: ignore[no-untyped-def]
    found = [box.text] if hasattr(box, "text") and isinstance(box.text, str) else []
    for child in getattr(box, "children", None) or []:
        found += text_of(child)
    return found


@pytest.fixture
def worked(bdt, review, bdt_planner):  # type: ignore[no-untyped-def]
    note_add(actor=bdt_planner, review=review, text="Broadband plans lag in two countries.")
    decision_apply(actor=bdt_planner, decision=decision_propose(
        actor=bdt_planner, review=review, kind="change_target",
        params={"indicator": "K2", "period": "2029", "value": "7"}, rationale="realistic pace",
    ))
    action_add(actor=bdt_planner, review=review, description="Brief the two ministries",
               owner=bdt.people["S0001"], due=dt.date(2029, 2, 28))
    return review


def test_the_pdf_pack_holds_the_snapshot_and_the_decisions(worked, bdt_planner):
    response = client_of(bdt_planner).get(f"/cycles/SP2028/reviews/{worked.pk}/pack.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="review-SP2028-BDT-2028-Q4.pdf"'
    assert response.content.startswith(b"%PDF-") and b"%%EOF" in response.content[-64:]

    document = pack_document(worked)
    text = " ".join(" ".join(text_of(page._page_box)) for page in document.pages)
    for expected in ["BDT quarterly review, 2028-Q4", "Scores for 2028-Q4", "R9",
                     "The EU grant is delayed a year", "Budget execution, 2028 to Q4", "97,000", "52,700",
                     "Change a target",
                     "K2 target for 2029: none → 7", "Broadband plans lag in two countries.",
                     "Brief the two ministries", "OP1.1.1"]:
        assert expected in text, expected
    assert len(document.pages) >= 2


def test_the_pdf_pack_fetches_nothing():
    fetcher = local_only_fetcher()
    with pytest.raises(FetchRefused):
        fetcher.fetch("https://example.org/logo.png")
    with pytest.raises(FetchRefused):
        fetcher.fetch("file:///etc/passwd")
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"


def test_a_pack_asking_for_an_address_is_stopped():
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    html = weasyprint.HTML(string='<img src="http://127.0.0.1:9/x.png">', url_fetcher=local_only_fetcher())
    with pytest.raises(FatalURLFetchingError):
        html.render()


def test_the_xlsx_pack_has_one_sheet_per_part(worked, bdt_planner):
    response = client_of(bdt_planner).get(f"/cycles/SP2028/reviews/{worked.pk}/pack.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["summary", "scores", "risks", "escalated", "budget", "overdue", "decisions",
                               "actions"]
    summary = {row[0]: row[1] for row in book["summary"].iter_rows(min_row=2, values_only=True)}
    assert summary["unit"] == "BDT Telecommunication Development Bureau"
    assert summary["period"] == "2028-Q4"
    assert summary["red risks"] == 1
    assert summary["spent to date"] == 52700
    scores = list(book["scores"].iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in scores if r[4] == "own"} == {"O1.1", "OP1.1.1", "OP9.9"}
    assert [r[0] for r in book["risks"].iter_rows(min_row=2, values_only=True)] == ["R9"]
    budget = {(r[0], r[1]): r for r in book["budget"].iter_rows(min_row=2, values_only=True)}
    assert budget[("output", "OP1.1.1")][3:5] == (97000, 51500)
    assert budget[("total", None)][3:5] == (97000, 52700)
    decisions = list(book["decisions"].iter_rows(min_row=2, values_only=True))
    assert decisions[0][1] == "Change a target" and decisions[0][4] == "Applied"
    assert decisions[0][8] == "K2 target for 2029: none → 7"
    actions = list(book["actions"].iter_rows(min_row=2, values_only=True))
    assert actions[0][:2] == ("Brief the two ministries", "Amina Diallo")


def test_every_xlsx_sheet_has_number_formats_a_frozen_header_and_sized_columns(bdt, worked, bdt_planner):
    from decimal import Decimal

    from goldenthread.core.audit import Actor
    from goldenthread.core.services import object_create
    from goldenthread.indicators.models import Actual, Indicator
    from goldenthread.reviews.services import review_freeze

    k2 = Indicator.objects.get(cycle=bdt.cycle, code="K2")  # a quarter's value, so a score
    object_create(actor=Actor(label="test"), obj=Actual(indicator=k2, year=2028, quarter=4,
                                                         value=Decimal("2"), status="approved"))
    review_freeze(actor=bdt_planner, review=worked)
    response = client_of(bdt_planner).get(f"/cycles/SP2028/reviews/{worked.pk}/pack.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(cell.font.bold for cell in ws[1]), ws.title
        assert all(ws.column_dimensions[c.column_letter].width >= 8 for c in ws[1]), ws.title
    summary = {row[0].value: row[1] for row in book["summary"].iter_rows(min_row=2)}
    assert summary["execution rate"].number_format == "0.0%"
    assert 0 < summary["execution rate"].value < 1
    assert summary["spent to date"].number_format == "#,##0.00"
    taken = summary["snapshot taken"]
    assert isinstance(taken.value, dt.datetime) and taken.number_format == "yyyy-mm-dd hh:mm"
    header = [c.value for c in book["budget"][1]]
    total = next(r for r in book["budget"].iter_rows(min_row=2) if r[0].value == "total")
    formats = {name: cell.number_format for name, cell in zip(header, total, strict=True)}
    assert formats["planned"] == formats["spent"] == formats["projected at year end"] == "#,##0.00"
    assert formats["execution rate"] == "0.0%"
    header = [c.value for c in book["scores"][1]]
    scored = next(r for r in book["scores"].iter_rows(min_row=2) if r[5].value is not None)
    formats = {name: cell.number_format for name, cell in zip(header, scored, strict=True)}
    assert formats["score"] == "0.0" and formats["coverage"] == "0.0%"
    decision = next(book["decisions"].iter_rows(min_row=2))
    assert isinstance(decision[7].value, dt.datetime) and decision[7].number_format == "yyyy-mm-dd hh:mm"
    action = next(book["actions"].iter_rows(min_row=2))
    assert action[2].value == dt.datetime(2029, 2, 28) and action[2].number_format == "yyyy-mm-dd"
