"""The product's "today": the real date, or one the installation fixes (the demo, a
training copy), from which due and overdue are reckoned."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from goldenthread.core import clock


@override_settings(GOLDENTHREAD_TODAY=None)
def test_today_is_the_real_date_unless_one_is_fixed():
    assert clock.today() == timezone.localdate()
    assert clock.fixed_today() is None
    with override_settings(GOLDENTHREAD_TODAY=dt.date(2029, 11, 15)):
        assert clock.today() == dt.date(2029, 11, 15)


@pytest.mark.django_db
def test_pages_say_the_date_they_reckon_from_when_it_is_fixed(plan, signed_in: Client):
    with override_settings(GOLDENTHREAD_TODAY=dt.date(2029, 11, 15)):
        assert "as of 15 November 2029" in signed_in.get("/cycles/SP2028/").content.decode()
    with override_settings(GOLDENTHREAD_TODAY=None):
        assert "as of " not in signed_in.get("/cycles/SP2028/").content.decode()


@pytest.mark.django_db
def test_my_reporting_reckons_overdue_from_the_fixed_date(plan, owner):
    browser = Client()
    browser.force_login(owner)  # Amina is responsible for K1, reported for 2028 only
    with override_settings(GOLDENTHREAD_TODAY=dt.date(2030, 3, 1)):
        late = browser.get("/cycles/SP2028/reporting/").content.decode()
    with override_settings(GOLDENTHREAD_TODAY=dt.date(2028, 6, 1)):
        early = browser.get("/cycles/SP2028/reporting/").content.decode()
    # K1 is annual: its 2029 report was due 30 days after the year ended
    assert "due 30 Jan 2030, <strong>30 days late</strong>" in late
    assert "days late" not in early


def test_a_date_that_is_not_one_is_refused_at_start(run_goldenthread):
    done = run_goldenthread("check", env={"GOLDENTHREAD_TODAY": "15/11/2029"})
    assert done.returncode != 0
    assert "GOLDENTHREAD_TODAY: '15/11/2029' is not a date (YYYY-MM-DD)" in done.stderr
