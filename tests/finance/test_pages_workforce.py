"""The workforce page: allocated against available per unit and person, the
over-allocated, demand by grade, the flexible workforce; scoped to one's units."""

from __future__ import annotations

from tests.finance.pages import client_for

URL = "/cycles/FIN/finance/workforce/"


def test_the_planner_sees_everyone_the_heat_map_and_the_over_allocated(planner):
    html = client_for(planner).get(URL).content.decode()
    assert 'id="heat-data"' in html and '"type": "heatmap"' in html
    over = html[html.index('id="over-table"'):html.index("</table>", html.index('id="over-table"'))]
    assert "Sam One" in over and "+0.20" in over  # 0.5 + 0.7 of a year, capacity 1
    assert "Sue Two" in over  # 0.6 of a year, capacity 0.5
    people = html[html.index('id="people-table"'):]
    for name in ("Sam One", "Sue Two", "Cat Consultant", "Tom Temporary"):
        assert name in people
    assert "heat--over" in people
    flexible = html[html.index('id="flexible-table"'):]
    assert "Consultant" in flexible and "Temporary" in flexible
    assert 'id="grade-table"' in html and "P4" in html


def test_a_department_head_sees_their_departments_people_only(head_a):
    html = client_for(head_a).get(URL).content.decode()
    people = html[html.index('id="people-table"'):]
    assert "Sam One" in people and "Tom Temporary" in people
    assert "Sue Two" not in html and "Cat Consultant" not in html
