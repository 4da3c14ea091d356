"""Give every test run a private data directory before Django reads its settings.

``goldenthread.settings`` reads ``GOLDENTHREAD_DATA_DIR`` when it is imported (the SQLite
file, uploads and the generated secret key live there), and pytest-django imports the
settings while pytest is still starting, before any ``conftest.py`` is read. So this module
is loaded as an early plugin (``-p tests.testenv`` in pyproject.toml, with the repository
root on ``pythonpath``): a test run, and each xdist worker, gets a fresh temporary directory and
never touches a planning office's real data directory. It is removed when the run ends.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

DATA_DIR = tempfile.mkdtemp(prefix="goldenthread-tests-")
os.environ["GOLDENTHREAD_DATA_DIR"] = DATA_DIR
# The static root lives in the data dir; WhiteNoise warns about a missing one.
os.makedirs(os.path.join(DATA_DIR, "static"), exist_ok=True)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(DATA_DIR, ignore_errors=True)
