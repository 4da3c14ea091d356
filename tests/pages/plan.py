"""A small, credible plan built through the audited services, for page and browser tests.

The cascade has two goals; output OP1.1.1 serves two outcomes under two goals
(a DAG), an activity is owned by a person (tier 4), and OP9.9 is an orphan.
``extra_outputs`` adds outputs with their indicators, costs, allocations and
risks, so tests can compare two sizes of the same plan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from goldenthread.core.audit import Actor
from goldenthread.core.services import object_create, object_update
from goldenthread.finance.models import Allocation, CostLine, Fund
from goldenthread.indicators.models import Actual, Indicator, Target
from goldenthread.mobilisation.models import ActionLine, Revenue
from goldenthread.org.models import Grade, GradeCost, OrgUnit, Person
from goldenthread.org.services import role_grant, unit_create
from goldenthread.plans.models import Cycle, Level, Result
from goldenthread.plans.services import cycle_create, link_create
from goldenthread.risks.models import Assumption, Risk

ACTOR = Actor(label="test:builder")
D = Decimal


@dataclass
class Plan:
    cycle: Cycle
    results: dict[str, Result]
    units: dict[str, OrgUnit]
    people: dict[str, Person]


def grant(user, plan: Plan, unit: str = "ITU", role: str = "planner"):  # type: ignore[no-untyped-def]
    """Give ``user`` a role on a unit of the plan (the whole organisation by default)."""
    return role_grant(actor=ACTOR, user=user, unit=plan.units[unit], role=role)


def tie(user, person: Person) -> Person:  # type: ignore[no-untyped-def]
    """Tie a sign-in account to a person of the plan (the person's unit is theirs)."""
    return object_update(actor=ACTOR, obj=person, data={"user": user})


def _create(obj):  # type: ignore[no-untyped-def]
    return object_create(actor=ACTOR, obj=obj)


def build_plan(code: str = "SP2028", extra_outputs: int = 0, start_year: int = 2028) -> Plan:
    cycle = cycle_create(
        actor=ACTOR, code=code, name="Strategic Plan 2028-2031", start_year=start_year,
        end_year=start_year + 3, baseline_year=start_year - 1, currency="CHF",
        description="Connecting the world and making digital transformation sustainable.",
    )
    levels = {
        lcode: _create(Level(cycle=cycle, code=lcode, name=name, kind=kind, rank=rank))
        for rank, (lcode, name, kind) in enumerate([
            ("goal", "Strategic goal", "impact"), ("outcome", "Outcome", "outcome"),
            ("output", "Output", "output"), ("activity", "Activity", "activity"),
        ])
    }
    units: dict[str, OrgUnit] = {}

    def unit(ucode: str, name: str, parent: str | None = None) -> OrgUnit:
        units[ucode] = unit_create(
            actor=ACTOR, cycle=cycle, code=ucode, name=name,
            parent=units[parent] if parent else None,
        )
        return units[ucode]

    unit("ITU", "International Telecommunication Union")
    unit("BDT", "Telecommunication Development Bureau", "ITU")
    unit("BR", "Radiocommunication Bureau", "ITU")
    unit("TSB", "Telecommunication Standardization Bureau", "ITU")
    unit("BDT-DNS", "Digital Networks and Society Department", "BDT")
    unit("BR-TSD", "Terrestrial Services Department", "BR")
    unit("RO-AFR", "Regional Office for Africa", "BDT")

    p4 = _create(Grade(cycle=cycle, code="P4", name="First officer"))
    p5 = _create(Grade(cycle=cycle, code="P5", name="Senior officer"))
    for year in cycle.years:
        _create(GradeCost(grade=p4, year=year, annual_cost=D("231000.00") + 4600 * (year - start_year)))
        _create(GradeCost(grade=p5, year=year, annual_cost=D("262000.00") + 5200 * (year - start_year)))
    people = {
        "S0001": _create(Person(cycle=cycle, code="S0001", name="Amina Diallo",
                                unit=units["BDT-DNS"], grade=p5)),
        "S0002": _create(Person(cycle=cycle, code="S0002", name="Jonas Berg",
                                unit=units["BR-TSD"], grade=p4, capacity=D("0.8"))),
    }

    results: dict[str, Result] = {}

    def result(rcode: str, level: str, title: str, ucode: str, *parents: tuple[str, str],
               **extra: object) -> Result:
        results[rcode] = _create(Result(cycle=cycle, code=rcode, level=levels[level], title=title,
                                        unit=units[ucode], **extra))
        for parent, weight in parents:
            link_create(actor=ACTOR, child=results[rcode], parent=results[parent], weight=D(weight))
        return results[rcode]

    result("G1", "goal", "Universal connectivity", "ITU")
    result("G2", "goal", "Sustainable digital transformation", "ITU")
    result("O1.1", "outcome", "Broadband networks reach the unconnected", "BDT", ("G1", "1"))
    result("O1.2", "outcome", "Spectrum is used efficiently and without harmful interference",
           "BR", ("G1", "1"))
    result("O2.1", "outcome", "Digital services are affordable and trusted", "TSB", ("G2", "1"))
    result("OP1.1.1", "output", "National broadband plans adopted with ITU support", "BDT-DNS",
           ("O1.1", "0.6"), ("O2.1", "0.4"), priority="must")
    result("OP1.2.1", "output", "Interference cases resolved through ITU mediation", "BR-TSD",
           ("O1.2", "1"), priority="should")
    result("A1.1.1.1", "activity", "Advise three countries on their broadband plans", "BDT-DNS",
           ("OP1.1.1", "1"), person=people["S0001"])
    result("A1.1.1.2", "activity", "Regional workshop on infrastructure sharing", "RO-AFR",
           ("OP1.1.1", "0.5"))
    result("OP9.9", "output", "Legacy publication series", "BDT", priority="could")

    k1 = _create(Indicator(
        cycle=cycle, code="K1", result=results["G1"],
        name="Share of the world's population covered by a mobile broadband network",
        unit_of_measure="percent", direction="increase", aggregation="mean",
        baseline_year=start_year - 1, baseline_value=D("67"), sdg="9.c.1",
        definition="Population within range of at least a 3G mobile network, as a share of the total.",
        means_of_verification="ITU World Telecommunication/ICT Indicators database",
        frequency="annual", responsible=people["S0001"],
    ))
    _create(Target(indicator=k1, year=start_year, value=D("70")))
    _create(Target(indicator=k1, year=start_year + 3, value=D("80")))
    _create(Actual(indicator=k1, year=start_year, value=D("71.5"), status="approved"))
    k2 = _create(Indicator(
        cycle=cycle, code="K2", result=results["OP1.1.1"],
        name="Countries adopting a national broadband plan with ITU support",
        unit_of_measure="number", direction="increase", aggregation="sum",
        baseline_year=start_year - 1, baseline_value=D("4"),
    ))
    _create(Target(indicator=k2, year=start_year, value=D("6")))
    _create(Actual(indicator=k2, year=start_year, value=D("5"), status="submitted"))

    regular = Fund.objects.get(cycle=cycle, is_regular=True)
    eu = _create(Fund(cycle=cycle, code="EU-CONNECT", name="EU Connectivity Fund",
                      donor="European Union"))
    _create(CostLine(result=results["OP1.1.1"], year=start_year, category="travel_events",
                     source=regular, amount=D("12000.00")))
    _create(CostLine(result=results["OP1.1.1"], year=start_year, category="consultants_contractual",
                     source=eu, amount=D("85000.00")))
    _create(CostLine(result=results["OP1.1.1"], year=start_year + 1, category="travel_events",
                     source=regular, amount=D("15500.00")))
    _create(CostLine(result=results["OP1.2.1"], year=start_year, category="equipment_it",
                     source=regular, amount=D("40000.00")))
    _create(Allocation(person=people["S0001"], result=results["A1.1.1.1"], year=start_year,
                       share=D("0.25")))
    _create(Allocation(person=people["S0002"], result=results["OP1.2.1"], year=start_year,
                       share=D("0.5")))

    _create(Risk(cycle=cycle, code="R1", unit=units["BDT"], result=results["OP1.1.1"],
                 category="operational", title="Partner governments delay plan adoption",
                 likelihood=4, impact=4, residual_likelihood=3, residual_impact=2,
                 owner=people["S0001"], treatment="Early ministerial engagement."))
    _create(Risk(cycle=cycle, code="R2", unit=units["BR"], result=results["OP1.2.1"],
                 category="reputational", title="Interference disputes escalate publicly",
                 likelihood=5, impact=4, residual_likelihood=4, residual_impact=4))
    _create(Risk(cycle=cycle, code="R3", unit=units["ITU"], category="financial",
                 title="Voluntary contributions fall short", likelihood=3, impact=5))
    _create(Assumption(result=results["OP1.1.1"],
                       statement="Member states keep broadband in their national priorities.",
                       status="holds", last_reviewed=dt.date(start_year, 3, 31)))
    _create(Assumption(result=results["OP1.1.1"], statement="Donor funding arrives on time.",
                       status="uncertain"))

    _create(Revenue(cycle=cycle, stream="assessed_contributions", year=start_year,
                    amount=D("125000000")))
    for lcode, area, status in [
        ("RM1.1", "strengthen_membership", "ongoing"),
        ("RM1.2", "strengthen_membership", "completed"),
        ("RM2.1", "leverage_events_products_services", "to_be_started"),
        ("RM3.1", "increase_voluntary_contributions", "ongoing"),
    ]:
        _create(ActionLine(cycle=cycle, code=lcode, area=area, status=status,
                           title=f"Action line {lcode}", target_year=start_year, target_quarter=2))

    for n in range(1, extra_outputs + 1):
        out = result(f"OPX.{n}", "output", f"Additional output {n}", "BDT-DNS", ("O1.1", "1"),
                     ("O2.1", "0.5"), priority="should")
        act = result(f"AX.{n}", "activity", f"Additional activity {n}", "BDT-DNS",
                     (out.code, "1"), person=people["S0001"])
        ind = _create(Indicator(cycle=cycle, code=f"KX{n}", result=out, name=f"Measure {n}",
                                baseline_year=start_year - 1, baseline_value=D(n)))
        _create(Target(indicator=ind, year=start_year, value=D(n + 1)))
        _create(Actual(indicator=ind, year=start_year, value=D(n)))
        _create(CostLine(result=out, year=start_year, category="other_direct", source=regular,
                         amount=D(1000 * n)))
        _create(Allocation(person=people["S0002"], result=act, year=start_year + 1,
                           share=D("0.01")))
        _create(Risk(cycle=cycle, code=f"RX{n}", unit=units["BDT-DNS"], result=out,
                     category="strategic", title=f"Risk {n}", likelihood=1 + n % 5,
                     impact=1 + (n * 2) % 5))
        unit(f"UX{n}", f"Extra unit {n}", "BDT-DNS")
    return Plan(cycle=cycle, results=results, units=units, people=people)
