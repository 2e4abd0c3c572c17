"""The shape of one generated trust, scaled from the demo trust, and the names it uses.

At the national preset (152 trusts, the number of PCTs in 2007) the totals come to about 8,300
practices, 60,000 people, 500,000 declarations, 20,000 meetings and 200,000 agenda items: per
trust about 55 practices, 395 people, 3,290 declarations, 132 meetings and 1,316 items.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

PRESETS: dict[str, int] = {"national": 152}
CODE_PREFIX = "GEN"
CHANGE_REASON = "Generated scale data"

# What one trust should hold; the tests hold the generator to these within 10%.
TARGETS: dict[str, int] = {
    "practices": 55,
    "people": 395,
    "declarations": 3290,
    "meetings": 132,
    "agenda_items": 1316,
}

LOCALITIES = 5
PBC_GROUPS = 4
CONTRACTORS = 10
GPS_PER_PRACTICE = (2, 6)  # inclusive range; every practice also has a nurse and a manager
PROVIDER_ARM_STAFF = 20
SECONDARY_CARE = 6
MONTHS_PAST = 32
MONTHS_AHEAD = 2
# Declarations per person beyond their own employer: inclusive range, mean 7.5.
EXTRA_DECLARATIONS = (1, 14)
# Lay people with no employer who declare nothing and make a nil return.
LAY_NOTHING_TO_DECLARE = 0.2
ENDED_SHARE = 0.45

# Committee kind -> (months between meetings, agenda items per meeting).
CADENCE: dict[str, tuple[int, int]] = {
    "pec": (1, 12),
    "pbc_approvals": (1, 11),
    "board": (2, 12),
    "acf": (6, 8),
    "pbc_leads": (3, 6),
    "reference_group": (6, 6),
}


def trust_code(index: int) -> str:
    """GEN001, GEN002, ...: the ODS code that marks a generated trust."""
    return f"{CODE_PREFIX}{index:03d}"


def trust_rng(seed: int, index: int) -> random.Random:
    """One stream per trust, so a resumed run makes the same trust as a whole run would."""
    return random.Random(f"pecgov-generate:{seed}:{index}")


def pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[rng.randrange(len(items))]


def months_before(day: dt.date, months: int, on_day: int) -> dt.date:
    """The `on_day` of the month `months` before `day`'s month (negative: after)."""
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, on_day)


PLACE_HEADS = [
    "Ash",
    "Bram",
    "Cold",
    "Dun",
    "Elm",
    "Fern",
    "Glen",
    "Hart",
    "Ivy",
    "King",
    "Lang",
    "Mar",
    "Nor",
    "Oak",
    "Pen",
    "Red",
    "Sand",
    "Thorn",
    "Wal",
    "Yar",
]
PLACE_TAILS = ["ford", "ham", "ley", "ton", "wick", "bury", "field", "mouth", "stead", "worth"]


