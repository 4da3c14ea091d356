"""A planner signs in, reads the cycle overview and follows the thread of a result."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PASSWORD, shoot

pytestmark = pytest.mark.e2e


def sign_in(page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/")
    assert "/login/" in page.url
    shoot(page, "01-sign-in")
    page.get_by_label("User name").fill("planner")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/cycles/[^/]+/$"))


def test_it_signs_in_through_the_form_and_lands_on_the_overview(page, live_server, planner, organisation):
    sign_in(page, live_server)
    assert page.url.endswith(f"/cycles/{organisation}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Pat Planner")).to_be_visible()
    # the cost chart is drawn by the locally served Plotly
    page.wait_for_selector("#cost-chart .main-svg")
    shoot(page, "02-overview")


def test_it_refuses_a_wrong_password_on_the_form(page, live_server, planner, organisation):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("User name").fill("planner")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert "/login/" in page.url
    shoot(page, "01b-sign-in-refused")


def test_it_follows_the_thread_from_the_cascade_up_and_down(page, live_server, planner, organisation):
    sign_in(page, live_server)
    cascade = page.locator(".cascade")
    first_goal = cascade.locator(":scope > .cascade__item").first
    outcomes = first_goal.locator(":scope > details > .cascade__children > .cascade__item")
    outcome = outcomes.first
    # outcomes start folded: their outputs are hidden until the planner opens one
    output_link = outcome.locator(".cascade__children a.code").first
    expect(output_link).not_to_be_visible()
    outcome.locator(":scope > details > summary").click()
    expect(output_link).to_be_visible()
    shoot(page, "03-cascade-open")

    output_code = output_link.inner_text()
    output_link.click()
    page.wait_for_url(re.compile(rf"/results/{re.escape(output_code)}/$"))
    current = page.locator(".rcard--current").first
    assert output_code in current.inner_text()
    paths = page.locator("ol.path")
    assert paths.count() >= 1
    # each path runs from a goal at the top down to this result
    first_path_cards = paths.first.locator(".rcard")
    assert first_path_cards.first.locator(".tier").inner_text().startswith("T1")
    assert "weight" in paths.first.locator(".connector").first.inner_text()
    shoot(page, "04-result-output")

    # the children of the output are listed below it, with units, tiers and weights
    children = page.locator("ul.children > li")
    assert children.count() >= 1
    expect(children.first.locator(".tier")).to_be_visible()
    assert "weight" in children.first.locator(".connector").inner_text()

    # follow the parent card just above this result, one step up the thread
    parent_card = paths.first.locator(".path__step").nth(-2).locator("a.code")
    parent_code = parent_card.inner_text()
    parent_card.click()
    page.wait_for_url(re.compile(rf"/results/{re.escape(parent_code)}/$"))
    assert parent_code in page.locator(".rcard--current").first.inner_text()
    below = page.locator("ul.children a.code").all_inner_texts()
    assert output_code in below
    shoot(page, "05-result-parent")

    # and down again, through a child card
    page.locator("ul.children a.code", has_text=output_code).first.click()
    page.wait_for_url(re.compile(rf"/results/{re.escape(output_code)}/$"))
    child_link = page.locator("ul.children a.code").first
    child_code = child_link.inner_text()
    child_link.click()
    page.wait_for_url(re.compile(rf"/results/{re.escape(child_code)}/$"))
    assert output_code in page.locator("ol.path").first.inner_text()
    shoot(page, "06-result-child")


def test_it_switches_cycle_and_signs_out(page, live_server, planner, organisation):
    sign_in(page, live_server)
    page.locator(".switcher summary").click()
    expect(page.locator(".switcher__menu a", has_text=organisation)).to_be_visible()
    shoot(page, "07-cycle-switcher")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/login/$"))


def test_it_opens_the_admin_and_the_audit_trail(page, live_server, planner, organisation):
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(pk=planner.pk).update(is_superuser=True)
    sign_in(page, live_server)
    page.get_by_role("link", name="Admin").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.locator("#site-name").inner_text() == "Golden Thread administration"
    shoot(page, "08-admin")
    page.goto(f"{live_server.url}/admin/core/auditentry/")
    assert page.locator("#result_list tbody tr").count() > 0
    page.set_viewport_size({"width": 1440, "height": 900})
    shoot(page, "09-audit-trail", full_page=False)
