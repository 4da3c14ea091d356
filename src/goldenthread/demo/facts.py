"""The hand-written facts of the demo organisation, kept as data.

An ITU-like plan for 2028-2031, built from the ITU council contributions and
the BDT report that inspired the product: the two strategic goals, thematic
priorities and outcomes measured by the indicators those documents name, the
General Secretariat and three Bureaux with their departments and regional
offices, the resource-mobilisation strategy's 24 action lines, and the risks
and assumptions a planning officer would expect to find. Figures are
plausible orders of magnitude for a demonstration, not official ITU data.

``builder.py`` turns these facts into a plan document; everything that is
not written here (staff names, activities, allocations, costs, actuals) is
derived from them with a seeded random generator.
"""

from __future__ import annotations

from typing import NamedTuple

START_YEAR, END_YEAR, BASELINE_YEAR = 2028, 2031, 2027

CYCLE: dict[str, object] = {
    "code": "SP2028",
    "name": "Strategic Plan 2028-2031",
    "start_year": START_YEAR,
    "end_year": END_YEAR,
    "baseline_year": BASELINE_YEAR,
    "currency": "CHF",
    "description": (
        "Demonstration plan of an ITU-like organisation: two strategic goals "
        "(universal connectivity; sustainable digital transformation) cascaded through "
        "thematic priorities, outcomes, departmental outputs and staff activities, "
        "with costs, staff time, risks and the resource mobilization strategy."
    ),
    "on_track": 0.9,
    "at_risk": 0.7,
}

LEVELS = [
    {"code": "goal", "name": "Strategic goal", "kind": "impact"},
    {"code": "priority", "name": "Thematic priority", "kind": "outcome"},
    {"code": "outcome", "name": "Outcome", "kind": "outcome"},
    {"code": "output", "name": "Output", "kind": "output"},
    {"code": "activity", "name": "Activity", "kind": "activity"},
]


class Unit(NamedTuple):
    code: str
    name: str
    parent: str | None
    staff: int  # head count of the unit itself (its people, not its sub-units)


# Tier 1 the Union, tier 2 the General Secretariat and the three Bureaux,
# tier 3 their departments and the BDT regional offices.
UNITS = [
    Unit("ITU", "International Telecommunication Union", None, 6),
    Unit("GS", "General Secretariat", "ITU", 8),
    Unit("GS-SPM", "Strategic Planning and Membership Department", "GS", 22),
    Unit("GS-FRMD", "Financial Resources Management Department", "GS", 24),
    Unit("GS-HRMD", "Human Resources Management Department", "GS", 20),
    Unit("GS-IS", "Information Services Department", "GS", 26),
    Unit("GS-CPD", "Conferences and Publications Department", "GS", 24),
    Unit("BR", "Radiocommunication Bureau", "ITU", 5),
    Unit("BR-TSD", "Terrestrial Services Department", "BR", 18),
    Unit("BR-SSD", "Space Services Department", "BR", 20),
    Unit("BR-SGD", "Study Groups Department", "BR", 12),
    Unit("BR-IAP", "Informatics, Administration and Publications Department", "BR", 14),
    Unit("TSB", "Telecommunication Standardization Bureau", "ITU", 5),
    Unit("TSB-SGD", "Study Groups Department", "TSB", 18),
    Unit("TSB-SPD", "Standardization Policy Department", "TSB", 10),
    Unit("TSB-OPD", "Operations and Planning Department", "TSB", 8),
    Unit("BDT", "Telecommunication Development Bureau", "ITU", 6),
    Unit("BDT-DNS", "Digital Networks and Society Department", "BDT", 20),
    Unit("BDT-DKH", "Digital Knowledge Hub Department", "BDT", 16),
    Unit("BDT-PDD", "Partnerships for Digital Development Department", "BDT", 16),
    Unit("RO-AFR", "Regional Office for Africa (Addis Ababa)", "BDT", 10),
    Unit("RO-AMS", "Regional Office for the Americas (Brasilia)", "BDT", 8),
    Unit("RO-ARB", "Regional Office for the Arab States (Cairo)", "BDT", 6),
    Unit("RO-ASP", "Regional Office for Asia and the Pacific (Bangkok)", "BDT", 8),
    Unit("RO-CIS", "Regional Office for the CIS region (Moscow)", "BDT", 5),
    Unit("RO-EUR", "Regional Office for Europe (Geneva)", "BDT", 5),
]

# Standard annual cost of a post in 2028 (CHF, Geneva: salary, post adjustment
# and common staff costs); later years rise by GRADE_ESCALATION a year.
GRADES = [
    ("G4", "General Service, level 4", 142_000),
    ("G5", "General Service, level 5", 158_000),
    ("G6", "General Service, level 6", 176_000),
    ("G7", "General Service, level 7", 194_000),
    ("P2", "Professional, level 2", 171_000),
    ("P3", "Professional, level 3", 212_000),
    ("P4", "Professional, level 4", 251_000),
    ("P5", "Professional, level 5", 292_000),
    ("D1", "Director, level 1", 331_000),
    ("D2", "Director, level 2", 362_000),
]
GRADE_ESCALATION = "0.02"

# Share of each grade among the staff of a department (heads are placed first).
GRADE_MIX = {"G4": 8, "G5": 12, "G6": 10, "G7": 5, "P2": 9, "P3": 18, "P4": 16, "P5": 7}
UNIT_HEAD_GRADE = {1: "D2", 2: "D2", 3: "D1"}  # by unit tier; regional directors are D1

# Contract mix of non-head staff; consultants hold no post, hence no grade.
CONTRACT_MIX = {"fixed_term": 60, "continuing": 14, "permanent": 6, "temporary": 9, "consultant": 11}
# A consultant's time has no standard cost, so the financial plan lists it as not costed.
# The demo keeps such time deliberate and few: consultants work only for the Union's and
# the Bureaux' front offices (advisers with no activity time) and for three regional
# offices (field consultants on the offices' activities: about thirty allocations, shown
# as not costed beside every financial plan). Anyone else the contract mix makes a
# consultant is a temporary General Service post instead, graded from TEMPORARY_GRADES by a
# random generator of its own (so the rest of the demo draws as before).
CONSULTANT_UNITS = frozenset({"ITU", "GS", "BR", "TSB", "BDT", "RO-AMS", "RO-ASP", "RO-CIS"})
TEMPORARY_GRADES = ["G4", "G5", "G5", "G6", "G6", "G7"]

GIVEN_NAMES = [
    "Amina", "Kwame", "Fatou", "Chidi", "Nadia", "Omar", "Leila", "Youssef", "Hana", "Karim",
    "Mei", "Hiroshi", "Ananya", "Rahul", "Siti", "Nguyen", "Priya", "Tomasz", "Ingrid", "Lars",
    "Sofia", "Mateo", "Camila", "Diego", "Lucia", "Andres", "Olga", "Dmitri", "Aigerim", "Timur",
    "Elena", "Marco", "Claire", "Julien", "Hannah", "Jonas", "Fiona", "Patrick", "Grace", "Samuel",
    "Tala", "Sione", "Mariam", "Tariq", "Zainab", "Ibrahim", "Esther", "Joseph", "Ana", "Pedro",
    "Wei", "Jun", "Aisha", "Bilal", "Noura", "Rania", "Kofi", "Abena", "Thandiwe", "Sipho",
]
FAMILY_NAMES = [
    "Diallo", "Mensah", "Okafor", "Ndiaye", "Haddad", "El-Amin", "Mansour", "Benali", "Farah",
    "Chen", "Tanaka", "Sharma", "Iyer", "Rahman", "Tran", "Kowalski", "Johansson", "Nilsen",
    "Garcia", "Fernandez", "Rodriguez", "Silva", "Moreno", "Ivanova", "Petrov", "Nurlanova",
    "Aliyev", "Rossi", "Dubois", "Lefebvre", "Schmidt", "Muller", "O'Brien", "Kelly", "Mwangi",
    "Otieno", "Tupou", "Faleolo", "Hussein", "Qureshi", "Yilmaz", "Kaya", "Abebe", "Tesfaye",
    "Santos", "Costa", "Wang", "Li", "Kim", "Park", "Nakamura", "Bakr", "Saleh", "Asante",
    "Boateng", "Dlamini", "Nkosi", "Hansen", "Novak", "Popescu",
]


class Fund(NamedTuple):
    code: str
    name: str
    donor: str


# Extrabudgetary funds (the regular budget is implicit in every plan).
FUNDS = [
    Fund("ict_df", "ICT Development Fund", "ITU Member States (surplus of ITU events)"),
    Fund("giga", "Giga school connectivity", "Giga partners (multi-donor)"),
    Fund("p2c", "Partner2Connect Digital Coalition", "Partner2Connect pledging partners"),
    Fund("eu_d4d", "Digital for Development: meaningful connectivity in Africa", "European Union"),
    Fund("cyber_cap", "Cybersecurity capacity building programme", "Multi-donor trust fund"),
    Fund("ai_for_good", "AI for Good", "AI for Good partners (multi-donor)"),
    Fund("green_da", "Green Digital Action", "Green Digital Action coalition"),
]
PROGRAMME_SUPPORT_RATE = "0.07"  # indirect support charged on extrabudgetary spending


class IndicatorFact(NamedTuple):
    """An indicator with baseline (2027) and endline (2031) values.

    ``pace`` is how far actual progress runs against the planned straight line
    (1.0 on plan, 0.5 half-way, negative going backwards); it makes some
    results on track and others clearly not.

    The rest is the indicator's reference sheet: ``definition`` (what is counted,
    how, over what period), ``verification`` (the source the value is read from),
    ``method`` (how it is collected or computed) and ``target_years`` (the years
    a target is set for; empty means every year of the cycle).
    """

    code: str
    name: str
    unit: str
    direction: str
    aggregation: str
    baseline: float | bool | str
    endline: float | bool | str
    pace: float = 1.0
    frequency: str = "annual"
    sdg: str = ""
    definition: str = ""
    verification: str = ""
    decimals: int = 1
    method: str = ""
    target_years: tuple[int, ...] = ()


class ResultFact(NamedTuple):
    code: str
    title: str
    unit: str
    parents: tuple[tuple[str, float], ...]
    indicators: tuple[IndicatorFact, ...] = ()
    description: str = ""
    tags: tuple[str, ...] = ()


# The reference sheets of the indicators: a planning officer's definition (what is
# counted, how, over what period), the source the value is read from, how it is
# collected or computed, and the targets on the way from the 2027 baseline to the
# 2031 endline. Every indicator passes the SMART check of the alignment report
# except five left weak on purpose, so that the demo's report has something real
# to show (DELIBERATE_SMART_GAPS below says which and why).
#
# Deliberate weaknesses (tests/demo/test_demo_alignment.py pins them):
# - K-O7.3a (S, M): the outcome O7.3 was added late in the planning round and no
#   output serves it yet; its indicator has a name and a baseline but no reference
#   sheet: no definition, no means of verification.
# - K-OP6.1.1 (S): "Courses offered" is the classic two-word indicator; the name
#   does not say what counts as a course, nor over what period.
# - K-O2.1a (T): the implementation survey runs in even years, so targets are set
#   for 2028 and 2030 only; nothing says what is expected at the end of the cycle.
# - K-OP3.1.4 (A): the donor's proposal promised 1,500 connected rural communities
#   by 2031 from the pilot's 120, more than ten times the baseline.
# - K-OP-X2 (R): it measures OP-X2, an output planned with no outcome to serve (an
#   orphan), so however well it is measured it is not tied to the goals.
# The alignment report also keeps its other planned gaps: the orphans OP-X1, OP-X2
# and A-X3.1, the outcome O7.3 that no output serves, and two draft outputs with no
# indicator yet (OP-X1 and OP2.3.3, see ADDED_OUTPUT_INDICATORS).
DELIBERATE_SMART_GAPS = {
    "K-O7.3a": ("S", "M"),
    "K-OP6.1.1": ("S",),
    "K-O2.1a": ("T",),
    "K-OP3.1.4": ("A",),
    "K-OP-X2": ("R",),
}

