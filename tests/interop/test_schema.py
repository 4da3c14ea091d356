"""The JSON Schema of the plan format: one canonical copy, the closed vocabularies of the
apps, and the same verdicts as a reference validator."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.db import models

from goldenthread.finance.choices import CostCategory
from goldenthread.indicators.choices import Aggregation, Direction, Frequency, UnitOfMeasure
from goldenthread.interop.planfile import SCHEMA_PATH, PlanFileError, validate_plan
from goldenthread.mobilisation.choices import ActionArea, ActionStatus, RevenueStream
from goldenthread.org.choices import ContractType
from goldenthread.plans.choices import LevelKind, Priority, ResultStatus, RollupMethod
from goldenthread.risks.choices import AssumptionStatus, RiskCategory, RiskStatus
from tests.interop.helpers import FIXTURES

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def items(section: str) -> dict[str, Any]:
    return SCHEMA["properties"][section]["items"]["properties"]  # type: ignore[no-any-return]


def test_the_docs_copy_of_the_schema_is_identical_to_the_shipped_one() -> None:
    docs_copy = REPO_ROOT / "docs" / "plan-format.schema.json"
    assert docs_copy.read_bytes() == SCHEMA_PATH.read_bytes()


def test_it_is_a_valid_draft_2020_12_schema_that_closes_every_object() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                assert node.get("additionalProperties") is False, node.get("description")
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(SCHEMA)


@pytest.mark.parametrize(
    ("node", "choices"),
    [
        (lambda: items("levels")["kind"], LevelKind),
        (lambda: items("results")["priority"], Priority),
        (lambda: items("results")["method"], RollupMethod),
        (lambda: items("results")["status"], ResultStatus),
        (lambda: items("indicators")["unit"], UnitOfMeasure),
        (lambda: items("indicators")["direction"], Direction),
        (lambda: items("indicators")["aggregation"], Aggregation),
        (lambda: items("indicators")["frequency"], Frequency),
        (lambda: items("costs")["category"], CostCategory),
        (lambda: items("people")["contract"], ContractType),
        (lambda: items("risks")["category"], RiskCategory),
        (lambda: items("risks")["status"], RiskStatus),
        (lambda: items("assumptions")["status"], AssumptionStatus),
        (lambda: items("revenue")["stream"], RevenueStream),
        (lambda: items("action_lines")["area"], ActionArea),
        (lambda: items("action_lines")["status"], ActionStatus),
    ],
)
def test_its_vocabularies_are_the_choices_of_the_apps(
    node: Any, choices: type[models.TextChoices]
) -> None:
    assert node()["enum"] == list(choices.values)


def test_the_fixture_is_valid_for_a_reference_validator_and_for_the_loader() -> None:
    document = json.loads((FIXTURES / "full-plan.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(document)
    validate_plan(document)


SHAPE_BREAKS = [
    ("unknown key", lambda p: p["people"][0].update(nickname="Ada")),
    ("wrong type", lambda p: p["cycle"].update(start_year="2028")),
    ("missing key", lambda p: p["indicators"][0].pop("name")),
    ("vocabulary", lambda p: p["costs"][0].update(category="coffee")),
    ("share above 1", lambda p: p["allocations"][0].update(share=1.5)),
    ("negative amount", lambda p: p["costs"][0].update(amount="-1.00")),
    ("malformed period key", lambda p: p["indicators"][0]["targets"].update({"2028-Q7": 1})),
    ("bad date", lambda p: p["risks"][0].update(last_reviewed="31/03/2028")),
    ("empty levels", lambda p: p.update(levels=[])),
    ("code with spaces", lambda p: p["units"][0].update(code="D E P")),
]


@pytest.mark.parametrize(("what", "edit"), SHAPE_BREAKS, ids=[w for w, _ in SHAPE_BREAKS])
def test_the_loader_and_a_reference_validator_agree_on_shape_errors(what: str, edit: Any) -> None:
    document = json.loads((FIXTURES / "full-plan.json").read_text(encoding="utf-8"))
    document = copy.deepcopy(document)
    edit(document)
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert list(validator.iter_errors(document)), what
    with pytest.raises(PlanFileError):
        validate_plan(document)
