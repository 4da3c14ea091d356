"""Fixtures of the interop tests."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """The accounts of these tests act through ``force_login`` or as a command's user:
    hashing their passwords with the production hasher (half a second each) only slows
    the tests down."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