ITU_DATABASE = "ITU World Telecommunication/ICT Indicators database"

GOALS = [
    ResultFact(
        "G1", "Universal connectivity: enable and foster universal access to affordable, "
        "high-quality and secure telecommunications/ICTs", "ITU", (),
        (
            IndicatorFact(
                "K-G1.1", "Percentage of the world population covered by a mobile broadband "
                "network (at least 4G)", "percent", "increase", "mean", 93.0, 97.0, 0.95,
                sdg="9.c.1", definition="Share of inhabitants within range of an LTE or more "
                "advanced mobile network, whether or not they subscribe.",
                verification=ITU_DATABASE,
                method="Operators' coverage figures reported by national regulators in the "
                "annual ITU questionnaire; the world figure weights each economy by its "
                "population. ITU estimates economies that do not report.",
            ),
            IndicatorFact(
                "K-G1.2", "Cost of the entry-level mobile broadband basket in developing "
                "countries, as a percentage of monthly GNI per capita", "percent", "decrease",
                "mean", 2.4, 2.0, 0.9, definition="Median price of the ITU data-only mobile "
                "broadband basket (2 GB) relative to monthly GNI per capita; the 2% target "
                "of the Broadband Commission.",
                verification="ITU ICT Price Baskets", decimals=2,
                method="Prices of the cheapest plan meeting the basket, collected each year "
                "from the operator with the largest market share in each economy; the "
                "median over the developing economies.",
            ),
            IndicatorFact(
                "K-G1.3", "Cost of the entry-level fixed broadband basket in developing "
                "countries, as a percentage of monthly GNI per capita", "percent", "decrease",
                "mean", 4.8, 2.0, 0.15, definition="Median price of the ITU fixed broadband "
                "basket (5 GB) relative to monthly GNI per capita; the 2% target.",
                verification="ITU ICT Price Baskets", decimals=2,
                method="Prices of the cheapest fixed plan meeting the basket, collected "
                "each year from the largest fixed operator in each economy; the median over "
                "the developing economies.",
            ),
            IndicatorFact(
                "K-G1.4", "Percentage of individuals using the Internet", "percent", "increase",
                "mean", 72.0, 80.0, 1.0, sdg="17.8.1",
                definition="Individuals who used the Internet from any location and device "
                "in the last three months, as a share of the world population.",
                verification="ITU Facts and Figures; national household surveys",
                method="National household survey results where they exist, ITU estimates "
                "elsewhere; the world aggregate is published each November.",
            ),
        ),
        tags=("SDG 9", "SDG 17"),
    ),
    ResultFact(
        "G2", "Sustainable digital transformation: foster the use of telecommunications/ICTs "
        "to support inclusive, secure and sustainable digital transformation", "ITU", (),
        (
            IndicatorFact(
                "K-G2.1", "Fixed broadband subscriptions per 100 inhabitants", "number",
                "increase", "mean", 19.6, 23.0, 0.8, sdg="17.6.1",
                definition="Subscriptions to fixed high-speed access to the public Internet "
                "(at least 256 kbit/s downstream: DSL, cable, fibre, fixed wireless, "
                "satellite) per 100 inhabitants, world aggregate.",
                verification=ITU_DATABASE,
                method="Administrative data from regulators and operators in the annual ITU "
                "questionnaire, divided by the UN population estimate of the year.",
            ),
            IndicatorFact(
                "K-G2.2", "Proportion of individuals who own a mobile phone", "percent",
                "increase", "mean", 80.0, 85.0, 1.05, sdg="5.b.1",
                definition="Individuals aged 10 and over who own a mobile cellular phone, as "
                "a share of the population aged 10 and over; reported by sex for SDG 5.b.1.",
                verification="ITU household survey data",
                method="National household surveys reported to ITU, ITU estimates for the "
                "economies without a recent survey; population-weighted world figure.",
            ),
            IndicatorFact(
                "K-G2.3", "Share of e-waste documented as formally collected and recycled",
                "percent", "increase", "mean", 24.0, 30.0, 0.4, sdg="12.4.2",
                definition="E-waste documented as collected and recycled in environmentally "
                "sound facilities, as a share of the e-waste generated in the year, world.",
                verification="Global E-waste Monitor",
                method="National e-waste statistics and put-on-market data, modelled by ITU "
                "and UNITAR for the Global E-waste Monitor; interpolated between editions.",
            ),
        ),
        tags=("SDG 4", "SDG 5", "SDG 12"),
    ),
]

PRIORITIES = [
    ResultFact("TP1", "Radiocommunications (terrestrial and space)", "BR", (("G1", 1.0),)),
    ResultFact("TP2", "Standardization", "TSB", (("G1", 0.5), ("G2", 0.5))),
    ResultFact("TP3", "Network and digital infrastructure", "BDT", (("G1", 1.0),)),
    ResultFact("TP4", "Enabling environment: policy, regulation and data", "BDT",
               (("G1", 0.5), ("G2", 0.5))),
    ResultFact("TP5", "Cybersecurity and trust in the use of ICTs", "BDT",
               (("G1", 0.4), ("G2", 0.6))),
    ResultFact("TP6", "Digital inclusion, skills and environmental sustainability", "BDT",
               (("G1", 0.3), ("G2", 0.7))),
    ResultFact("TP7", "An efficient, accountable and financially sustainable Union (enablers)",
               "GS", (("G1", 0.5), ("G2", 0.5))),
]

