"""The suite runs on the database it was asked to run on.

``scripts/test`` runs the whole suite twice, on SQLite and on a private PostgreSQL server,
and says which it expects in ``GOLDENTHREAD_EXPECT_DB``; this keeps the PostgreSQL run from
quietly falling back to SQLite (say, if the database URL were lost on the way)."""

from __future__ import annotations

import os

import pytest
from django.db import connection

from goldenthread.plans.models import Cycle


def expected_vendor() -> str:
    if os.environ.get("GOLDENTHREAD_EXPECT_DB"):
        return os.environ["GOLDENTHREAD_EXPECT_DB"]
    from django.conf import settings

    # A developer's own run: whatever the settings chose (SQLite unless a URL says otherwise).
    return "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"


def test_it_runs_on_the_database_the_run_expects(db):
    assert connection.vendor == expected_vendor()


def test_it_really_talks_to_that_database(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT current_setting('server_version_num')::int")
        else:
            cursor.execute("SELECT sqlite_version()")
        (version,) = cursor.fetchone()
    assert version


@pytest.mark.postgres
def test_postgresql_is_a_version_django_supports(db):
    assert connection.pg_version >= 140000  # type: ignore[attr-defined]


@pytest.mark.postgres
def test_postgresql_refuses_a_code_longer_than_its_column(db):
    # SQLite stores any length; PostgreSQL holds the model's max_length, so the plan code
    # limits are real there.
    from django.db import DataError, transaction

    max_length = Cycle._meta.get_field("code").max_length
    assert max_length is not None
    too_long = "C" * (max_length + 1)
    with pytest.raises(DataError), transaction.atomic():
        Cycle.objects.create(code=too_long, name="Strategic Plan 2028-2031", start_year=2028,
                             end_year=2031, baseline_year=2027, currency="CHF")