def trust_place(index: int) -> str:
    """A place name per trust, unique for the first 200 (then numbered)."""
    i = index - 1
    name = PLACE_HEADS[i % len(PLACE_HEADS)] + PLACE_TAILS[(i // len(PLACE_HEADS)) % len(PLACE_TAILS)]
    cycle = i // (len(PLACE_HEADS) * len(PLACE_TAILS))
    return f"{name} {cycle + 1}" if cycle else name


COMPASS = ["North", "South", "East", "West", "Central", "Upper", "Lower", "Inner"]
STREETS = [
    "Abbey Road",
    "Beech Grove",
    "Castle Street",
    "Dover Lane",
    "Elm Park",
    "Fairfield",
    "Granary Wharf",
    "Hill Top",
    "Ivy Bank",
    "Juniper Close",
    "Kingsway",
    "Larkfield",
    "Market Place",
    "Northgate",
    "Orchard Way",
    "Priory Lane",
    "Quayside",
    "Riverside",
    "St Mary's",
    "Tanner Street",
    "Upton Road",
    "Victoria Road",
    "Willow Brook",
    "Yew Tree",
    "Ashdown",
    "Bridge Street",
    "Chapel Hill",
    "Deer Park",
    "Eastfield",
    "Foxhill",
    "Greenway",
    "Harbour View",
    "Ironbridge",
    "Jubilee",
    "Kestrel Way",
    "Long Lane",
    "Millbrook",
    "New Street",
    "Old Forge",
    "Park View",
    "Queens Road",
    "Rectory Lane",
    "Station Road",
    "The Green",
    "Union Street",
    "Vicarage Road",
    "Westfield",
    "Woodside",
    "Alma Road",
    "Brook Street",
    "Church Lane",
    "Devonshire Place",
    "Elmwood",
    "Forest Road",
    "Grange Park",
    "High Street",
    "Lime Tree",
    "Manor Road",
    "Oakwood",
    "Pine Ridge",
]
PRACTICE_WORDS = ["Surgery", "Medical Centre", "Health Centre", "Medical Practice"]
FIRST_NAMES = [
    "Aisha",
    "Alan",
    "Amara",
    "Andrew",
    "Bethan",
    "Callum",
    "Catherine",
    "Chidi",
    "Claire",
    "Daniel",
    "Deepa",
    "Eleanor",
    "Emeka",
    "Fatima",
    "Fiona",
    "George",
    "Hannah",
    "Harpreet",
    "Ian",
    "Imogen",
    "James",
    "Joanna",
    "Kavita",
    "Kieran",
    "Laura",
    "Leon",
    "Lucy",
    "Mark",
    "Mei",
    "Michael",
    "Nadia",
    "Neil",
    "Olivia",
    "Oliver",
    "Patrick",
    "Priya",
    "Rachel",
    "Rajesh",
    "Rhys",
    "Ruth",
    "Samuel",
    "Sarah",
    "Sean",
    "Siobhan",
    "Stephen",
    "Tariq",
    "Thomas",
    "Una",
    "Victoria",
    "William",
    "Yasmin",
    "Zoe",
]
SURNAMES = [
    "Abbott",
    "Ahmed",
    "Bailey",
    "Banerjee",
    "Barker",
    "Bell",
    "Bishop",
    "Brennan",
    "Brooks",
    "Campbell",
    "Chandra",
    "Chapman",
    "Clarke",
    "Cole",
    "Cooper",
    "Das",
    "Davies",
    "Doyle",
    "Edwards",
    "Ellis",
    "Evans",
    "Fleming",
    "Foster",
    "Gallagher",
    "Grant",
    "Green",
    "Gupta",
    "Hall",
    "Hughes",
    "Hussain",
    "Iqbal",
    "Jackson",
    "James",
    "Jenkins",
    "Kaur",
    "Kelly",
    "Kennedy",
    "Lee",
    "Lewis",
    "Lloyd",
    "Malik",
    "Marshall",
    "Mason",
    "Morgan",
    "Murphy",
    "Nair",
    "Nelson",
    "Nwosu",
    "O'Brien",
    "Owen",
    "Palmer",
    "Patel",
    "Phillips",
    "Price",
    "Quinn",
    "Reid",
    "Richards",
    "Roberts",
    "Rossi",
    "Shah",
    "Sharma",
    "Simpson",
    "Singh",
    "Stewart",
    "Taylor",
    "Thompson",
    "Turner",
    "Walsh",
    "Ward",
    "Watson",
    "White",
    "Williams",
    "Wilson",
    "Wong",
    "Wright",
    "Young",
]
EXTERNAL_BODIES = [
    "British Medical Association",
    "Royal College of General Practitioners",
    "Royal College of Nursing",
    "Local Medical Committee",
    "Local Pharmaceutical Committee",
    "Diabetes UK",
    "Age Concern",
    "Macmillan Cancer Support",
    "GlaxoSmithKline plc",
    "AstraZeneca plc",
    "Boots plc",
    "Lloyds Pharmacy Ltd",
    "BUPA",
    "Nuffield Health",
    "University Medical School",
    "Primary Care Research Network",
    "Rotary Club",
    "Parish council",
    "School governing body",
    "Housing association",
]
DESCRIPTIONS: dict[str, list[str]] = {
    "financial": [
        "Shareholding",
        "Paid sessional work",
        "Partner in the practice",
        "Director's fee",
        "Consultancy fees",
        "Sponsored research funding",
        "Ownership of the surgery premises",
    ],
    "non_financial_professional": [
        "Clinical adviser",
        "Member of the advisory board",
        "Clinical lead for a service",
        "Trainer for GP registrars",
        "Committee member",
    ],
    "non_financial_personal": [
        "Trustee",
        "Volunteer",
        "Governor",
        "Member",
        "Patron",
    ],
    "indirect": [
        "Spouse is employed there",
        "Sibling is a director",
        "Partner holds shares",
        "Close friend is a partner",
        "Adult child works there",
    ],
}
CATEGORY_WEIGHTS = {
    "financial": 35,
    "non_financial_professional": 30,
    "non_financial_personal": 20,
    "indirect": 15,
}
ROUTINE_ITEMS: list[tuple[str, str]] = [
    ("Minutes of the previous meeting and matters arising", "information"),
    ("Finance and activity report", "information"),
    ("Quality, safety and clinical governance report", "discussion"),
    ("Risk register", "discussion"),
    ("Performance against the local delivery plan", "information"),
]
SUBJECTS = [
    "diabetes care",
    "heart failure clinics",
    "community dermatology",
    "minor surgery",
    "phlebotomy",
    "musculoskeletal triage",
    "anticoagulation",
    "out-of-hours cover",
    "prescribing incentive scheme",
    "falls prevention",
    "COPD pulmonary rehabilitation",
    "memory assessment",
    "sexual health",
    "smoking cessation",
    "child health surveillance",
    "ophthalmology referrals",
    "ultrasound in the community",
    "end of life care",
    "intermediate care beds",
    "urgent care centre",
]
ACTIONS = [
    "Circulate the revised pathway to practices",
    "Report uptake by practice at the next meeting",
    "Bring the costed options back to the committee",
    "Write to the provider about waiting times",
    "Update the risk register",
    "Arrange a workshop with the PBC groups",
]