OUTCOMES = [
    ResultFact(
        "O1.1", "Efficient and equitable use of the radio-frequency spectrum and satellite "
        "orbits", "BR", (("TP1", 1.0),),
        (
            IndicatorFact(
                "K-O1.1a", "Share of frequency assignment notices and satellite network "
                "filings processed within regulatory time limits", "percent", "increase",
                "mean", 84.0, 95.0, 1.05, "quarterly",
                definition="Terrestrial notices and satellite network filings whose "
                "examination was completed within the time limits of the Radio Regulations, "
                "as a share of all those whose examination was completed in the quarter.",
                verification="BR processing statistics (BR IFIC)",
                method="Dates of receipt and of publication in the BR IFIC, extracted each "
                "quarter from the Bureau's notice-processing system.",
            ),
        ),
    ),
    ResultFact(
        "O1.2", "Avoidance of harmful interference", "BR", (("TP1", 1.0),),
        (
            IndicatorFact(
                "K-O1.2a", "Cases of harmful interference reported to the BR and resolved",
                "percent", "increase", "mean", 76.0, 90.0, -0.3, "quarterly",
                definition="Resolved cases as a share of cases reported to the Radiocommunication "
                "Bureau in the period, including interference to satellite services.",
                verification="BR harmful interference database",
                method="A case counts as resolved when the affected administration confirms "
                "in writing that the interference has ceased; case files read each quarter.",
            ),
            IndicatorFact(
                "K-O1.2b", "Number of harmful interference cases reported to the BR", "number",
                "decrease", "sum", 520, 450, 0.6, decimals=0,
                definition="New cases of harmful interference reported to the "
                "Radiocommunication Bureau by administrations in the year, terrestrial and "
                "space services, each interfered station counted once per incident.",
                verification="BR harmful interference database",
                method="Count of the case files opened in the year (date of the first "
                "report), whatever their outcome.",
            ),
        ),
    ),
    ResultFact(
        "O1.3", "Strengthened capacity of administrations in spectrum management", "BR",
        (("TP1", 0.6), ("TP6", 0.4)),
        (
            IndicatorFact(
                "K-O1.3a", "Number of administrations using ITU spectrum management software "
                "and e-tools", "number", "increase", "max", 64, 90, 1.1, decimals=0,
                definition="Administrations with an active licence of the ITU spectrum "
                "management software (SMS4DC) or an account used in the year on the BR "
                "e-tools for notices and filings.",
                verification="SMS4DC licence register; BR e-tools account logs",
                method="Each administration counted once in the year, whichever tools it "
                "uses; the highest count reached in the year.",
            ),
        ),
    ),
    ResultFact(
        "O2.1", "Enhanced interoperability and performance of telecommunications/ICT "
        "applications", "TSB", (("TP2", 1.0),),
        (
            IndicatorFact(
                "K-O2.1a", "Implementation of ITU standards: share of surveyed members "
                "implementing ITU-T Recommendations in their networks and products", "percent",
                "increase", "mean", 61.0, 75.0, 0.85,
                definition="Members of ITU-T (Member States' administrations and Sector "
                "Members) answering the survey who implement at least one ITU-T "
                "Recommendation in their networks, products or services, as a share of "
                "those answering.",
                verification="TSB biennial implementation survey",
                method="Online survey of every ITU-T member, run in even years; the response "
                "rate is published alongside the share.",
                # Deliberate: the survey runs in even years, so no target for 2031.
                target_years=(2028, 2030),
            ),
            IndicatorFact(
                "K-O2.1b", "Number of new and revised ITU-T Recommendations approved",
                "number", "increase", "sum", 250, 280, 1.0, "quarterly", decimals=0,
                definition="ITU-T Recommendations approved in the period, new or revised, "
                "under the alternative or the traditional approval process; amendments, "
                "corrigenda and supplements are not counted.",
                verification="ITU-T Recommendations database",
                method="Count of approval dates falling in the quarter, read from the "
                "Recommendations database after each study group meeting.",
            ),
        ),
    ),
    ResultFact(
        "O2.2", "Bridging the standardization gap between developed and developing countries",
        "TSB", (("TP2", 1.0),),
        (
            IndicatorFact(
                "K-O2.2a", "Share of ITU-T study group participants from developing countries",
                "percent", "increase", "mean", 38.0, 45.0, 0.5,
                definition="Participants in ITU-T study group and working party meetings, on "
                "site or remote, who represent a developing country's administration or a "
                "member based in a developing country, as a share of all participants.",
                verification="TSB meeting registration data",
                method="Registrations of the year's meetings, each participant counted once "
                "per meeting; country status per the UN list of developing countries.",
            ),
        ),
    ),
    ResultFact(
        "O2.3", "Standards for emerging technologies: AI, climate and the circular economy",
        "TSB", (("TP2", 0.7), ("TP6", 0.3)),
        (
            IndicatorFact(
                "K-O2.3a", "Number of ITU-T Recommendations on AI, environment and climate "
                "approved", "number", "increase", "sum", 40, 60, 1.2, decimals=0,
                definition="ITU-T Recommendations, new or revised, approved in the year whose "
                "work item is tagged artificial intelligence, environment, climate change or "
                "circular economy in the study groups' work programme.",
                verification="ITU-T work programme (topic tags) and Recommendations database",
                method="Approvals of the year matched to their work items' topic tags.",
            ),
        ),
    ),
    ResultFact(
        "O3.1", "Expanded broadband infrastructure and meaningful connectivity in underserved "
        "areas", "BDT", (("TP3", 1.0),),
        (
            IndicatorFact(
                "K-O3.1a", "Schools connected to the Internet through Giga (cumulative)",
                "number", "increase", "cumulative", 14000, 40000, 0.55, decimals=0,
                definition="Schools connected to the Internet with Giga's support since the "
                "initiative began; a school counts once its connection has been measured "
                "online for at least one month.",
                verification="Giga school connectivity map",
                method="Running total at 31 December, from the map's connectivity "
                "measurements.",
            ),
            IndicatorFact(
                "K-O3.1b", "Partner2Connect pledges mobilized (USD billion, cumulative)",
                "currency", "increase", "cumulative", 55.0, 100.0, 1.0,
                definition="Pledges made to the Partner2Connect Digital Coalition since its "
                "launch in 2022, in USD billion at the exchange rate of the pledge date, net "
                "of pledges withdrawn.",
                verification="Partner2Connect pledge tracker",
                method="Sum of the pledges recorded in the tracker at 31 December.",
            ),
        ),
    ),
    ResultFact(
        "O3.2", "Resilient networks and emergency telecommunications", "BDT", (("TP3", 1.0),),
        (
            IndicatorFact(
                "K-O3.2a", "Number of countries with a national emergency telecommunication plan",
                "number", "increase", "max", 48, 75, 1.0, decimals=0,
                definition="Countries whose government has adopted a national emergency "
                "telecommunication plan following the ITU guidelines; a draft does not count.",
                verification="Government adoption notices collected by BDT",
                method="Count at 31 December of the adopted plans on the BDT register.",
            ),
        ),
    ),
    ResultFact(
        "O4.1", "Collaborative, evidence-based ICT policy and regulation", "BDT",
        (("TP4", 1.0),),
        (
            IndicatorFact(
                "K-O4.1a", "Number of countries at generation 4 or 5 of the ICT Regulatory "
                "Tracker", "number", "increase", "max", 78, 95, 0.9, decimals=0,
                definition="Countries whose ICT Regulatory Tracker score places them in "
                "generation 4 or 5 (collaborative regulation) in the year's edition.",
                verification="ITU ICT Regulatory Tracker",
                method="Tracker scores computed each year from the ITU regulatory survey and "
                "desk research on laws and regulators' decisions.",
            ),
            IndicatorFact(
                "K-O4.1b", "Number of economies reporting ICT household statistics to ITU",
                "number", "increase", "max", 110, 130, 1.0, decimals=0,
                definition="Economies that returned the ITU household questionnaire on ICT "
                "access and use with at least one core indicator for a reference year no "
                "older than three years.",
                verification="ITU household ICT questionnaire returns (ICT Data Hub)",
                method="Count of the returns received by 31 December of the year.",
            ),
        ),
    ),
    ResultFact(
        "O5.1", "Strengthened partnerships and capacity for cybersecurity", "BDT",
        (("TP5", 1.0),),
        (
            IndicatorFact(
                "K-O5.1a", "Global Cybersecurity Index (GCI): average score of countries "
                "assisted by ITU", "index", "increase", "mean", 48.0, 62.0, 0.25,
                definition="Mean GCI score (0-100) of the countries that received ITU "
                "cybersecurity assistance in the cycle.",
                verification="Global Cybersecurity Index report",
                method="Each assisted country's latest GCI score, averaged without "
                "weighting; the list of assisted countries comes from the project reports.",
            ),
            IndicatorFact(
                "K-O5.1b", "Number of countries with a national Computer Incident Response "
                "Team (CIRT)", "number", "increase", "max", 135, 155, 1.0, decimals=0,
                definition="Countries with an operational national CIRT: set up by law or "
                "government decision and receiving incident reports.",
                verification="ITU list of national CIRTs; BDT CIRT assessment reports",
                method="Count at 31 December of the list BDT keeps with the CIRTs' "
                "confirmation.",
            ),
        ),
    ),
    ResultFact(
        "O6.1", "Digital skills and human capacity for the digital economy", "BDT",
        (("TP6", 1.0),),
        (
            IndicatorFact(
                "K-O6.1a", "Number of people trained through ITU Academy courses", "number",
                "increase", "sum", 28000, 40000, 1.1, "quarterly", decimals=0,
                definition="Participants who completed an ITU Academy course (online, "
                "blended or face-to-face) and received its certificate in the period; a "
                "person is counted once per course.",
                verification="ITU Academy platform records",
                method="Certificates issued on the platform, extracted each quarter.",
            ),
            IndicatorFact(
                "K-O6.1b", "Share of ITU Academy participants who are women", "percent",
                "increase", "mean", 42.0, 50.0, 0.7,
                definition="Women among the participants who completed an ITU Academy course "
                "in the year, as a share of the completers who stated their sex.",
                verification="ITU Academy platform records (participant profiles)",
                method="Certificates of the year joined to the participants' profiles.",
            ),
        ),
    ),
    ResultFact(
        "O6.2", "Digital transformation of least developed countries, landlocked developing "
        "countries and small island developing states", "BDT", (("TP6", 1.0),),
        (
            IndicatorFact(
                "K-O6.2a", "Number of LDCs, LLDCs and SIDS supported with digital "
                "transformation projects", "number", "increase", "max", 38, 60, 0.6,
                decimals=0,
                definition="LDCs, LLDCs and SIDS (UN lists) in which a BDT digital "
                "transformation project was being implemented in the year, each country "
                "counted once however many projects it has.",
                verification="BDT project portfolio (project documents and progress reports)",
                method="Countries of the projects active in the year, read from the "
                "portfolio at 31 December.",
            ),
        ),
    ),
    ResultFact(
        "O6.3", "Environmentally sound management of e-waste and greener ICTs", "BDT",
        (("TP6", 1.0),),
        (
            IndicatorFact(
                "K-O6.3a", "Number of countries with e-waste legislation, policy or regulation",
                "number", "increase", "max", 85, 100, 0.9, decimals=0,
                definition="Countries with a national law, policy or regulation specifically "
                "governing e-waste in force at the end of the year.",
                verification="Global E-waste Monitor",
                method="The Monitor's country survey, updated each year by BDT from official "
                "gazettes and regulators' replies.",
            ),
        ),
    ),
    ResultFact(
        "O7.1", "Secure and diversified funding of the Union", "GS", (("TP7", 1.0),),
        (
            IndicatorFact(
                "K-O7.1a", "Contributory units announced by Member States for the cycle",
                "number", "increase", "latest", 345.0, 350.0, -0.2, decimals=2,
                definition="Total contributory units Member States have chosen for the "
                "cycle in reply to the Secretary-General's circular letter, counting "
                "fractions of a unit.",
                verification="Circular letter responses (provisional class of contribution)",
                method="The latest total of the announced classes in the membership "
                "database at the end of the period.",
            ),
            IndicatorFact(
                "K-O7.1b", "Number of Sector Members, Associates and Academia", "number",
                "increase", "latest", 1050, 1150, 0.8, decimals=0,
                definition="Sector Members, Associates and Academia members of the three "
                "Sectors in good standing at 31 December; a member of two Sectors counts "
                "twice.",
                verification="ITU membership database",
                method="Membership list at 31 December, excluding members that have "
                "denounced their membership.",
            ),
            IndicatorFact(
                "K-O7.1c", "Voluntary contributions received (CHF million)", "currency",
                "increase", "sum", 42.0, 55.0, 1.0,
                definition="Cash voluntary contributions received in the year for "
                "extrabudgetary projects, trust funds and thematic initiatives, in CHF "
                "million; in-kind contributions are not counted.",
                verification="ITU financial statements (IPSAS), note on voluntary "
                "contributions",
                method="Receipts booked in the year in the financial system, converted at "
                "the UN operational rate of exchange of the receipt date.",
            ),
        ),
    ),
    ResultFact(
        "O7.2", "Results-based, transparent and accountable management", "GS",
        (("TP7", 1.0),),
        (
            IndicatorFact(
                "K-O7.2a", "Share of staff e-PMDS objectives linked to a planned output",
                "percent", "increase", "mean", 35.0, 95.0, 1.0, "quarterly",
                definition="Tier-4 objectives in the electronic Performance Management and "
                "Development System that name the output they serve.",
                verification="e-PMDS extract",
                method="Objectives of the staff on the payroll at the end of the quarter, "
                "matched to the output codes of the operational plan.",
            ),
            IndicatorFact(
                "K-O7.2b", "Share of oversight recommendations implemented by the agreed "
                "deadline", "percent", "increase", "mean", 65.0, 85.0, 0.5,
                definition="Recommendations of the External Auditor, the Independent "
                "Management Advisory Committee and internal audit falling due in the year "
                "whose implementation the recommending body accepted by the agreed deadline, "
                "as a share of all those falling due.",
                verification="Oversight recommendations tracker reported to the Council",
                method="Status of each recommendation in the tracker at 31 December.",
            ),
            IndicatorFact(
                "K-O7.2c", "ITU-wide risk register reviewed by senior management every quarter",
                "yes_no", "increase", "none", False, True, 1.0,
                definition="Yes when senior management (the Management Coordination Group) "
                "reviewed the ITU-wide risk register in each of the year's four quarters "
                "and recorded its decisions; no if any quarter was missed.",
                verification="Minutes of the Management Coordination Group",
                method="The four quarters' minutes checked at year end by the Strategic "
                "Planning and Membership Department.",
            ),
            IndicatorFact(
                "K-O7.2d", "Quality of the results chain, as judged by independent evaluation",
                "qualitative", "increase", "none",
                "Results chain documented for the Strategic Plan only; outputs not linked "
                "to outcomes", "Outputs, activities and e-PMDS objectives linked to outcomes "
                "across all Bureaux and the General Secretariat", 1.0,
                definition="The independent evaluator's finding on how far outputs, "
                "activities and staff objectives are linked to the Strategic Plan's outcomes, "
                "with indicators documented, across the Bureaux and the General Secretariat.",
                verification="Independent evaluation of results-based management in ITU",
                method="Document review and interviews by the evaluator; the finding is "
                "quoted from the evaluation report.",
            ),
        ),
    ),
    # A gap for the alignment pages: an outcome no output serves yet, whose indicator
    # still has no reference sheet (deliberate, see DELIBERATE_SMART_GAPS).
    ResultFact(
        "O7.3", "Accessible, multilingual conferences, meetings and publications", "GS",
        (("TP7", 1.0),),
        (
            IndicatorFact(
                "K-O7.3a", "Share of ITU meetings offering remote participation in the six "
                "official languages", "percent", "increase", "mean", 55.0, 80.0, 0.8,
            ),
        ),
    ),
]


class OutputIndicator(NamedTuple):
    """The indicator of an output: a count (or a duration) from its baseline (2027)
    to its endline (2031), with its reference sheet."""

    name: str
    unit: str
    baseline: float
    endline: float
    definition: str = ""
    verification: str = ""
    method: str = ""
    aggregation: str = ""  # empty: counts add up (sum); durations and steady states average


class OutputFact(NamedTuple):
    """An output with its owner department, MoSCoW priority, the outcomes it
    serves (the first is its home; others are cross-sector links), a short
    topic for the activities below it, its funding and its own indicator."""

    code: str
    title: str
    unit: str
    priority: str
    parents: tuple[tuple[str, float], ...]
    topic: str
    budget: int  # regular-budget non-staff cost in 2028, CHF
    fund: str = ""  # extrabudgetary fund, if any
    fund_budget: int = 0
    indicator: OutputIndicator | None = None
    status: str = "active"


