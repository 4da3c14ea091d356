"""An evidence file follows the database: it is on disk once the value it backs is
committed, and nowhere when the transaction around its entry rolls back.

These tests commit for real (a transactional database), with real files in the media
storage."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from goldenthread.core.models import AuditEntry
from goldenthread.indicators.models import Actual
from goldenthread.reporting import services
from goldenthread.reporting.models import Evidence
from tests.pages.conftest import client_of
from tests.pages.plan import Plan
from tests.reporting.conftest import k

pytestmark = pytest.mark.django_db(transaction=True)


def stored_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT) / "evidence"
    return {
        os.path.relpath(os.path.join(folder, name), settings.MEDIA_ROOT)
        for folder, _, names in os.walk(root) for name in names
    }


def sheet(content: bytes = b"name,days\nA,3\n") -> SimpleUploadedFile:
    return SimpleUploadedFile("sheet.csv", content, "text/csv")


def test_a_file_entered_on_the_page_is_stored_once_committed(plan: Plan, reporter) -> None:  # type: ignore[no-untyped-def]
    before = stored_files()
    response = client_of(reporter).post("/cycles/SP2028/reporting/K3/2028-Q1/", {
        "action": "save", "value": "5", "file": sheet(b"trainee,days\nB,2\n"),
    })
    assert response.status_code == 302
    evidence = Evidence.objects.get(actual__indicator__code="K3")
    assert stored_files() - before == {evidence.file}
    with default_storage.open(evidence.file) as stored:
        assert stored.read() == b"trainee,days\nB,2\n"


def test_a_rollback_around_the_entry_leaves_no_file(plan: Plan, reporter) -> None:  # type: ignore[no-untyped-def]
    before = stored_files()
    with pytest.raises(RuntimeError, match="the import failed further on"), transaction.atomic():
        services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1",
                              value="5", upload=sheet())
        assert Evidence.objects.count() == 1
        raise RuntimeError("the import failed further on")
    assert not Evidence.objects.exists() and not Actual.objects.filter(year=2028, quarter=1,
                                                                       indicator__code="K3").exists()
    assert stored_files() == before


def test_a_savepoint_rolled_back_drops_its_file_and_keeps_the_others(plan: Plan, reporter) -> None:  # type: ignore[no-untyped-def]
    before = stored_files()
    with transaction.atomic():
        try:
            with transaction.atomic():
                services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1",
                                      value="5", upload=sheet(b"dropped"))
                raise ValueError("this row is skipped")
        except ValueError:
            pass
        services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q2",
                              value="6", upload=sheet(b"kept"))
    kept = Evidence.objects.get()
    assert kept.actual.quarter == 2
    assert stored_files() - before == {kept.file}
    with default_storage.open(kept.file) as stored:
        assert stored.read() == b"kept"


def test_a_file_the_storage_refuses_takes_its_evidence_row_with_it(plan: Plan, reporter) -> None:  # type: ignore[no-untyped-def]
    # A plain file where the cycle's evidence folder should be: the storage cannot write.
    blocker = Path(settings.MEDIA_ROOT) / "evidence" / str(plan.cycle.pk)
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_text("not a folder")
    try:
        with pytest.raises(OSError):
            services.actual_enter(actor=reporter, indicator=k(plan, "K3"), period="2028-Q1",
                                  value="5", upload=sheet())
    finally:
        blocker.unlink()
    assert not Evidence.objects.exists()  # no row pointing at a file that is not there
    assert Actual.objects.get(indicator__code="K3", year=2028, quarter=1).value == 5
    removed = AuditEntry.objects.get(object_type="reporting.evidence", action="delete")
    assert "could not be stored" in removed.message and removed.actor_label == "system:evidence"
