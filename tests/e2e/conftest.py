"""Browser tests: a live server and Debian's Chromium driven by Playwright's sync API.

No browser is downloaded: the tests launch the system Chromium (``/usr/bin/chromium``
or ``GOLDENTHREAD_CHROMIUM``) and skip, saying why, when there is none. Every test
fails if the page asks for anything from a host other than the live server.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

# Playwright's sync API runs an event loop in this thread; Django must still let
# the test set up data with the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
PASSWORD = "a-long-test-passphrase"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def chromium_path() -> str | None:
    candidate = os.environ.get("GOLDENTHREAD_CHROMIUM") or "/usr/bin/chromium"
    if Path(candidate).is_file():
        return candidate
    return shutil.which(candidate)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium: install Debian's chromium or set GOLDENTHREAD_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh browser tab that refuses, and reports, any request to another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    external: list[str] = []

    def guard(route, request) -> None:  # type: ignore[no-untyped-def]
        host = urlsplit(request.url).hostname or ""
        if request.url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            external.append(request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()
    assert not external, f"the pages asked for external resources: {external}"


@pytest.fixture
def planner(transactional_db):  # type: ignore[no-untyped-def]
    return get_user_model().objects.create_user(
        "planner", password=PASSWORD, first_name="Pat", last_name="Planner", is_staff=True,
    )


@pytest.fixture
def organisation(transactional_db, planner) -> str:  # type: ignore[no-untyped-def]
    """The demo organisation, with ``planner`` holding the planner role on the whole of
    it; returns the cycle code."""
    from goldenthread.core.audit import Actor
    from goldenthread.demo.builder import demo_document
    from goldenthread.interop.services import plan_load
    from goldenthread.org.models import OrgUnit
    from goldenthread.org.services import role_grant

    document = demo_document()
    cycle = plan_load(actor=Actor(label="test:e2e"), document=document)
    top = OrgUnit.objects.get(cycle=cycle, parent=None)
    role_grant(actor=Actor(label="test:e2e"), user=planner, unit=top, role="planner")
    return str(document["cycle"]["code"])


def shoot(tab, name: str, full_page: bool = True) -> Path:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=full_page)
    return path