OUTPUTS = [
    OutputFact("OP1.1.1", "Processing of terrestrial frequency assignment notices and "
               "publication in the BR IFIC", "BR-TSD", "must", (("O1.1", 1.0),),
               "terrestrial notice processing", 420_000, "", 0,
               OutputIndicator(
                   "Terrestrial notices processed", "number", 42000, 48000,
                   definition="Terrestrial frequency assignment notices examined and published in the BR "
                              "International Frequency Information Circular (BR IFIC) in the period, "
                              "whatever the finding.",
                   verification="BR IFIC (terrestrial services); Master International Frequency Register",
                   method="Count of the notices published in the BR IFIC editions of the period.",
               )),
    OutputFact("OP1.1.2", "Processing of satellite network filings and coordination requests",
               "BR-SSD", "must", (("O1.1", 1.0),), "satellite filings", 520_000, "", 0,
               OutputIndicator(
                   "Satellite network filings processed", "number", 1100, 1300,
                   definition="Satellite network filings (advance publication information, coordination "
                              "requests and notifications) whose examination was completed and published "
                              "in the period.",
                   verification="BR IFIC (space services); Space Network Systems database",
                   method="Count of the filings published in the BR IFIC editions of the period.",
               )),
    OutputFact("OP1.1.3", "Preparation of WRC-31: Conference Preparatory Meeting report",
               "BR-SGD", "must", (("O1.1", 1.0),), "WRC-31 preparation", 780_000, "", 0,
               OutputIndicator(
                   "CPM report chapters adopted", "number", 0, 6,
                   definition="Chapters of the Conference Preparatory Meeting report to WRC-31 (one per "
                              "group of agenda items) agreed by the responsible study groups and adopted "
                              "by the CPM in the period.",
                   verification="Draft CPM report and the minutes of the CPM session",
                   method="Chapters counted when the CPM adopts them; the BR Study Groups Department keeps "
                          "the list.",
               )),
    OutputFact("OP1.1.4", "Modernized BR software and e-submission of notices (eBR)",
               "BR-IAP", "should", (("O1.1", 0.7), ("O1.2", 0.3)), "BR software", 610_000),
    OutputFact("OP1.2.1", "Investigation and resolution of harmful interference cases, "
               "including to satellite services", "BR-SSD", "must", (("O1.2", 1.0),),
               "harmful interference cases", 260_000, "", 0,
               OutputIndicator(
                   "Interference cases closed", "number", 390, 470,
                   definition="Harmful interference cases closed in the period once the affected "
                              "administration confirmed the interference had ceased, including cases "
                              "affecting satellite services.",
                   verification="BR harmful interference database",
                   method="Count of the case files given the status closed in the period.",
               )),
    OutputFact("OP1.2.2", "Spectrum monitoring cooperation agreements with administrations",
               "BR-TSD", "could", (("O1.2", 1.0),), "spectrum monitoring cooperation", 90_000),
    OutputFact("OP1.3.1", "Regional radiocommunication seminars and the World "
               "Radiocommunication Seminar", "BR-SGD", "should", (("O1.3", 0.7), ("O6.1", 0.3)),
               "radiocommunication seminars", 340_000, "", 0,
               OutputIndicator(
                   "Participants trained in seminars", "number", 900, 1400,
                   definition="Participants who attended at least 80% of a regional radiocommunication "
                              "seminar or of the World Radiocommunication Seminar in the period, on site "
                              "or online.",
                   verification="Seminar attendance lists of the BR Study Groups Department",
                   method="Attendance lists of each seminar, each participant counted once per seminar.",
               )),
    # A BDT output serving an outcome owned by the BR: cross-sector coordination.
    OutputFact("OP1.3.2", "Spectrum management assistance to developing countries",
               "BDT-DNS", "should", (("O1.3", 0.7), ("O4.1", 0.3)), "spectrum management "
               "assistance", 210_000, "ict_df", 150_000,
               OutputIndicator(
                   "Countries assisted on spectrum management", "number", 12, 30,
                   definition="Developing countries for which a BDT assistance on spectrum management "
                              "(national frequency table, spectrum pricing, monitoring, SMS4DC "
                              "deployment), requested by the administration, was completed in the period.",
                   verification="Requests of administrations and mission reports filed by BDT",
                   method="Countries counted once in the period, when the assistance's final report is "
                          "sent.",
               )),
    OutputFact("OP2.1.1", "ITU-T study group meetings and approval of Recommendations",
               "TSB-SGD", "must", (("O2.1", 1.0),), "study group work", 980_000, "", 0,
               OutputIndicator(
                   "Study group meeting days held", "number", 310, 320,
                   definition="Days of ITU-T study group and working party meetings held in the period, on "
                              "site or fully virtual; rapporteur group meetings are not counted.",
                   verification="TSB meeting calendar and meeting reports",
                   method="Days of each meeting, as published in its report, added up over the period.",
               )),
    OutputFact("OP2.1.2", "Conformity and interoperability programme: test events and the "
               "product conformity database", "TSB-SPD", "should", (("O2.1", 1.0),),
               "conformity and interoperability", 230_000, "", 0,
               OutputIndicator(
                   "Interoperability test events held", "number", 4, 8,
                   definition="Interoperability and conformity test events organized or co-organized by "
                              "TSB in the period, where products of at least two vendors are tested "
                              "against ITU-T Recommendations.",
                   verification="Test event reports; ITU product conformity database",
                   method="Count of the events whose report is published in the period.",
               )),
    OutputFact("OP2.1.3", "ITU-T Recommendations database with free online access",
               "TSB-OPD", "could", (("O2.1", 1.0),), "Recommendations database", 120_000),
    OutputFact("OP2.2.1", "Bridging the standardization gap: fellowships, remote "
               "participation and regional groups", "TSB-SPD", "must",
               (("O2.2", 0.8), ("O6.2", 0.2)), "standardization gap", 310_000, "ict_df", 90_000,
               OutputIndicator(
                   "Fellowships granted to delegates of developing countries", "number", 140, 220,
                   definition="Full or partial fellowships (travel and subsistence) granted by TSB to "
                              "delegates of eligible developing countries to attend ITU-T meetings in the "
                              "period.",
                   verification="TSB fellowship records",
                   method="Count of the fellowships awarded, one per delegate per meeting.",
               )),
    OutputFact("OP2.2.2", "Standardization workshops in developing regions", "TSB-SPD",
               "could", (("O2.2", 1.0),), "standardization workshops", 140_000),
    OutputFact("OP2.3.1", "AI for Good: focus groups and pre-standardization on AI",
               "TSB-SGD", "should", (("O2.3", 1.0),), "AI pre-standardization", 250_000,
               "ai_for_good", 900_000,
               OutputIndicator(
                   "Focus group deliverables published", "number", 6, 14,
                   definition="Technical specifications, reports and use-case collections of the AI focus "
                              "groups approved by the focus group and published in the period.",
                   verification="Focus group pages of the ITU-T website",
                   method="Count of the deliverables published in the period.",
               )),
    # A TSB output serving a BDT outcome (e-waste).
    OutputFact("OP2.3.2", "Standards for environment, climate change and the circular "
               "economy (ITU-T Study Group 5)", "TSB-SGD", "should",
               (("O2.3", 0.6), ("O6.3", 0.4)), "environment and circular economy standards",
               180_000, "green_da", 120_000),
    OutputFact("OP2.3.3", "Quantum information technology standards roadmap", "TSB-SGD",
               "wont", (("O2.3", 1.0),), "quantum roadmap", 60_000, status="draft"),
    OutputFact("OP3.1.1", "Giga: school connectivity mapping and financing models",
               "BDT-DNS", "must", (("O3.1", 1.0),), "school connectivity", 160_000, "giga",
               2_400_000,
               OutputIndicator(
                   "Countries with a school connectivity map", "number", 40, 90,
                   definition="Countries whose school locations and connectivity status were mapped or "
                              "updated on the Giga map in the period, with the government's agreement.",
                   verification="Giga school connectivity map (country data log)",
                   method="Countries counted once in the period, when their data set is published on the "
                          "map.",
               )),
    OutputFact("OP3.1.2", "Partner2Connect Digital Coalition: pledging and matchmaking",
               "BDT-PDD", "should", (("O3.1", 1.0),), "Partner2Connect pledges", 150_000, "p2c",
               600_000),
    OutputFact("OP3.1.3", "Broadband infrastructure maps and connectivity planning support",
               "BDT-DNS", "should", (("O3.1", 0.8), ("O4.1", 0.2)), "broadband mapping",
               200_000, "", 0,
               OutputIndicator(
                   "Countries with updated infrastructure maps", "number", 60, 95,
                   definition="Countries whose broadband infrastructure map (backbone, backhaul, points of "
                              "presence) was updated with operators' data and published in the period.",
                   verification="ITU broadband maps (data update log)",
                   method="Countries counted once in the period, on the date of their published update.",
               )),
    OutputFact("OP3.1.4", "Regional initiative: meaningful connectivity for rural and remote "
               "areas in Africa", "RO-AFR", "must", (("O3.1", 1.0),), "rural connectivity in "
               "Africa", 240_000, "eu_d4d", 1_800_000,
               # Deliberate: the 2031 target is 12.5 times the baseline (DELIBERATE_SMART_GAPS).
               OutputIndicator(
                   "Rural communities connected", "number", 120, 1500,
                   definition="Rural and remote communities in the participating African countries where a "
                              "public access point or community network funded by the initiative went live "
                              "in the period.",
                   verification="Site acceptance reports of the implementing partners; progress reports to "
                                "the donor",
                   method="A community counts on the date its site acceptance report is signed.",
               )),
    OutputFact("OP3.1.5", "Regional initiative: connectivity for Pacific small island "
               "developing states", "RO-ASP", "should", (("O3.1", 0.7), ("O6.2", 0.3)),
               "Pacific island connectivity", 130_000, "ict_df", 250_000),
    OutputFact("OP3.2.1", "National emergency telecommunication plans and Early Warnings "
               "for All", "BDT-DNS", "must", (("O3.2", 1.0),), "emergency telecommunication "
               "plans", 190_000, "", 0,
               OutputIndicator(
                   "Plans drafted with ITU support", "number", 5, 12,
                   definition="National emergency telecommunication plans drafted with BDT support and "
                              "handed to the government in the period; their adoption is counted by "
                              "K-O3.2a.",
                   verification="Draft plans and transmission letters filed by BDT",
                   method="Count of the plans transmitted in the period.",
               )),
    OutputFact("OP3.2.2", "Deployment of emergency telecommunication equipment after "
               "disasters", "BDT-DNS", "should", (("O3.2", 1.0),), "emergency equipment "
               "deployment", 150_000),
    OutputFact("OP3.2.3", "Regional initiative: disaster risk reduction and emergency "
               "telecommunications in the Americas", "RO-AMS", "should", (("O3.2", 1.0),),
               "disaster risk reduction in the Americas", 110_000),
    OutputFact("OP4.1.1", "ICT Regulatory Tracker, G5 benchmark and the Global Symposium "
               "for Regulators", "BDT-DKH", "must", (("O4.1", 1.0),), "regulatory tracker and "
               "GSR", 450_000, "", 0,
               OutputIndicator(
                   "Regulators attending the GSR", "number", 500, 600,
                   definition="Heads and staff of national regulatory authorities registered and present "
                              "at the year's Global Symposium for Regulators, on site or online.",
                   verification="GSR registration system",
                   method="Registrations confirmed by badge pick-up or online log-in, after the event.",
               )),
    # ITU statistics and the ICT Price Baskets feed the affordability measures of O3.1.
    OutputFact("OP4.1.2", "ICT statistics: data collection, Measuring Digital Development "
               "reports and the ICT Price Baskets", "BDT-DKH", "must",
               (("O4.1", 0.7), ("O3.1", 0.3)), "ICT statistics", 380_000, "", 0,
               OutputIndicator(
                   "Economies with complete price basket data", "number", 180, 190,
                   definition="Economies for which all of the ITU ICT Price Baskets (mobile voice, mobile "
                              "data, combined low and high usage, fixed broadband) could be computed in "
                              "the period's collection.",
                   verification="ITU ICT Price Baskets database",
                   method="Count of the economies with no missing basket when the collection closes.",
               )),
    OutputFact("OP4.1.3", "Regional initiative: regulatory harmonization in the Arab States",
               "RO-ARB", "could", (("O4.1", 1.0),), "regulatory harmonization", 80_000),
    OutputFact("OP4.1.4", "Regional initiative: policy frameworks for the digital economy "
               "in the CIS region", "RO-CIS", "could", (("O4.1", 1.0),), "digital economy "
               "policy", 70_000),
    OutputFact("OP5.1.1", "National cybersecurity strategy development support", "BDT-DNS",
               "must", (("O5.1", 1.0),), "national cybersecurity strategies", 220_000,
               "cyber_cap", 700_000,
               OutputIndicator(
                   "Strategies drafted with ITU support", "number", 4, 12,
                   definition="National cybersecurity strategies drafted or revised with BDT support and "
                              "submitted to the government in the period.",
                   verification="Strategy drafts and transmission letters; reports to the programme's "
                                "donors",
                   method="Count of the strategies transmitted in the period.",
               )),
    OutputFact("OP5.1.2", "Establishment and strengthening of national CIRTs, including "
               "regional cyber drills", "BDT-DNS", "must", (("O5.1", 1.0),),
               "CIRTs and cyber drills", 260_000, "cyber_cap", 950_000,
               OutputIndicator(
                   "CIRT assessments completed", "number", 6, 15,
                   definition="National CIRT readiness assessments completed in the period: the assessment "
                              "report accepted by the requesting government.",
                   verification="CIRT assessment reports and the governments' acceptance letters",
                   method="Count of the reports accepted in the period.",
               )),
    OutputFact("OP5.1.3", "Global Cybersecurity Index survey and report", "BDT-DKH", "must",
               (("O5.1", 1.0),), "Global Cybersecurity Index", 170_000, "", 0,
               OutputIndicator(
                   "Countries responding to the GCI survey", "number", 170, 185,
                   definition="Member States that returned the Global Cybersecurity Index questionnaire, "
                              "with supporting evidence, by the survey's closing date in the period.",
                   verification="GCI survey platform",
                   method="Count of the complete submissions when the survey closes.",
               )),
    # A TSB output serving the BDT cybersecurity outcome as much as its own.
    OutputFact("OP5.1.4", "Security standards: the ITU-T Study Group 17 work programme",
               "TSB-SGD", "must", (("O5.1", 0.5), ("O2.1", 0.5)), "security standards",
               240_000, "", 0,
               OutputIndicator(
                   "Security Recommendations approved", "number", 25, 35,
                   definition="ITU-T Recommendations, new or revised, approved by Study Group 17 "
                              "(security) in the period.",
                   verification="ITU-T Recommendations database",
                   method="Count of the approval dates of Study Group 17 Recommendations falling in the "
                          "period.",
               )),
    OutputFact("OP5.1.5", "Regional initiative: child online protection in Europe", "RO-EUR",
               "should", (("O5.1", 1.0),), "child online protection", 90_000),
    OutputFact("OP6.1.1", "ITU Academy: online and blended training courses", "BDT-DKH",
               "must", (("O6.1", 1.0),), "ITU Academy courses", 330_000, "", 0,
               # Deliberate: the two-word name stays (DELIBERATE_SMART_GAPS).
               OutputIndicator(
                   "Courses offered", "number", 160, 220,
                   definition="Courses open for enrolment on the ITU Academy platform in the period, "
                              "online, blended or face-to-face.",
                   verification="ITU Academy platform catalogue",
                   method="Count of the courses with an enrolment window in the period.",
               )),
    OutputFact("OP6.1.2", "Digital skills for women and girls (EQUALS, Girls in ICT Day)",
               "BDT-PDD", "should", (("O6.1", 1.0),), "digital skills for women and girls",
               160_000, "ict_df", 120_000),
    OutputFact("OP6.1.3", "Digital Transformation Centres initiative", "BDT-PDD", "should",
               (("O6.1", 0.7), ("O6.2", 0.3)), "digital transformation centres", 140_000,
               "eu_d4d", 500_000,
               OutputIndicator(
                   "Digital Transformation Centres delivering training", "number", 18, 30,
                   definition="Digital Transformation Centres that delivered at least one course of the "
                              "initiative's curriculum in the period.",
                   verification="Digital Transformation Centres' training records; the initiative's annual "
                                "report",
                   method="Count of the centres reporting at least one completed course in the period.",
               )),
    OutputFact("OP6.2.1", "Tailored digital transformation assistance for LDCs, LLDCs and SIDS",
               "BDT-PDD", "must", (("O6.2", 1.0),), "LDC, LLDC and SIDS assistance", 280_000,
               "ict_df", 200_000,
               OutputIndicator(
                   "LDCs, LLDCs and SIDS given tailored digital transformation assistance", "number", 15, 30,
                   definition="LDCs, LLDCs and SIDS for which a tailored assistance (digital "
                              "transformation strategy, e-government or connectivity plan), requested by "
                              "the government, was delivered in the period.",
                   verification="Government requests and BDT completion reports",
                   method="Countries counted once in the period, when the completion report is sent.",
               )),
    OutputFact("OP6.2.2", "Regional initiative: smart villages and islands in Asia and the "
               "Pacific", "RO-ASP", "could", (("O6.2", 1.0),), "smart villages", 90_000),
    OutputFact("OP6.3.1", "E-waste policy and legislation support; the Global E-waste Monitor",
               "BDT-DNS", "should", (("O6.3", 1.0),), "e-waste policy", 150_000, "green_da",
               220_000,
               OutputIndicator(
                   "Countries assisted on e-waste policy", "number", 8, 20,
                   definition="Countries in which BDT support to draft or review e-waste policy, "
                              "legislation or regulation was completed in the period.",
                   verification="Mission reports; country notes of the Global E-waste Monitor",
                   method="Countries counted once in the period, when the final draft is handed over.",
               )),
    OutputFact("OP6.3.2", "Green Digital Action: tracking ICT sector emissions", "BDT-DNS",
               "could", (("O6.3", 1.0),), "ICT sector emissions", 70_000, "green_da", 180_000),
    OutputFact("OP7.1.1", "Resource mobilization strategy: implementation and coordinated "
               "donor account management", "GS-SPM", "must", (("O7.1", 1.0),),
               "resource mobilization", 260_000, "", 0,
               OutputIndicator(
                   "Donor agreements signed", "number", 30, 45,
                   definition="Agreements for voluntary contributions above CHF 50,000, new or renewed, "
                              "signed by ITU and a donor in the period.",
                   verification="Register of agreements of the Strategic Planning and Membership "
                                "Department",
                   method="Count of the agreements by date of the last signature.",
               )),
    OutputFact("OP7.1.2", "Sector membership campaigns and review of membership benefits",
               "GS-SPM", "should", (("O7.1", 1.0),), "Sector membership campaigns", 180_000),
    OutputFact("OP7.1.3", "Review of the ITU events portfolio and its revenue potential",
               "GS-CPD", "could", (("O7.1", 1.0),), "events portfolio", 110_000),
    OutputFact("OP7.2.1", "Results-based management cascade: outputs linked to e-PMDS work "
               "plans", "GS-SPM", "must", (("O7.2", 1.0),), "RBM cascade", 150_000, "", 0,
               OutputIndicator(
                   "Units with a costed operational plan", "number", 10, 26,
                   definition="Departments and regional offices whose operational plan for the year links "
                              "each output to an outcome, with its costs and staff time, approved by the "
                              "end of January.",
                   verification="Operational plans in the planning system",
                   method="Count of the units whose plan is approved in the system by 31 January.",
               )),
    OutputFact("OP7.2.2", "IPSAS financial statements, budget control and financial "
               "reporting", "GS-FRMD", "must", (("O7.2", 1.0),), "financial reporting",
               320_000, "", 0,
               OutputIndicator(
                   "Unqualified audit opinions", "number", 1, 1,
                   definition="Unqualified opinions of the External Auditor on the year's financial "
                              "statements under IPSAS: 1 when the opinion is unqualified, 0 when it is "
                              "not.",
                   verification="External Auditor's report to the Council",
                   method="Read from the audit opinion when the statements are certified.",
               )),
    OutputFact("OP7.2.3", "ITU risk management framework and unit risk registers", "GS-SPM",
               "should", (("O7.2", 1.0),), "risk management", 90_000),
    OutputFact("OP7.2.4", "Enterprise resource planning (ERP) modernization", "GS-IS",
               "should", (("O7.2", 1.0),), "ERP modernization", 1_400_000),
    OutputFact("OP7.2.5", "Talent acquisition and a flexible workforce (consultant roster, "
               "remote work)", "GS-HRMD", "should", (("O7.2", 1.0),), "talent acquisition",
               210_000, "", 0,
               OutputIndicator(
                   "Average days to recruit", "number", 160, 110,
                   definition="Average calendar days from the closing date of a vacancy announcement to "
                              "the selected candidate's acceptance of the offer, for fixed-term posts "
                              "filled in the period.",
                   verification="Recruitment records of the Human Resources Management Department",
                   method="Mean over the posts filled in the period, from the recruitment system's dates.",
               )),
    OutputFact("OP7.2.6", "Cloud migration of ITU data centre services", "GS-IS", "could",
               (("O7.2", 1.0),), "cloud migration", 650_000),
    # Orphans for the alignment pages: outputs planned with no outcome to serve.
    OutputFact("OP-X1", "Digital identity and digital public infrastructure advisory services",
               "BDT-PDD", "could", (), "digital public infrastructure", 120_000,
               status="draft"),
    OutputFact("OP-X2", "Digitization of legacy publications", "GS-CPD", "could", (),
               "legacy publications", 80_000),
]

