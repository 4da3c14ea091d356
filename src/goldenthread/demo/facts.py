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


class ResultFact(NamedTuple):
    code: str
    title: str
    unit: str
    parents: tuple[tuple[str, float], ...]
    indicators: tuple[IndicatorFact, ...] = ()
    description: str = ""
    tags: tuple[str, ...] = ()


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
                verification="ITU World Telecommunication/ICT Indicators database",
            ),
            IndicatorFact(
                "K-G1.2", "Cost of the entry-level mobile broadband basket in developing "
                "countries, as a percentage of monthly GNI per capita", "percent", "decrease",
                "mean", 2.4, 2.0, 0.9, definition="Median price of the ITU data-only mobile "
                "broadband basket (2 GB) relative to monthly GNI per capita; the 2% target "
                "of the Broadband Commission.",
                verification="ITU ICT Price Baskets", decimals=2,
            ),
            IndicatorFact(
                "K-G1.3", "Cost of the entry-level fixed broadband basket in developing "
                "countries, as a percentage of monthly GNI per capita", "percent", "decrease",
                "mean", 4.8, 2.0, 0.15, definition="Median price of the ITU fixed broadband "
                "basket (5 GB) relative to monthly GNI per capita; the 2% target.",
                verification="ITU ICT Price Baskets", decimals=2,
            ),
            IndicatorFact(
                "K-G1.4", "Percentage of individuals using the Internet", "percent", "increase",
                "mean", 72.0, 80.0, 1.0, sdg="17.8.1",
                verification="ITU Facts and Figures; national household surveys",
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
                verification="ITU World Telecommunication/ICT Indicators database",
            ),
            IndicatorFact(
                "K-G2.2", "Proportion of individuals who own a mobile phone", "percent",
                "increase", "mean", 80.0, 85.0, 1.05, sdg="5.b.1",
                verification="ITU household survey data",
            ),
            IndicatorFact(
                "K-G2.3", "Share of e-waste documented as formally collected and recycled",
                "percent", "increase", "mean", 24.0, 30.0, 0.4, sdg="12.4.2",
                verification="Global E-waste Monitor",
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
                verification="BR processing statistics (BR IFIC)",
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
            ),
            IndicatorFact(
                "K-O1.2b", "Number of harmful interference cases reported to the BR", "number",
                "decrease", "sum", 520, 450, 0.6, decimals=0,
                verification="BR harmful interference database",
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
                verification="TSB biennial implementation survey",
            ),
            IndicatorFact(
                "K-O2.1b", "Number of new and revised ITU-T Recommendations approved",
                "number", "increase", "sum", 250, 280, 1.0, "quarterly", decimals=0,
                verification="ITU-T Recommendations database",
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
                verification="TSB meeting registration data",
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
                verification="Giga school connectivity map",
            ),
            IndicatorFact(
                "K-O3.1b", "Partner2Connect pledges mobilized (USD billion, cumulative)",
                "currency", "increase", "cumulative", 55.0, 100.0, 1.0,
                verification="Partner2Connect pledge tracker",
            ),
        ),
    ),
    ResultFact(
        "O3.2", "Resilient networks and emergency telecommunications", "BDT", (("TP3", 1.0),),
        (
            IndicatorFact(
                "K-O3.2a", "Number of countries with a national emergency telecommunication plan",
                "number", "increase", "max", 48, 75, 1.0, decimals=0,
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
                verification="ITU ICT Regulatory Tracker",
            ),
            IndicatorFact(
                "K-O4.1b", "Number of economies reporting ICT household statistics to ITU",
                "number", "increase", "max", 110, 130, 1.0, decimals=0,
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
            ),
            IndicatorFact(
                "K-O5.1b", "Number of countries with a national Computer Incident Response "
                "Team (CIRT)", "number", "increase", "max", 135, 155, 1.0, decimals=0,
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
                verification="ITU Academy platform records",
            ),
            IndicatorFact(
                "K-O6.1b", "Share of ITU Academy participants who are women", "percent",
                "increase", "mean", 42.0, 50.0, 0.7,
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
                verification="Global E-waste Monitor",
            ),
        ),
    ),
    ResultFact(
        "O7.1", "Secure and diversified funding of the Union", "GS", (("TP7", 1.0),),
        (
            IndicatorFact(
                "K-O7.1a", "Contributory units announced by Member States for the cycle",
                "number", "increase", "latest", 345.0, 350.0, -0.2, decimals=2,
                verification="Circular letter responses (provisional class of contribution)",
            ),
            IndicatorFact(
                "K-O7.1b", "Number of Sector Members, Associates and Academia", "number",
                "increase", "latest", 1050, 1150, 0.8, decimals=0,
            ),
            IndicatorFact(
                "K-O7.1c", "Voluntary contributions received (CHF million)", "currency",
                "increase", "sum", 42.0, 55.0, 1.0,
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
            ),
            IndicatorFact(
                "K-O7.2b", "Share of oversight recommendations implemented by the agreed "
                "deadline", "percent", "increase", "mean", 65.0, 85.0, 0.5,
            ),
            IndicatorFact(
                "K-O7.2c", "ITU-wide risk register reviewed by senior management every quarter",
                "yes_no", "increase", "none", False, True, 1.0,
            ),
            IndicatorFact(
                "K-O7.2d", "Quality of the results chain, as judged by independent evaluation",
                "qualitative", "increase", "none",
                "Results chain documented for the Strategic Plan only; outputs not linked "
                "to outcomes", "Outputs, activities and e-PMDS objectives linked to outcomes "
                "across all Bureaux and the General Secretariat", 1.0,
            ),
        ),
    ),
    # A gap for the alignment pages: an outcome no output serves yet.
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
    indicator: tuple[str, str, float, float] | None = None  # name, unit, baseline, endline
    status: str = "active"


