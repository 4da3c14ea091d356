"""Every page but the sign-in page asks who you are."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client

from tests.pages.conftest import PASSWORD

PAGES = [
    "/",
    "/cycles/SP2028/",
    "/cycles/SP2028/orphans/",
    "/cycles/SP2028/results/OP1.1.1/",
    "/admin/",
]


@pytest.mark.parametrize("url", PAGES)
def test_it_sends_an_anonymous_visitor_to_the_sign_in_page(plan, client: Client, url: str):
    response = client.get(url)
    assert response.status_code == 302
    expected = "/admin/login/" if url.startswith("/admin/") else "/login/"
    assert response["Location"] == f"{expected}?next={quote(url)}"


def test_it_shows_the_sign_in_page_to_anyone(db, client: Client):
    response = client.get("/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Golden Thread" in html
    assert '<label for="id_username">User name</label>' in html
    assert '<label for="id_password">Password</label>' in html


def test_it_signs_in_and_returns_to_the_page_asked_for(plan, user, client: Client):
    response = client.post(
        "/login/", {"username": "planner", "password": PASSWORD, "next": "/cycles/SP2028/orphans/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/cycles/SP2028/orphans/"
    assert client.get("/cycles/SP2028/orphans/").status_code == 200


def test_it_refuses_a_wrong_password_with_a_message(user, client: Client):
    response = client.post("/login/", {"username": "planner", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert client.get("/").status_code == 302


def test_it_signs_out_with_a_post_only(plan, signed_in: Client):
    assert signed_in.get("/logout/").status_code == 405
    response = signed_in.post("/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/login/"
    assert signed_in.get("/cycles/SP2028/").status_code == 302