# The thematic priorities' own indicators: how the world moves in each priority,
# beside the outcomes that serve it. Added with the outputs' indicators in 2028 and
# drawn last by the builder for the same reason.
PRIORITY_INDICATORS = {
    "TP1": IndicatorFact(
        "K-TP1", "Administrations notifying frequency assignments to the BR in the year",
        "number", "increase", "latest", 150, 165, 0.9, decimals=0,
        definition="Administrations of Member States that submitted at least one terrestrial "
        "or space notice to the Radiocommunication Bureau in the year: how widely the "
        "international recognition of spectrum use is sought.",
        verification="BR register of incoming notices",
        method="Distinct notifying administrations in the register, counted once a year.",
    ),
    "TP2": IndicatorFact(
        "K-TP2", "ITU-T members taking part in study group meetings in the year", "number",
        "increase", "latest", 520, 600, 0.8, decimals=0,
        definition="Member States, Sector Members, Associates and Academia with at least one "
        "delegate registered, on site or remote, in an ITU-T study group or working party "
        "meeting in the year.",
        verification="TSB meeting registration data",
        method="Distinct members among the year's registrations, each counted once.",
    ),
    "TP3": IndicatorFact(
        "K-TP3", "Percentage of the population of least developed countries covered by a "
        "mobile broadband network (at least 4G)", "percent", "increase", "mean", 62.0, 80.0,
        0.7, sdg="9.c.1",
        definition="Share of the inhabitants of the least developed countries within range "
        "of an LTE or more advanced mobile network, whether or not they subscribe.",
        verification=ITU_DATABASE,
        method="Operators' coverage figures reported by regulators in the annual ITU "
        "questionnaire, weighted by population over the UN list of LDCs.",
    ),
    "TP4": IndicatorFact(
        "K-TP4", "Number of countries with a national broadband plan or digital strategy in "
        "force", "number", "increase", "max", 165, 180, 1.0, decimals=0,
        definition="Countries with a national broadband plan, digital agenda or digital "
        "transformation strategy adopted by the government and in force at the end of the "
        "year.",
        verification="ITU ICT Regulatory Tracker; Broadband Commission State of Broadband "
        "report",
        method="Count at 31 December of the plans recorded by the Tracker's policy survey.",
    ),
    "TP5": IndicatorFact(
        "K-TP5", "Number of countries with a national cybersecurity strategy", "number",
        "increase", "max", 127, 150, 0.85, decimals=0,
        definition="Countries with a national cybersecurity strategy adopted by the "
        "government and in force at the end of the year.",
        verification="Global Cybersecurity Index country data",
        method="Count at 31 December from the GCI survey answers and their evidence, "
        "updated between GCI editions by BDT.",
    ),
    "TP6": IndicatorFact(
        "K-TP6", "Gender parity score for Internet use, world", "ratio", "increase", "mean",
        0.92, 0.98, 0.6, decimals=2,
        definition="Share of women using the Internet divided by the share of men using it, "
        "world: 1 is parity, below 1 fewer women than men online.",
        verification="ITU Facts and Figures",
        method="From the sex-disaggregated Internet use estimates ITU publishes each "
        "November.",
    ),
    "TP7": IndicatorFact(
        "K-TP7", "Share of the approved regular budget implemented in the year", "percent",
        "increase", "mean", 90.0, 97.0, 1.0,
        definition="Expenditure of the regular budget in the year as a share of the budget "
        "the Council approved for that year.",
        verification="ITU financial statements; budget performance report to the Council",
        method="Expenditure at year-end closing in the financial system, divided by the "
        "approved appropriation.",
    ),
}

