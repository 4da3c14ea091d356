"""``goldenthread serve`` answers HTTP requests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

Run = Callable[..., subprocess.CompletedProcess[str]]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str, deadline: float) -> int:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _serve_and_get(path: str) -> tuple[int, str]:
    """Start ``goldenthread serve`` on a free port, GET ``path``, stop it."""
    port = _free_port()
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "goldenthread", "serve", "--host", "127.0.0.1",
         "--port", str(port), "--threads", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        status = _get(f"http://127.0.0.1:{port}{path}", time.monotonic() + 60)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert f"Serving Golden Thread on http://127.0.0.1:{port}/" in output
    return status, output


def test_it_serves_the_login_page(run_goldenthread: Run) -> None:
    assert run_goldenthread("migrate", "--verbosity", "0").returncode == 0
    status, output = _serve_and_get("/login/")
    assert status == 200
    assert "unapplied migration" not in output


def test_it_warns_when_the_database_is_not_migrated(isolated_data_dir: Path) -> None:
    status, output = _serve_and_get("/login/")
    assert status == 200
    assert "unapplied migration" in output
    assert "goldenthread migrate" in output
