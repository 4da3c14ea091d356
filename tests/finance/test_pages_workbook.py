"""The workbook page: download what one sees, upload, read the dry run, apply; the
roles each sheet's rows need; refusals."""

from __future__ import annotations

import io
import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from goldenthread.finance.models import CostLine
from goldenthread.plans.models import Cycle, Result
from tests.finance.pages import account, client_for, grant

URL = "/cycles/FIN/workbook/"


def _download(client: Any) -> Any:
    response = client.get(f"{URL}download/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def _upload(client: Any, book: Any) -> str:
    out = io.BytesIO()
    book.save(out)
    response = client.post(URL, {"file": SimpleUploadedFile("plan.xlsx", out.getvalue())})
    return response.content.decode()  # type: ignore[no-any-return]


def _row(sheet: Any, code: str) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code)


def _set(sheet: Any, key: str, header: str, value: Any) -> None:
    headers = [c.value for c in sheet[1]]
    sheet.cell(_row(sheet, key), headers.index(header) + 1).value = value


def test_the_planner_downloads_edits_checks_and_applies(planner, fin: Cycle):
    client = client_for(planner)
    book = _download(client)
    _set(book["Results"], "OP3", "Title", "Output three, renamed")
    html = _upload(client, book)
    assert "ready to import: 0 created, 1 updated, 0 deleted" in html
    assert Result.objects.get(cycle=fin, code="OP3").title == "Output three"  # not yet
    token = re.search(r'name="token" value="([^"]+)"', html)
    assert token
    html = client.post(f"{URL}apply/", {"token": token.group(1)}).content.decode()
    assert "Imported plan.xlsx" in html
    assert Result.objects.get(cycle=fin, code="OP3").title == "Output three, renamed"
    # the waiting file is gone: applying again is refused
    again = client.post(f"{URL}apply/", {"token": token.group(1)})
    assert again.status_code == 302


def test_every_problem_is_listed_by_sheet_row_and_column_and_nothing_is_written(planner, fin):
    client = client_for(planner)
    book = _download(client)
    _set(book["Results"], "OP3", "Priority", "urgent")
    html = _upload(client, book)
    assert 'id="problems"' in html and "nothing was imported" in html
    assert "Results" in html and "urgent" in html
    assert 'name="token"' not in html


def _cost_op1_at_123(client):  # type: ignore[no-untyped-def]
    book = _download(client)
    sheet = book["Cost lines"]
    headers = [c.value for c in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "OP1")
    sheet.cell(row, headers.index("Amount") + 1).value = 123
    return _upload(client, book)


def test_a_planner_costs_the_outputs_a_risk_officer_may_not(planner, fin):
    refused = _cost_op1_at_123(client_for(grant(account("rio"), fin, "ORG", "risk_officer")))
    assert "you may not change the costing of this cost line" in refused
    assert "planner, finance officer" in refused
    assert not CostLine.objects.filter(result__code="OP1", amount=123).exists()
    checked = _cost_op1_at_123(client_for(planner))
    assert 'id="problems"' not in checked and 'name="token"' in checked


def test_a_department_planner_may_not_change_another_departments_result(fin):
    planner_b = grant(account("bea"), fin, "DEPB", "planner")
    client = client_for(planner_b)
    book = _download(client)
    assert "OP1" not in [c.value for c in book["Results"]["A"]]  # DEPA's output is not in it
    sheet = book["Results"]
    headers = [c.value for c in sheet[1]]
    row = sheet.max_row + 1
    for header, value in {"Code": "OP9", "Level": "output", "Title": "Sneaky", "Unit": "DEPA"}.items():
        sheet.cell(row, headers.index(header) + 1).value = value
    html = _upload(client, book)
    # a unit she may not see gets the words of a unit that does not exist: nothing is told of it
    said = "&quot;DEPA&quot; refers to a unit you may not see or that does not exist"
    assert said in html and "Department A" not in html
    assert not Result.objects.filter(cycle=fin, code="OP9").exists()
    sheet.cell(row, headers.index("Unit") + 1).value = "NOPE"
    assert said.replace("DEPA", "NOPE") in _upload(client, book)
    # a unit above her own she sees, and may not write in: the refusal names it
    sheet.cell(row, headers.index("Unit") + 1).value = "SEC"
    assert "you may not change this result (OP9): it belongs to SEC Sector" in _upload(client, book)


def test_members_without_a_writing_role_download_but_may_not_upload(member_b, fin):
    client = client_for(member_b)
    book = _download(client)
    codes = {c.value for c in book["Results"]["A"]}
    assert "OP2" in codes and "OP1" not in codes  # DEPB's, not DEPA's
    assert "you may download the workbook but not import one" in client.get(URL).content.decode()
    response = client.post(URL, {"file": SimpleUploadedFile("plan.xlsx", b"x")})
    assert response.status_code == 403


def test_outsiders_are_refused_and_anonymous_visitors_sent_to_sign_in(outsider, fin):
    for path in ("", "download/"):
        assert client_for(outsider).get(URL + path).status_code == 403
        response = client_for(None).get(URL + path)
        assert response.status_code == 302 and "/login/" in response["Location"]
    assert client_for(outsider).post(URL).status_code == 403


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(planner, fin):
    client = client_for(planner)
    response = client.post(URL, {"file": SimpleUploadedFile("plan.csv", b"a,b")})
    assert response.status_code == 400
    assert "is not an .xlsx workbook" in response.content.decode()
    html = _upload_bytes(client, b"not a zip")
    assert 'id="problems"' in html


def _upload_bytes(client: Any, data: bytes) -> str:
    return client.post(URL, {"file": SimpleUploadedFile("plan.xlsx", data)}).content.decode()  # type: ignore[no-any-return]


def test_parents_a_user_cannot_see_are_not_dropped_by_their_workbook(fin):
    from goldenthread.core.audit import Actor
    from goldenthread.plans.models import Link
    from goldenthread.plans.services import link_create

    # give DEPB's OP2 a parent a DEPB planner cannot see: DEPA's OP3
    link_create(actor=Actor(label="test"), child=Result.objects.get(cycle=fin, code="OP2"),
                parent=Result.objects.get(cycle=fin, code="OP3"))
    planner_b = grant(account("bea"), fin, "DEPB", "planner")
    client = client_for(planner_b)
    book = _download(client)
    _set(book["Results"], "OP2", "Parents", "O1")
    html = _upload(client, book)
    # the workbook showed OP2's parents without OP3: rewriting them is a conflict, so the
    # link the planner never saw is not dropped
    assert "nothing was imported" in html and "changed in Golden Thread after" in html
    assert Link.objects.filter(child__code="OP2", parent__code="OP3").exists()
