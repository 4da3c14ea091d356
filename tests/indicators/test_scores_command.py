"""``goldenthread scores``: the JSON it writes, and ``--user`` scoping it to what a user sees."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from goldenthread.core.periods import Period
from goldenthread.indicators.management.commands.scores import result_json
from goldenthread.indicators.selectors import scoreboard
from goldenthread.plans.models import Result
from tests.indicators.scored_plan import load_scored_plan
from tests.pages.conftest import other, outsider, owner, plan, user  # noqa: F401 - fixtures
from tests.pages.plan import Plan, grant

pytestmark = pytest.mark.django_db


def _scores(*args: str) -> list[dict[str, Any]]:
    out = io.StringIO()
    call_command("scores", *args, "--format", "json", stdout=out)
    text = out.getvalue()
    assert text.startswith("[\n") and text.endswith("]\n")
    return json.loads(text)  # type: ignore[no-any-return]


def test_the_json_is_each_result_as_json_dumps_writes_it_one_a_line() -> None:
    cycle = load_scored_plan()
    # quotes, a backslash, a line break and non-Latin letters in a title stay exact
    Result.objects.filter(cycle=cycle, code="O2").update(title='Prix "abordable" \\ 价格\nline')
    out = io.StringIO()
    call_command("scores", "--cycle", "SC2028", "--period", "2029", "--format", "json", stdout=out)
    lines = out.getvalue().splitlines()
    board = scoreboard(cycle, Period(2029))
    assert lines[0] == "[" and lines[-1] == "]"
    assert [line.rstrip(",") for line in lines[1:-1]] == [
        json.dumps(result_json(r), ensure_ascii=False) for r in board.results.values()
    ]
    o2 = json.loads(out.getvalue())[2]
    assert o2["title"] == 'Prix "abordable" \\ 价格\nline' and o2["score"] == 25.0


def test_a_user_sees_the_scores_of_the_results_they_may_see(plan: Plan, owner) -> None:  # noqa: F811
    everything = {row["code"]: row for row in _scores("--cycle", "SP2028", "--period", "2028")}
    seen = {row["code"]: row for row in _scores("--cycle", "SP2028", "--period", "2028", "--user", "amina")}
    assert set(seen) == {"G1", "G2", "O1.1", "OP9.9", "OP1.1.1", "A1.1.1.1"}
    assert set(everything) > set(seen)
    # a goal's score is that of everything below it, seen by the user or not
    assert seen == {code: everything[code] for code in seen}
    assert seen["G1"]["score"] is not None


def test_a_planner_on_the_organisation_sees_every_score(plan: Plan, other) -> None:  # noqa: F811
    grant(other, plan, "ITU", "planner")
    assert _scores("--cycle", "SP2028", "--period", "2028", "--user", "jonas") == \
        _scores("--cycle", "SP2028", "--period", "2028")


def test_it_refuses_an_outsider_and_an_unknown_user(plan: Plan, outsider) -> None:  # noqa: F811
    with pytest.raises(CommandError, match=r"visitor: You may not see SP2028"):
        _scores("--cycle", "SP2028", "--period", "2028", "--user", "visitor")
    with pytest.raises(CommandError, match="no user 'ghost'"):
        _scores("--cycle", "SP2028", "--period", "2028", "--user", "ghost")
    with pytest.raises(CommandError) as refused:  # nor does it name cycles they cannot see
        _scores("--cycle", "NOPE", "--period", "2028", "--user", "visitor")
    assert str(refused.value) == "no cycle 'NOPE'"
