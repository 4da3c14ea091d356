"""A small plan whose every score can be worked out by hand (see the test docstrings)."""

from __future__ import annotations

import yaml

from goldenthread.core.audit import Actor
from goldenthread.interop.services import plan_load
from goldenthread.plans.models import Cycle

PLAN = """
format: goldenthread-plan/1
cycle: {code: SC2028, name: Scored plan, start_year: 2028, end_year: 2031, baseline_year: 2027}
levels:
  - {code: goal, name: Goal, kind: impact}
  - {code: outcome, name: Outcome, kind: outcome}
  - {code: output, name: Output, kind: output}
units:
  - {code: ORG, name: Organisation}
  - {code: BUR, name: Bureau, parent: ORG}
results:
  - {code: G1, level: goal, title: Universal connectivity, unit: ORG}
  - {code: O1, level: outcome, title: Coverage, unit: BUR, parents: [{code: G1, weight: 1}]}
  - {code: O2, level: outcome, title: Affordability, unit: BUR, parents: [{code: G1, weight: 3}]}
  - {code: OP1, level: output, title: Studies, unit: BUR, parents: [{code: O1}]}
  - {code: OP2, level: output, title: Orphan work, unit: BUR}
indicators:
  # 2029 target interpolated: 50 + (90 - 50) * 2/4 = 70; actual 66: r = 16/20 = 0.8
  - {code: K1, result: O1, name: Population covered, unit: percent, direction: increase,
     baseline: {year: 2027, value: 50}, targets: {2031: 90}, actuals: {2028: 58, 2029: 66}}
  # decreasing: r = (9 - 10) / (6 - 10) = 0.25
  - {code: K2, result: O2, name: Cost share of GNI, unit: percent, direction: decrease,
     baseline: {year: 2027, value: 10}, targets: {2029: 6, 2031: 2}, actuals: {2028: 9.5, 2029: 9}}
  - {code: K3, result: OP1, name: Studies published, unit: number,
     baseline: {year: 2027, value: 0}, targets: {2029: 4, 2031: 8}}
  - {code: K4, result: O1, name: Narrative of change, unit: qualitative}
"""


def load_scored_plan() -> Cycle:
    return plan_load(actor=Actor(label="test"), document=yaml.safe_load(PLAN))