# The indicators of the outputs that had none in the first draft of the operational
# plan, written in the 2028 planning round. The builder draws their values after
# everything else (so the plan's other seeded values stay as they were). Two outputs
# keep no indicator, on purpose: OP-X1 (a draft with no outcome to serve) and OP2.3.3
# (a draft planned for later in the cycle).
ADDED_OUTPUT_INDICATORS = {
    "OP1.1.4": OutputIndicator(
        "Share of notices and filings submitted electronically through eBR", "percent", 72, 98,
        definition="Terrestrial notices and satellite network filings received through the eBR "
                   "e-submission platform, as a share of all notices and filings received in the period.",
        verification="eBR submission logs; BR register of incoming notices",
        method="Notices counted by channel when the register logs them; share taken over the period.",
        aggregation="mean",
    ),
    "OP1.2.2": OutputIndicator(
        "Monitoring cooperation agreements with administrations in force", "number", 9, 16,
        definition="Agreements under which an administration's monitoring stations take measurements at "
                   "the Bureau's request to locate interference, signed and in force at the end of the "
                   "period.",
        verification="BR register of monitoring cooperation agreements",
        method="Count of the agreements in force in the register on the last day of the period.",
        aggregation="latest",
    ),
    "OP2.1.3": OutputIndicator(
        "Downloads of ITU-T Recommendations from the free database (thousands)", "number", 3800, 4600,
        definition="Downloads of ITU-T Recommendations (any format, any language) from the free online "
                   "database in the period, in thousands, excluding automated crawlers.",
        verification="Web analytics of the ITU-T Recommendations database",
        method="Server download logs, filtered for known crawlers and totalled over the period.",
    ),
    "OP2.2.2": OutputIndicator(
        "Standardization workshops held in developing regions", "number", 6, 10,
        definition="Workshops on ITU-T standards of at least one day, with a published programme, "
                   "organized by TSB in a developing country in the period.",
        verification="TSB workshop pages and workshop reports",
        method="Count of the workshops whose report is published in the period.",
    ),
    "OP2.3.2": OutputIndicator(
        "Study Group 5 Recommendations on environment and the circular economy approved", "number", 8, 14,
        definition="ITU-T Recommendations, new or revised, approved by Study Group 5 in the period on "
                   "environment, climate change, e-waste or the circular economy.",
        verification="ITU-T Recommendations database",
        method="Count of the approval dates of Study Group 5 Recommendations falling in the period.",
    ),
    "OP3.1.2": OutputIndicator(
        "Partner2Connect pledges matched with an implementing partner", "number", 40, 90,
        definition="Partner2Connect pledges for which the matchmaking service brought the pledging party "
                   "together with a beneficiary country or partner and both agreed a next step, in the "
                   "period.",
        verification="Partner2Connect pledge tracker (matchmaking log)",
        method="Count of the pledges whose matchmaking status turned to agreed in the period.",
    ),
    "OP3.1.5": OutputIndicator(
        "Pacific island sites connected under the regional initiative", "number", 10, 40,
        definition="Schools, health centres and community access points in Pacific small island developing "
                   "states connected under the regional initiative and accepted by the beneficiary in the "
                   "period.",
        verification="Site acceptance certificates; project progress reports",
        method="A site counts on the date its acceptance certificate is signed.",
    ),
    "OP3.2.2": OutputIndicator(
        "Share of emergency equipment deployments made within 72 hours", "percent", 60, 90,
        definition="Deployments of satellite terminals and other emergency telecommunication equipment "
                   "that reached the affected country within 72 hours of the government's request, as a "
                   "share of all deployments in the period.",
        verification="BDT emergency deployment log",
        method="Request and arrival times of each deployment, from the log; share over the period.",
        aggregation="mean",
    ),
    "OP3.2.3": OutputIndicator(
        "Countries of the Americas running an emergency telecommunication exercise", "number", 3, 8,
        definition="Countries of the Americas that ran a national emergency telecommunication simulation "
                   "exercise with the Regional Office's support in the period.",
        verification="Exercise reports of the Regional Office for the Americas",
        method="Count of the exercises whose report is filed in the period, one per country.",
    ),
    "OP4.1.3": OutputIndicator(
        "Arab States regulators adopting a harmonized regulatory guideline", "number", 2, 8,
        definition="Regulators of the Arab States that adopted, in the period, a guideline developed under "
                   "the regional harmonization initiative (spectrum, numbering or quality of service).",
        verification="Regulators' decisions notified to the Regional Office for the Arab States",
        method="Count of the adoption decisions received in the period, one per regulator and guideline.",
    ),
    "OP4.1.4": OutputIndicator(
        "Digital economy policy reviews delivered in the CIS region", "number", 1, 4,
        definition="Reviews of a country's digital economy policy framework completed with the Regional "
                   "Office's support and handed to the government in the period.",
        verification="Review reports and their transmission letters",
        method="Count of the reviews transmitted in the period.",
    ),
    "OP5.1.5": OutputIndicator(
        "European countries trained on child online protection guidelines", "number", 5, 15,
        definition="Countries of the Europe region whose officials completed an ITU training on the child "
                   "online protection guidelines in the period.",
        verification="Training attendance lists of the Regional Office for Europe",
        method="Countries counted once in the period, from the attendance lists.",
    ),
    "OP6.2.2": OutputIndicator(
        "Smart village and island pilots launched in Asia and the Pacific", "number", 4, 12,
        definition="Villages or islands in Asia and the Pacific where a smart village pilot (connectivity "
                   "with at least two digital services such as health, education or agriculture) went live "
                   "in the period.",
        verification="Pilot launch reports of the Regional Office for Asia and the Pacific",
        method="Count of the pilots whose launch report is filed in the period.",
    ),
    "OP6.3.2": OutputIndicator(
        "ICT companies reporting their emissions to Green Digital Action", "number", 20, 50,
        definition="ICT companies whose greenhouse gas emissions for the previous year were reported to "
                   "ITU following Recommendation ITU-T L.1420, in the period.",
        verification="Greening Digital Companies report",
        method="Count of the company reports received and checked by the period's closing date.",
    ),
    "OP7.1.2": OutputIndicator(
        "New Sector Members, Associates and Academia members joining", "number", 60, 90,
        definition="Entities that joined ITU as Sector Member, Associate or Academia member in the period, "
                   "for the first time or after more than two years away.",
        verification="ITU membership database",
        method="Count of the memberships whose start date falls in the period.",
    ),
    "OP7.1.3": OutputIndicator(
        "ITU events with a costed business case", "number", 0, 12,
        definition="ITU events (flagship and Sector events) for which a business case with costs, revenue "
                   "and sponsorship potential was completed and presented to management in the period.",
        verification="Business cases filed by the Conferences and Publications Department",
        method="Count of the business cases presented to management in the period.",
    ),
    "OP7.2.3": OutputIndicator(
        "Units whose risk register was reviewed in the quarter", "number", 8, 26,
        definition="Departments and regional offices whose risk register was reviewed and updated by their "
                   "head in the period, as the review date recorded in the register shows.",
        verification="Unit risk registers in the planning system",
        method="Count of the registers with a review dated in the period, read at its end.",
        aggregation="latest",
    ),
    "OP7.2.4": OutputIndicator(
        "ERP modules live in production", "number", 1, 7,
        definition="Modules of the new ERP (finance, procurement, human resources, payroll, travel, "
                   "projects, budget) running in production with the legacy module switched off, at the "
                   "end of the period.",
        verification="ERP programme status report to the steering committee",
        method="Count of the modules declared live by the steering committee at the end of the period.",
        aggregation="latest",
    ),
    "OP7.2.6": OutputIndicator(
        "Share of data centre services running in the cloud", "percent", 30, 85,
        definition="Services of the IT service catalogue (applications and databases) running on cloud "
                   "infrastructure, as a share of all catalogue services at the end of the period.",
        verification="IT service catalogue",
        method="Hosting of each catalogue service read from the catalogue at the end of the period.",
        aggregation="mean",
    ),
}

