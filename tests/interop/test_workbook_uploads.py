"""Uploaded workbooks waiting between their check and their apply: kept privately for
their uploader only, removed once applied or discarded, and never left on disk for good
(docs/workbook.md, "In the browser")."""

from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from goldenthread.core.models import AuditEntry
from goldenthread.plans.models import Cycle, Result
from tests.finance.pages import account, client_for, grant
from tests.finance.plan import load_small_plan

pytestmark = pytest.mark.django_db
URL = "/cycles/FIN/workbook/"
RENAMED = "Output three, renamed"


@pytest.fixture
def fin() -> Cycle:
    return load_small_plan()


@pytest.fixture
def pat(fin: Cycle) -> Any:
    return grant(account("pat"), fin, "ORG", "planner")


def uploads() -> list[Path]:
    folder = Path(settings.DATA_DIR) / "workbook-uploads"
    return sorted(folder.glob("*")) if folder.is_dir() else []


def checked(client: Client, title: str = RENAMED) -> str:
    """Download the workbook, rename OP3, upload it for its check; return the token."""
    book = load_workbook(io.BytesIO(client.get(f"{URL}download/").content))
    sheet = book["Results"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "OP3")
    sheet.cell(row, [c.value for c in sheet[1]].index("Title") + 1).value = title
    out = io.BytesIO()
    book.save(out)
    html = client.post(URL, {"file": SimpleUploadedFile("plan.xlsx", out.getvalue())}).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html)
    assert token, html
    assert 'id="discard"' in html  # beside "Apply these changes"
    return token.group(1)


def op3_title(fin: Cycle) -> str:
    return Result.objects.get(cycle=fin, code="OP3").title


def test_the_checked_file_waits_until_applied_then_is_removed(fin: Cycle, pat: Any) -> None:
    client = client_for(pat)
    token = checked(client)
    assert len(uploads()) == 1
    html = client.post(f"{URL}apply/", {"token": token}).content.decode()
    assert "Imported plan.xlsx" in html
    assert op3_title(fin) == RENAMED
    assert uploads() == []


def test_a_discarded_upload_is_removed_at_once_and_can_no_longer_be_applied(
    fin: Cycle, pat: Any
) -> None:
    client = client_for(pat)
    token = checked(client)
    response = client.post(f"{URL}discard/", {"token": token}, follow=True)
    assert "plan.xlsx was discarded: nothing was imported." in response.content.decode()
    assert uploads() == []
    before = AuditEntry.objects.count()
    response = client.post(f"{URL}apply/", {"token": token}, follow=True)
    assert "That upload is no longer waiting" in response.content.decode()
    assert op3_title(fin) == "Output three"
    assert AuditEntry.objects.count() == before


def test_a_new_upload_replaces_the_one_waiting(fin: Cycle, pat: Any) -> None:
    client = client_for(pat)
    first = checked(client, "First try")
    second = checked(client, "Second try")
    assert len(uploads()) == 1
    assert client.post(f"{URL}apply/", {"token": first}).status_code == 302  # gone
    assert op3_title(fin) == "Output three"
    client.post(f"{URL}apply/", {"token": second})
    assert op3_title(fin) == "Second try"


def test_uploads_never_applied_are_purged_after_a_day_when_a_new_one_comes_in(
    fin: Cycle, pat: Any
) -> None:
    other = client_for(grant(account("quinn"), fin, "ORG", "planner"))
    checked(other)  # Quinn's check, waiting since yesterday...
    [stale] = uploads()
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(stale, (two_days_ago, two_days_ago))
    checked(client_for(grant(account("rita"), fin, "ORG", "planner")))  # ... and Rita's, now
    [fresh] = uploads()
    assert fresh != stale
    checked(client_for(pat))  # Pat's upload purges Quinn's stale file, keeps Rita's
    remaining = uploads()
    assert stale not in remaining and fresh in remaining and len(remaining) == 2


def test_only_the_uploader_may_apply_or_discard_their_upload(fin: Cycle, pat: Any) -> None:
    owner = client_for(pat)
    token = checked(owner)
    intruder = client_for(grant(account("ivan"), fin, "ORG", "planner"))
    before = AuditEntry.objects.count()
    response = intruder.post(f"{URL}apply/", {"token": token}, follow=True)
    assert "That upload is no longer waiting" in response.content.decode()
    intruder.post(f"{URL}discard/", {"token": token})
    assert op3_title(fin) == "Output three"
    assert AuditEntry.objects.count() == before
    assert len(uploads()) == 1  # still Pat's to apply
    owner.post(f"{URL}apply/", {"token": token})
    assert op3_title(fin) == RENAMED


def test_discarding_needs_a_writing_role_and_a_signed_in_user(fin: Cycle, pat: Any) -> None:
    viewer = grant(account("vera"), fin, "ORG", "viewer")
    assert client_for(viewer).post(f"{URL}discard/", {"token": "x"}).status_code == 403
    assert client_for(account("olga")).post(f"{URL}discard/", {"token": "x"}).status_code == 403
    response = client_for(None).post(f"{URL}discard/", {"token": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]