OUTPUTS = [
    OutputFact("OP1.1.1", "Processing of terrestrial frequency assignment notices and "
               "publication in the BR IFIC", "BR-TSD", "must", (("O1.1", 1.0),),
               "terrestrial notice processing", 420_000, "", 0,
               ("Terrestrial notices processed", "number", 42000, 48000)),
    OutputFact("OP1.1.2", "Processing of satellite network filings and coordination requests",
               "BR-SSD", "must", (("O1.1", 1.0),), "satellite filings", 520_000, "", 0,
               ("Satellite network filings processed", "number", 1100, 1300)),
    OutputFact("OP1.1.3", "Preparation of WRC-31: Conference Preparatory Meeting report",
               "BR-SGD", "must", (("O1.1", 1.0),), "WRC-31 preparation", 780_000, "", 0,
               ("CPM report chapters adopted", "number", 0, 6)),
    OutputFact("OP1.1.4", "Modernized BR software and e-submission of notices (eBR)",
               "BR-IAP", "should", (("O1.1", 0.7), ("O1.2", 0.3)), "BR software", 610_000),
    OutputFact("OP1.2.1", "Investigation and resolution of harmful interference cases, "
               "including to satellite services", "BR-SSD", "must", (("O1.2", 1.0),),
               "harmful interference cases", 260_000, "", 0,
               ("Interference cases closed", "number", 390, 470)),
    OutputFact("OP1.2.2", "Spectrum monitoring cooperation agreements with administrations",
               "BR-TSD", "could", (("O1.2", 1.0),), "spectrum monitoring cooperation", 90_000),
    OutputFact("OP1.3.1", "Regional radiocommunication seminars and the World "
               "Radiocommunication Seminar", "BR-SGD", "should", (("O1.3", 0.7), ("O6.1", 0.3)),
               "radiocommunication seminars", 340_000, "", 0,
               ("Participants trained in seminars", "number", 900, 1400)),
    # A BDT output serving an outcome owned by the BR: cross-sector coordination.
    OutputFact("OP1.3.2", "Spectrum management assistance to developing countries",
               "BDT-DNS", "should", (("O1.3", 0.7), ("O4.1", 0.3)), "spectrum management "
               "assistance", 210_000, "ict_df", 150_000,
               ("Countries assisted on spectrum management", "number", 12, 30)),
    OutputFact("OP2.1.1", "ITU-T study group meetings and approval of Recommendations",
               "TSB-SGD", "must", (("O2.1", 1.0),), "study group work", 980_000, "", 0,
               ("Study group meeting days held", "number", 310, 320)),
    OutputFact("OP2.1.2", "Conformity and interoperability programme: test events and the "
               "product conformity database", "TSB-SPD", "should", (("O2.1", 1.0),),
               "conformity and interoperability", 230_000, "", 0,
               ("Interoperability test events held", "number", 4, 8)),
    OutputFact("OP2.1.3", "ITU-T Recommendations database with free online access",
               "TSB-OPD", "could", (("O2.1", 1.0),), "Recommendations database", 120_000),
    OutputFact("OP2.2.1", "Bridging the standardization gap: fellowships, remote "
               "participation and regional groups", "TSB-SPD", "must",
               (("O2.2", 0.8), ("O6.2", 0.2)), "standardization gap", 310_000, "ict_df", 90_000,
               ("Fellowships granted", "number", 140, 220)),
    OutputFact("OP2.2.2", "Standardization workshops in developing regions", "TSB-SPD",
               "could", (("O2.2", 1.0),), "standardization workshops", 140_000),
    OutputFact("OP2.3.1", "AI for Good: focus groups and pre-standardization on AI",
               "TSB-SGD", "should", (("O2.3", 1.0),), "AI pre-standardization", 250_000,
               "ai_for_good", 900_000,
               ("Focus group deliverables published", "number", 6, 14)),
    # A TSB output serving a BDT outcome (e-waste).
    OutputFact("OP2.3.2", "Standards for environment, climate change and the circular "
               "economy (ITU-T Study Group 5)", "TSB-SGD", "should",
               (("O2.3", 0.6), ("O6.3", 0.4)), "environment and circular economy standards",
               180_000, "green_da", 120_000),
    OutputFact("OP2.3.3", "Quantum information technology standards roadmap", "TSB-SGD",
               "wont", (("O2.3", 1.0),), "quantum roadmap", 60_000, status="draft"),
    OutputFact("OP3.1.1", "Giga: school connectivity mapping and financing models",
               "BDT-DNS", "must", (("O3.1", 1.0),), "school connectivity", 160_000, "giga",
               2_400_000, ("Countries with a school connectivity map", "number", 40, 90)),
    OutputFact("OP3.1.2", "Partner2Connect Digital Coalition: pledging and matchmaking",
               "BDT-PDD", "should", (("O3.1", 1.0),), "Partner2Connect pledges", 150_000, "p2c",
               600_000),
    OutputFact("OP3.1.3", "Broadband infrastructure maps and connectivity planning support",
               "BDT-DNS", "should", (("O3.1", 0.8), ("O4.1", 0.2)), "broadband mapping",
               200_000, "", 0, ("Countries with updated infrastructure maps", "number", 60, 95)),
    OutputFact("OP3.1.4", "Regional initiative: meaningful connectivity for rural and remote "
               "areas in Africa", "RO-AFR", "must", (("O3.1", 1.0),), "rural connectivity in "
               "Africa", 240_000, "eu_d4d", 1_800_000,
               ("Rural communities connected", "number", 120, 600)),
    OutputFact("OP3.1.5", "Regional initiative: connectivity for Pacific small island "
               "developing states", "RO-ASP", "should", (("O3.1", 0.7), ("O6.2", 0.3)),
               "Pacific island connectivity", 130_000, "ict_df", 250_000),
    OutputFact("OP3.2.1", "National emergency telecommunication plans and Early Warnings "
               "for All", "BDT-DNS", "must", (("O3.2", 1.0),), "emergency telecommunication "
               "plans", 190_000, "", 0, ("Plans drafted with ITU support", "number", 5, 12)),
    OutputFact("OP3.2.2", "Deployment of emergency telecommunication equipment after "
               "disasters", "BDT-DNS", "should", (("O3.2", 1.0),), "emergency equipment "
               "deployment", 150_000),
    OutputFact("OP3.2.3", "Regional initiative: disaster risk reduction and emergency "
               "telecommunications in the Americas", "RO-AMS", "should", (("O3.2", 1.0),),
               "disaster risk reduction in the Americas", 110_000),
    OutputFact("OP4.1.1", "ICT Regulatory Tracker, G5 benchmark and the Global Symposium "
               "for Regulators", "BDT-DKH", "must", (("O4.1", 1.0),), "regulatory tracker and "
               "GSR", 450_000, "", 0, ("Regulators attending the GSR", "number", 500, 600)),
    # ITU statistics and the ICT Price Baskets feed the affordability measures of O3.1.
    OutputFact("OP4.1.2", "ICT statistics: data collection, Measuring Digital Development "
               "reports and the ICT Price Baskets", "BDT-DKH", "must",
               (("O4.1", 0.7), ("O3.1", 0.3)), "ICT statistics", 380_000, "", 0,
               ("Economies with complete price basket data", "number", 180, 190)),
    OutputFact("OP4.1.3", "Regional initiative: regulatory harmonization in the Arab States",
               "RO-ARB", "could", (("O4.1", 1.0),), "regulatory harmonization", 80_000),
    OutputFact("OP4.1.4", "Regional initiative: policy frameworks for the digital economy "
               "in the CIS region", "RO-CIS", "could", (("O4.1", 1.0),), "digital economy "
               "policy", 70_000),
    OutputFact("OP5.1.1", "National cybersecurity strategy development support", "BDT-DNS",
               "must", (("O5.1", 1.0),), "national cybersecurity strategies", 220_000,
               "cyber_cap", 700_000, ("Strategies drafted with ITU support", "number", 4, 12)),
    OutputFact("OP5.1.2", "Establishment and strengthening of national CIRTs, including "
               "regional cyber drills", "BDT-DNS", "must", (("O5.1", 1.0),),
               "CIRTs and cyber drills", 260_000, "cyber_cap", 950_000,
               ("CIRT assessments completed", "number", 6, 15)),
    OutputFact("OP5.1.3", "Global Cybersecurity Index survey and report", "BDT-DKH", "must",
               (("O5.1", 1.0),), "Global Cybersecurity Index", 170_000, "", 0,
               ("Countries responding to the GCI survey", "number", 170, 185)),
    # A TSB output serving the BDT cybersecurity outcome as much as its own.
    OutputFact("OP5.1.4", "Security standards: the ITU-T Study Group 17 work programme",
               "TSB-SGD", "must", (("O5.1", 0.5), ("O2.1", 0.5)), "security standards",
               240_000, "", 0, ("Security Recommendations approved", "number", 25, 35)),
    OutputFact("OP5.1.5", "Regional initiative: child online protection in Europe", "RO-EUR",
               "should", (("O5.1", 1.0),), "child online protection", 90_000),
    OutputFact("OP6.1.1", "ITU Academy: online and blended training courses", "BDT-DKH",
               "must", (("O6.1", 1.0),), "ITU Academy courses", 330_000, "", 0,
               ("Courses offered", "number", 160, 220)),
    OutputFact("OP6.1.2", "Digital skills for women and girls (EQUALS, Girls in ICT Day)",
               "BDT-PDD", "should", (("O6.1", 1.0),), "digital skills for women and girls",
               160_000, "ict_df", 120_000),
    OutputFact("OP6.1.3", "Digital Transformation Centres initiative", "BDT-PDD", "should",
               (("O6.1", 0.7), ("O6.2", 0.3)), "digital transformation centres", 140_000,
               "eu_d4d", 500_000, ("Centres active", "number", 18, 30)),
    OutputFact("OP6.2.1", "Tailored digital transformation assistance for LDCs, LLDCs and SIDS",
               "BDT-PDD", "must", (("O6.2", 1.0),), "LDC, LLDC and SIDS assistance", 280_000,
               "ict_df", 200_000, ("Countries assisted", "number", 15, 30)),
    OutputFact("OP6.2.2", "Regional initiative: smart villages and islands in Asia and the "
               "Pacific", "RO-ASP", "could", (("O6.2", 1.0),), "smart villages", 90_000),
    OutputFact("OP6.3.1", "E-waste policy and legislation support; the Global E-waste Monitor",
               "BDT-DNS", "should", (("O6.3", 1.0),), "e-waste policy", 150_000, "green_da",
               220_000, ("Countries assisted on e-waste policy", "number", 8, 20)),
    OutputFact("OP6.3.2", "Green Digital Action: tracking ICT sector emissions", "BDT-DNS",
               "could", (("O6.3", 1.0),), "ICT sector emissions", 70_000, "green_da", 180_000),
    OutputFact("OP7.1.1", "Resource mobilization strategy: implementation and coordinated "
               "donor account management", "GS-SPM", "must", (("O7.1", 1.0),),
               "resource mobilization", 260_000, "", 0,
               ("Donor agreements signed", "number", 30, 45)),
    OutputFact("OP7.1.2", "Sector membership campaigns and review of membership benefits",
               "GS-SPM", "should", (("O7.1", 1.0),), "Sector membership campaigns", 180_000),
    OutputFact("OP7.1.3", "Review of the ITU events portfolio and its revenue potential",
               "GS-CPD", "could", (("O7.1", 1.0),), "events portfolio", 110_000),
    OutputFact("OP7.2.1", "Results-based management cascade: outputs linked to e-PMDS work "
               "plans", "GS-SPM", "must", (("O7.2", 1.0),), "RBM cascade", 150_000, "", 0,
               ("Units with a costed operational plan", "number", 10, 26)),
    OutputFact("OP7.2.2", "IPSAS financial statements, budget control and financial "
               "reporting", "GS-FRMD", "must", (("O7.2", 1.0),), "financial reporting",
               320_000, "", 0, ("Unqualified audit opinions", "number", 1, 1)),
    OutputFact("OP7.2.3", "ITU risk management framework and unit risk registers", "GS-SPM",
               "should", (("O7.2", 1.0),), "risk management", 90_000),
    OutputFact("OP7.2.4", "Enterprise resource planning (ERP) modernization", "GS-IS",
               "should", (("O7.2", 1.0),), "ERP modernization", 1_400_000),
    OutputFact("OP7.2.5", "Talent acquisition and a flexible workforce (consultant roster, "
               "remote work)", "GS-HRMD", "should", (("O7.2", 1.0),), "talent acquisition",
               210_000, "", 0, ("Average days to recruit", "number", 160, 110)),
    OutputFact("OP7.2.6", "Cloud migration of ITU data centre services", "GS-IS", "could",
               (("O7.2", 1.0),), "cloud migration", 650_000),
    # Orphans for the alignment pages: outputs planned with no outcome to serve.
    OutputFact("OP-X1", "Digital identity and digital public infrastructure advisory services",
               "BDT-PDD", "could", (), "digital public infrastructure", 120_000,
               status="draft"),
    OutputFact("OP-X2", "Digitization of legacy publications", "GS-CPD", "could", (),
               "legacy publications", 80_000),
]

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

# Non-staff cost mix of an output's regular budget (category -> share).
COST_MIX = {
    "travel_events": 0.35,
    "consultants_contractual": 0.35,
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

# Demo accounts named the responsible person of every indicator of their unit's results,
# so that My reporting has real work for them: unit -> person's name.
REPORTERS = {"TSB-SGD": "Lucas Moreau"}

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