# Output indicators the builder adds after everything else is drawn (so the seeded
# draws of the plan stay as they were), with the output they measure. Two of the three
# outputs that train people count them; O6.1's total (K-O6.1c) is computed from these
# and the BR seminars' participants.
TRAINING_INDICATORS = [
    ("OP6.1.2", IndicatorFact(
        "K-OP6.1.2", "Women and girls trained in digital skills (EQUALS, Girls in ICT "
        "Day)", "number", "increase", "sum", 3000, 6000, 0.9, "quarterly", decimals=0,
        definition="Women and girls who completed a digital skills training of at least "
        "four hours run by EQUALS partners or at Girls in ICT Day events with ITU support, "
        "in the period.",
        verification="EQUALS partner returns",
        method="Partners' attendance returns, collected each quarter by BDT-PDD; a person "
        "is counted once per training.",
    )),
    ("OP6.1.3", IndicatorFact(
        "K-OP6.1.3b", "People trained at Digital Transformation Centres", "number",
        "increase", "sum", 8000, 15000, 1.05, "quarterly", decimals=0,
        definition="People who completed a basic or intermediate digital skills course at a "
        "Digital Transformation Centre in the period.",
        verification="Digital Transformation Centres' training records",
        method="Completion lists each centre uploads at the end of the quarter.",
    )),
]
# Deliberate: OP-X2 serves no outcome, so its indicator fails R (DELIBERATE_SMART_GAPS).
ORPHAN_INDICATOR = (
    "OP-X2", IndicatorFact(
        "K-OP-X2", "Legacy ITU publications digitized and published online", "number",
        "increase", "sum", 150, 600, 0.8, decimals=0,
        definition="Publications issued before 2000 (Recommendations, final acts of "
        "conferences, study group reports) scanned, made full-text searchable and "
        "published in the ITU History Portal in the period.",
        verification="ITU History Portal catalogue",
        method="Count of the catalogue entries given a digital copy in the period.",
    ),
)

# Activity kinds; each output gets three of them, titled "<kind>: <topic>".
ACTIVITY_KINDS = [
    "Coordination and work planning",
    "Expert meetings and workshops",
    "Technical assistance missions",
    "Data collection and analysis",
    "Reports and publications",
    "Training and capacity building",
    "Partner and donor engagement",
    "Monitoring, evaluation and reporting",
]

# Non-staff cost mix of an output's regular budget (category -> share). The consultants'
# share is small: outside CONSULTANT_UNITS their work is done by temporary posts, whose
# cost is the staff time allocated to them (which keeps the funding gap from 2029 on).
COST_MIX = {
    "travel_events": 0.35,
    "consultants_contractual": 0.14,
    "equipment_it": 0.15,
    "other_direct": 0.15,
}


class RiskFact(NamedTuple):
    code: str
    unit: str
    result: str | None
    category: str
    title: str
    likelihood: int
    impact: int
    residual_likelihood: int
    residual_impact: int
    treatment: str
    last_reviewed: str
    status: str = "open"


# Residual scores of 15 and above exceed the appetite a unit would normally set.
RISKS = [
    RiskFact("R-GS-01", "GS", "O7.1", "financial", "Member States lower their class of "
             "contribution for 2028-2031", 3, 5, 3, 4, "E-brochure 'Why ITU matters'; "
             "bilateral briefings before the Plenipotentiary Conference", "2028-06-30"),
    RiskFact("R-GS-02", "GS-FRMD", "OP7.2.2", "fiduciary", "Late or partial payment of "
             "assessed contributions strains cash flow", 4, 4, 3, 4, "Arrears follow-up; "
             "Working Capital Fund drawdown rules", "2028-09-30"),
    RiskFact("R-GS-03", "GS-IS", "OP7.2.4", "operational", "ERP modernization runs late and "
             "over budget", 4, 4, 4, 4, "Phased delivery; independent quality assurance",
             "2028-03-31"),
    RiskFact("R-GS-04", "GS-IS", None, "operational", "Cyber attack disrupts ITU services "
             "during a major conference", 3, 5, 2, 5, "Security operations centre; "
             "incident response drills", "2028-12-15"),
    RiskFact("R-GS-05", "GS-HRMD", "OP7.2.5", "operational", "Skills gaps in AI, data and "
             "fundraising cannot be filled in time", 4, 3, 3, 3, "Consultant roster; "
             "remote recruitment; learning plan", "2028-10-31"),
    RiskFact("R-GS-06", "GS-SPM", "OP7.1.2", "financial", "Sector Members leave as membership "
             "benefits lag their expectations", 3, 3, 2, 3, "Benefits review with the Sector "
             "Advisory Groups; cross-selling campaigns", "2028-11-30"),
    RiskFact("R-GS-07", "GS-CPD", "OP-X2", "reputational", "Publications remain unavailable "
             "in all official languages", 3, 2, 2, 2, "Machine translation with human review",
             "2027-11-30"),
    RiskFact("R-BR-01", "BR-SSD", "OP1.1.2", "operational", "Surge of satellite filings for "
             "non-geostationary constellations exceeds processing capacity", 5, 4, 4, 4,
             "Software automation; temporary staff during peaks", "2028-09-30"),
    RiskFact("R-BR-02", "BR-SSD", "OP1.2.1", "strategic", "Persistent harmful interference to "
             "satellite services remains unresolved", 4, 5, 4, 4, "Escalation to the Radio "
             "Regulations Board; bilateral meetings of administrations", "2029-03-31"),
    RiskFact("R-BR-03", "BR-IAP", "OP1.1.4", "operational", "Legacy BR software fails before "
             "its replacement is ready", 3, 4, 2, 4, "Parallel running; frozen legacy changes",
             "2028-12-31"),
    RiskFact("R-BR-04", "BR-SGD", "OP1.1.3", "strategic", "Divergent regional positions delay "
             "WRC-31 preparatory studies", 3, 3, 2, 3, "Early inter-regional meetings",
             "2029-02-28"),
    RiskFact("R-TSB-01", "TSB-SGD", "OP2.1.1", "strategic", "Industry shifts standards work "
             "to other forums", 3, 4, 3, 3, "Collaboration agreements with SDOs; faster "
             "approval procedures", "2028-10-31"),
    RiskFact("R-TSB-02", "TSB-SPD", "OP2.2.1", "financial", "Fellowship funding falls short "
             "of demand from developing countries", 4, 3, 3, 3, "Remote participation; "
             "ICT-DF top-up", "2028-06-30"),
    RiskFact("R-TSB-03", "TSB-SGD", "OP2.3.1", "reputational", "AI for Good partners "
             "withdraw sponsorship", 2, 4, 2, 3, "Multi-year partner agreements",
             "2029-01-31"),
    RiskFact("R-BDT-01", "BDT-DNS", "OP3.1.1", "financial", "Giga donors do not renew "
             "multi-year commitments", 3, 5, 3, 5, "Diversify donors; blended finance models",
             "2028-12-31"),
    RiskFact("R-BDT-02", "BDT-DNS", "OP5.1.2", "operational", "Beneficiary countries cannot "
             "sustain CIRTs after project closure", 4, 4, 4, 4, "Sustainability plans "
             "agreed before launch; regional CIRT networks", "2028-05-31"),
    RiskFact("R-BDT-03", "BDT-DKH", "OP4.1.2", "operational", "Member States report ICT "
             "statistics late or incompletely", 4, 3, 3, 3, "Regional statistical trainings; "
             "data-collection helpdesk", "2029-01-31"),
    RiskFact("R-BDT-04", "RO-AFR", "OP3.1.4", "fiduciary", "Implementing partners fail to "
             "account for project funds", 3, 4, 2, 4, "Partner capacity assessments; "
             "spot checks", "2028-11-30"),
    RiskFact("R-BDT-05", "RO-ASP", "OP3.1.5", "operational", "Cyclones delay deployments in "
             "Pacific islands", 4, 3, 4, 3, "Seasonal scheduling; pre-positioned equipment",
             "2028-04-30"),
    RiskFact("R-BDT-06", "RO-AMS", "OP3.2.3", "operational", "Emergency equipment is not "
             "released fast enough after a disaster", 3, 4, 2, 3, "Framework agreements with "
             "logistics partners", "2027-12-31"),
    RiskFact("R-BDT-07", "BDT-PDD", "OP6.2.1", "financial", "Voluntary contributions for "
             "LDC assistance fall below plan", 4, 4, 4, 4, "Thematic initiatives with "
             "multi-year commitments", "2028-08-31"),
    RiskFact("R-BDT-08", "RO-CIS", "OP4.1.4", "compliance", "Sanctions regimes restrict "
             "project procurement in the region", 3, 3, 3, 3, "Legal review of each "
             "procurement", "2028-07-31"),
    RiskFact("R-BDT-09", "BDT-DKH", "OP6.1.1", "operational", "ITU Academy platform outage "
             "during peak enrolment", 2, 3, 1, 3, "Cloud hosting with failover",
             "2028-09-30", "closed"),
]


class AssumptionFact(NamedTuple):
    result: str
    statement: str
    status: str
    last_reviewed: str


ASSUMPTIONS = [
    AssumptionFact("G1", "Operators keep investing in rural 4G and 5G coverage as markets "
                   "mature", "holds", "2028-12-15"),
    AssumptionFact("O1.2", "Administrations cooperate in locating and eliminating interference "
                   "sources", "uncertain", "2029-03-31"),
    AssumptionFact("O2.1", "Members keep choosing ITU-T for the standards they implement",
                   "holds", "2028-10-31"),
    AssumptionFact("O2.2", "Remote participation remains an acceptable way to take part in "
                   "study groups", "holds", "2028-06-30"),
    AssumptionFact("O3.1", "Partner2Connect pledges are converted into actual investment",
                   "uncertain", "2028-12-31"),
    AssumptionFact("O3.1", "Fixed broadband prices fall as backbone competition grows",
                   "failed", "2029-01-31"),
    AssumptionFact("O4.1", "Regulators keep the political mandate to modernize regulation",
                   "holds", "2028-11-30"),
    AssumptionFact("O5.1", "Countries fund CIRT operations from national budgets after "
                   "project support ends", "uncertain", "2028-05-31"),
    AssumptionFact("O6.1", "Learners have affordable access to connectivity to follow online "
                   "courses", "holds", "2028-09-30"),
    AssumptionFact("O6.3", "Producer responsibility schemes are enforced once adopted",
                   "uncertain", "2028-12-31"),
    AssumptionFact("O7.1", "Member States maintain their class of contribution for 2028-2031",
                   "uncertain", "2028-06-30"),
    AssumptionFact("O7.2", "Managers use the plan data in quarterly reviews", "holds",
                   "2028-10-31"),
]


class ActionLineFact(NamedTuple):
    code: str
    area: str
    title: str
    status: str
    target: str
    milestone: str
    owner: str


