"""What every test shares.

- Each test gets its own empty data directory: ``settings.DATA_DIR`` and ``MEDIA_ROOT`` point
  into it, and ``GOLDENTHREAD_DATA_DIR`` names it for any ``goldenthread`` subprocess. (The
  run-wide directory that the settings are first imported with comes from
  ``tests.testenv``.)
- A ``goldenthread`` subprocess never inherits ``GOLDENTHREAD_DATABASE_URL``: it works on
  SQLite in the test's data directory, so CLI tests cannot write into the shared PostgreSQL
  database of a run on PostgreSQL. In-process tests use the run's database (SQLite, or
  PostgreSQL when ``scripts/test`` runs the suite a second time).
- ``@pytest.mark.postgres`` marks a test that only means something on PostgreSQL; it is
  skipped on SQLite.
- ``shared_data`` is the real data kept beside the repository (``../shared/data``).
- ``run_goldenthread`` runs the ``goldenthread`` command as a user would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


def on_postgresql() -> bool:
    """Whether this run's database is PostgreSQL (decided by the settings, not guessed)."""
    from django.conf import settings

    return "postgresql" in settings.DATABASES["default"]["ENGINE"]


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing() -> None:
    """Accounts made in tests hash their passwords with a fast hasher: the production one
    takes half a second per account, and what the tests check is who may do what, not
    the hash. (A ``goldenthread`` subprocess keeps the production hashers.)"""
    from django.conf import settings
    from django.contrib.auth.hashers import get_hashers, get_hashers_by_algorithm

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    get_hashers.cache_clear()
    get_hashers_by_algorithm.cache_clear()


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("postgres") and not on_postgresql():
        pytest.skip("needs PostgreSQL: scripts/test runs the suite on it too")


@pytest.fixture(autouse=True)
def isolated_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: object
) -> Iterator[Path]:
    """An empty data directory for this test, in the settings and for subprocesses."""
    data_dir = tmp_path / "goldenthread-data"
    data_dir.mkdir()
    monkeypatch.setenv("GOLDENTHREAD_DATA_DIR", str(data_dir))
    monkeypatch.delenv("GOLDENTHREAD_DATABASE_URL", raising=False)
    settings.DATA_DIR = data_dir  # type: ignore[attr-defined]
    settings.MEDIA_ROOT = data_dir / "media"  # type: ignore[attr-defined]
    yield data_dir


@pytest.fixture
def shared_data() -> Path:
    """The real data set kept beside the repository (IATI, SDG, ledgers...)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"the shared data folder is absent (expected beside the repository: "
                    f"{SHARED_DATA.relative_to(REPO_ROOT.parent)})")
    return SHARED_DATA


@pytest.fixture
def run_goldenthread(
    isolated_data_dir: Path,
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``goldenthread ARGS...`` in a subprocess and return what it printed and its code.

    The environment is this test's (see ``isolated_data_dir``), updated with ``env``;
    ``clear_env=True`` starts from nothing but ``PATH`` and ``HOME`` (the test's directory).
    """

    def run(
        *args: str,
        env: dict[str, str] | None = None,
        clear_env: bool = False,
        timeout: float = 120,
    ) -> subprocess.CompletedProcess[str]:
        if clear_env:
            base = {"PATH": os.environ.get("PATH", ""), "HOME": str(isolated_data_dir.parent)}
        else:
            base = dict(os.environ)
            # The command sets its own settings module; the browser tests' async switch is
            # for this process only.
            base.pop("DJANGO_SETTINGS_MODULE", None)
            base.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        base.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "goldenthread", *args],
            env=base,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    return run
