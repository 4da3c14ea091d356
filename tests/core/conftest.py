"""The permission tests share the page tests' plan and personas (tests/pages/conftest.py)."""

from __future__ import annotations

from tests.pages.conftest import (  # noqa: F401 - fixtures
    admin_signed_in,
    other,
    outsider,
    owner,
    plan,
    signed_in,
    superuser,
    user,
)