# The 24 action lines of the ITU-wide resource mobilization strategy (Council-24,
# C24/70), as reported to the Council Working Group on financial and human
# resources. Statuses and targets of the seven items in the report's table of
# priorities for 2025-2026 are taken from it (membership 1b and 3 completed in
# Q3 2025; 2 and 7 ongoing to Q2/Q3 2026; 8 ongoing, phase 1 by Q2 2026; the
# two voluntary-contribution reviews, mapped to lines VC1 and VC6, to be started
# by Q4 2026). The report counts 18 started (75%), 2 of them completed, and six
# to be assessed and implemented in 2026-2028; the other lines are placed so
# the counts hold: the four further lines not started are those the report
# ties to investments not yet made (events and products, items 5-7) or to the
# sponsorship thresholds (VC7), targeted in 2027-2028; the ongoing ones carry
# targets a quarter or two after the report's dated items. The report's
# extracted text numbers 23 lines; membership line 1 (present the budget and
# unmet needs) is counted apart from its two deliverables 1a and 1b, giving 24.
ACTION_LINES = [
    ActionLineFact("SM1", "strengthen_membership", "Develop a more attractive presentation of "
                   "the budget and unmet needs, clearly identifying funding gaps, taking into "
                   "account best practices in the UN system", "ongoing", "2026-Q4",
                   "Funding gaps shown by outcome", "GS-FRMD"),
    ActionLineFact("SM1a", "strengthen_membership", "An attractive, user-friendly web section "
                   "linking the strategic plan and themes to the budget and expected "
                   "outcomes/impact", "ongoing", "2027-Q2", "Web section live", "GS-SPM"),
    ActionLineFact("SM1b", "strengthen_membership", "New executive level briefing and "
                   "promotional materials that delegates can use when making the case for ITU "
                   "support within their national administrations", "completed", "2025-Q3",
                   "Completed", "GS-SPM"),
    ActionLineFact("SM2", "strengthen_membership", "Review Sector membership benefits and fees "
                   "in consultation with the Sector Advisory Groups, so that Sector membership "
                   "continues to cover costs, and encourage memberships across Sectors",
                   "ongoing", "2026-Q2", "Benefits review with the Sector Advisory Groups",
                   "GS-SPM"),
    ActionLineFact("SM3", "strengthen_membership", "Identify key non-member companies from "
                   "under-represented parts of the digital ecosystem to join ITU", "completed",
                   "2025-Q3", "Completed", "GS-SPM"),
    ActionLineFact("SM4", "strengthen_membership", "Modernize study group methodologies and "
                   "invest further in remote participation, to support efficient engagement "
                   "and to increase SME participation", "ongoing", "2027-Q4",
                   "Remote participation in all study groups", "TSB"),
    ActionLineFact("SM5", "strengthen_membership", "Organize national/regional industry "
                   "outreach sessions with Member States and Regional Telecommunication "
                   "Organizations", "ongoing", "2026-Q4", "Outreach session in every region",
                   "BDT"),
    ActionLineFact("SM6", "strengthen_membership", "Conduct an analysis of the priorities of "
                   "Sector Members to help align offerings with their interests", "ongoing",
                   "2026-Q3", "Consultation results published", "GS-SPM"),
    ActionLineFact("SM7", "strengthen_membership", "Consider new approaches to promote Sector "
                   "Member engagement, including digital marketing, and raise awareness in all "
                   "sectors during major conferences", "ongoing", "2026-Q3",
                   "Campaign plan", "GS-SPM"),
    ActionLineFact("SM8", "strengthen_membership", "Implement new measures and systems to "
                   "coordinate account management and improve ITU-wide service to Member "
                   "States, Sector Members and donors, including the internal enablers of the "
                   "transformation plan", "ongoing", "2026-Q2", "Phase 1", "GS-IS"),
    ActionLineFact("EPS1", "leverage_events_products_services", "Assess ITU's positioning in "
                   "the evolving industry event marketplace within specific thematic "
                   "communities, identifying areas for investment and revenue potential",
                   "ongoing", "2026-Q4", "Market assessment", "GS-CPD"),
    ActionLineFact("EPS2", "leverage_events_products_services", "Leverage major ITU events "
                   "that have built communities of shared interest into a higher-impact value "
                   "proposition, including multi-stakeholder thematic initiatives", "ongoing",
                   "2027-Q2", "Value proposition for major events", "GS-CPD"),
    ActionLineFact("EPS3", "leverage_events_products_services", "Modernize event formats: "
                   "group themes across events, shorten sessions on site and use digital "
                   "tools to expand participation", "ongoing", "2027-Q2",
                   "New format piloted", "GS-CPD"),
    ActionLineFact("EPS4", "leverage_events_products_services", "Review ITU's products and "
                   "services (publications, software, databases) so that cost recovery and "
                   "revenue generation reflect technology and market conditions", "ongoing",
                   "2027-Q1", "Pricing review", "GS-FRMD"),
    ActionLineFact("EPS5", "leverage_events_products_services", "Analyse the performance and "
                   "revenue potential of products and services and consider enhancements and "
                   "new products", "to_be_started", "2027-Q4", "", "GS-CPD"),
    ActionLineFact("EPS6", "leverage_events_products_services", "Consider internal lessons "
                   "learned, such as linking products and services to membership benefits "
                   "(ITU-T SG2 and numbering)", "to_be_started", "2028-Q2", "", "TSB"),
    ActionLineFact("EPS7", "leverage_events_products_services", "Consider external models "
                   "from other UN bodies, including WIPO", "to_be_started", "2028-Q2", "",
                   "GS-FRMD"),
    ActionLineFact("VC1", "increase_voluntary_contributions", "Define specific objectives and "
                   "required funding for each major priority area (regional initiatives, ITU "
                   "building, projects, ITU-wide thematic initiatives), reviewing the potential "
                   "of the WTDC-25 Baku Action Plan and Partner2Connect", "to_be_started",
                   "2026-Q4", "", "BDT"),
    ActionLineFact("VC2", "increase_voluntary_contributions", "Develop and promote ITU-wide "
                   "thematic initiatives with multi-year commitments, starting with the Green "
                   "Digital Action and AI for Good pilots", "ongoing", "2026-Q4",
                   "Two thematic initiatives funded", "GS-SPM"),
    ActionLineFact("VC3", "increase_voluntary_contributions", "Strengthen ITU-wide "
                   "coordination of outreach with partners and donors, leveraging new systems",
                   "ongoing", "2026-Q4", "Shared partner records", "GS-SPM"),
    ActionLineFact("VC4", "increase_voluntary_contributions", "Collaborate with Member States "
                   "to reach new partners and donors, including other ministries, development "
                   "agencies, foundations and development banks", "ongoing", "2027-Q2",
                   "Donor outreach plan", "BDT-PDD"),
    ActionLineFact("VC5", "increase_voluntary_contributions", "Strengthen capacity for "
                   "fundraising and project implementation as part of the transformation "
                   "plan, to build donor confidence", "ongoing", "2027-Q1",
                   "Expedited expert recruitment and procurement", "GS-HRMD"),
    ActionLineFact("VC6", "increase_voluntary_contributions", "Encourage and recognize in-kind "
                   "contributions (expert secondments, equipment, services), aligning "
                   "recognition with donors' expectations", "to_be_started", "2026-Q4", "",
                   "GS-SPM"),
    ActionLineFact("VC7", "increase_voluntary_contributions", "Explore higher minimum "
                   "thresholds for sponsorship and voluntary contributions to reflect the cost "
                   "of acquisition", "to_be_started", "2027-Q3", "", "GS-FRMD"),
]

# Expected revenue by stream in 2028 (CHF) and its yearly change: the part of the
# organisation's income set against this plan's outputs (about 62 million a year).
# About 60 per cent comes from Member States' contributory units, expected to fall
# by 3 per cent a year, and 9 per cent from Sector membership; voluntary
# contributions fund extrabudgetary work and grow with the strategy. Income covers
# 2028; from 2029 costs outgrow it, so the plan shows a funding gap of a few
# million a year.
REVENUE_2028 = {
    "assessed_contributions": (38_000_000, "-0.03"),
    "sector_members": (5_500_000, "0.015"),
    "associates_academia": (750_000, "0.03"),
    "cost_recovery": (2_600_000, "0.02"),
    "products_services": (1_700_000, "0.01"),
    "events": (950_000, "0.04"),
    "voluntary_contributions": (12_500_000, "0.06"),
    "other": (500_000, "0.0"),
}

class DemoAccount(NamedTuple):
    """A sign-in account of the demo. Staff accounts are tied to a person of
    the plan, who is placed first after the head of ``unit`` so that they own
    activities and see their own thread."""

    username: str
    password: str
    superuser: bool
    unit: str = ""
    person_name: str = ""
    grade: str = "P3"


DEMO_ACCOUNTS = [
    DemoAccount("admin", "goldenthread-admin", True),
    DemoAccount("amina", "goldenthread-demo", False, "BDT-DNS", "Amina Diallo", "P3"),
    DemoAccount("lucas", "goldenthread-demo", False, "TSB-SGD", "Lucas Moreau", "P4"),
]


class DemoRole(NamedTuple):
    """A demo account and the role it holds on a unit (and every unit below it)."""

    username: str
    unit: str
    role: str  # an org.choices.Role


class DrawnAccount(NamedTuple):
    """A demo account tied to a person the builder drew (name and unit as drawn)."""

    username: str
    person_name: str
    unit: str


# Every role has an account to try (all with the password goldenthread-demo):
# - amina (BDT-DNS) plans for the whole organisation; lucas reports for his department;
# - rania, head of Lucas's department, approves what it reports;
# - andres, director of the Standardization Bureau (TSB), approves for the bureau: what
#   rania submits herself (she answers for indicators too) goes to him, the unit above;
# - leila, a P5 budget officer of the Financial Resources Management Department, is the
#   finance officer of the whole Union;
# - olga, a P4 of the Development Bureau's front office, is its risk officer;
# - tariq, a P4 of the Radiocommunication Bureau's Terrestrial Services Department, views
#   his bureau: he sees BR's work and not another bureau's.
DEMO_ROLES = [
    DemoRole("amina", "ITU", "planner"),
    DemoRole("lucas", "TSB-SGD", "reporter"),
    DemoRole("rania", "TSB-SGD", "approver"),
    DemoRole("andres", "TSB", "approver"),
    DemoRole("leila", "ITU", "finance"),
    DemoRole("olga", "BDT", "risk_officer"),
    DemoRole("tariq", "BR", "viewer"),
]
# The accounts of people the builder drew (the heads of TSB-SGD and of TSB are the first
# people of their unit); a change to the demo's random draws that renames them fails the
# install, saying whom it missed.
DRAWN_ACCOUNTS = [
    DrawnAccount("rania", "Rania Benali", "TSB-SGD"),
    DrawnAccount("andres", "Andres Costa", "TSB"),
    DrawnAccount("leila", "Leila Moreno", "GS-FRMD"),
    DrawnAccount("olga", "Olga Mwangi", "BDT"),
    DrawnAccount("tariq", "Tariq Kim", "BR-TSD"),
]

# Demo accounts named the responsible person of every indicator of their unit's results,
# so that My reporting has real work for them: unit -> person's name.
REPORTERS = {"TSB-SGD": "Lucas Moreau"}

# The third quarter of 2029 was due on 30 October; as of the demo's date most units have
# reported it and these have not, so the completeness map, My reporting and the reminders
# have late reports to show among reports in on time. Lucas's department is one of them:
# his reports are the browser tests' and the walkthrough's.
LATE_IN_2029_Q3 = frozenset({"TSB-SGD", "BDT-PDD", "BR-SSD", "GS-HRMD", "RO-ARB"})

# People deliberately given more work than their capacity, so the workforce
# view has over-allocation to show: (unit, extra share of a year).
OVER_ALLOCATED = [("BDT-DNS", 0.35), ("BR-SSD", 0.25), ("GS-IS", 0.2), ("RO-AFR", 0.3),
                  ("TSB-SGD", 0.15)]


# The ledger: who the demo's money is paid to, by cost category (names are invented).
LEDGER_VENDORS = {
    "personnel": ["Payroll (temporary staff)", "Short-term staff contracts"],
    "travel_events": ["Global Travel Services SA", "Conference Venues Geneva", "Regional events desk"],
    "consultants_contractual": ["Meridian Policy Advisers", "Open Spectrum Consulting",
                                "DataBridge Analytics", "Individual consultants"],
    "equipment_it": ["Alpine IT Supplies", "CloudOps Hosting", "Licences and subscriptions"],
    "other_direct": ["Translation and printing", "Communications agency", "Office services"],
    "indirect_support": ["Programme support costs"],
}
# What share of a year's cost lines the ledger shows spent: the whole of 2028 (some
# outputs under, some over their budget) and the first half of 2029 (behind or ahead).
LEDGER_SPENT_2028 = (0.72, 1.06)
LEDGER_SPENT_2029_H1 = (0.28, 0.58)
