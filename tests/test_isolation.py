"""Tests never touch a real data directory: the run gets its own, and so does each test."""

from __future__ import annotations

import os
from pathlib import Path

import goldenthread.settings as product_settings
from tests import testenv


def test_the_settings_were_imported_with_the_runs_private_data_dir():
    assert Path(testenv.DATA_DIR) == product_settings.DATA_DIR
    assert Path(testenv.DATA_DIR).name.startswith("goldenthread-tests-")
    assert Path.home() / ".local" not in product_settings.DATA_DIR.parents


def test_each_test_gets_an_empty_data_dir_of_its_own(settings, isolated_data_dir):
    assert isolated_data_dir == settings.DATA_DIR
    assert os.environ["GOLDENTHREAD_DATA_DIR"] == str(isolated_data_dir)
    assert list(isolated_data_dir.iterdir()) == []


def test_subprocesses_do_not_inherit_the_runs_database_url():
    assert "GOLDENTHREAD_DATABASE_URL" not in os.environ
