"""Writes the sample files in this folder (ADM-2): `python samples/make_samples.py`.

Deterministic: the same files every time. The area is invented and shaped like the demo's
(Avonmere); the practice codes start Y7 so they never meet a real practice's code.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

HERE = Path(__file__).resolve().parent
STREETS = [
    "Abbey Road",
    "Bridge Street",
    "Castle Hill",
    "Dean Lane",
    "Elm Grove",
    "Ferry Road",
    "Granary Wharf",
    "High Street",
    "Islington Row",
    "Jubilee Way",
    "Kings Road",
    "Larkspur Close",
    "Market Place",
    "Northgate",
    "Orchard Street",
    "Priory Lane",
    "Queens Avenue",
    "Riverside",
    "Station Road",
    "Tanners Yard",
    "Union Street",
    "Vicarage Lane",
    "Water Lane",
    "York Place",
]
FIRST = [
    "Anne",
    "Bilal",
    "Carys",
    "David",
    "Esther",
    "Farid",
    "Grace",
    "Hugh",
    "Imani",
    "James",
    "Kiran",
    "Lucy",
    "Marcus",
    "Nadia",
    "Owen",
    "Priya",
    "Rhys",
    "Sofia",
    "Tomasz",
    "Una",
]
LAST = [
    "Archer",
    "Bello",
    "Chowdhury",
    "Dawson",
    "Evans",
    "Fletcher",
    "Gill",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lloyd",
    "Morgan",
    "Nowak",
    "Okafor",
    "Price",
    "Quinn",
    "Rees",
    "Shah",
    "Turner",
]
CATEGORIES = ["financial", "non_financial_professional", "non_financial_personal", "indirect"]
COMPANIES = [
    "Avon Pathology Ltd",
    "Mere Valley Pharmacy",
    "Northgate Health Partners LLP",
    "Riverside Physio Ltd",
    "Avonmere Hospice",
    "Westmere Diagnostics Ltd",
    "Carewell Homes Ltd",
]


def _write(name: str, header: list[str] | None, rows: list[list[object]]) -> None:
    with (HERE / name).open("w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        if header:
            writer.writerow(header)
        writer.writerows(rows)


def practices() -> list[str]:
    rows, codes = [], []
    for i, street in enumerate(STREETS):
        code = f"Y7{i + 1:04d}"
        codes.append(code)
        name = f"{street.upper()} {'SURGERY' if i % 3 else 'MEDICAL CENTRE'}"
        closed = i in (7, 19)
        rows.append(
            [
                code,
                name,
                "Y56",
                "QT1",
                f"{i + 1} {street.upper()}",
                "",
                "AVONMERE",
                "AVONSHIRE",
                "",
                f"AV{1 + i % 9} {i % 9}AB",
                "19740401",
                "20220331" if closed else "",
                "C" if closed else "A",
                "B",
                "5ZZ",
                "20130401",
                "",
                f"0117 496 0{i:03d}",
                "",
                "",
                "",
                "0",
                "",
                "5ZZ",
                "",
                "4",
                "",
            ]
        )
    _write("epraccur.csv", None, rows)
    return codes


def people(codes: list[str]) -> list[tuple[str, str, str]]:
    professions = ["gp", "gp", "nurse", "pharmacist", "ahp", "manager", "lay", "public_health"]
    rows, made = [], []
    for i in range(40):
        name = f"{FIRST[i % 20]} {LAST[(i * 7 + i // 20) % 20]}"
        profession = professions[i % len(professions)]
        email = f"{name.lower().replace(' ', '.')}@avonmere.example.org"
        clinical = profession in {"gp", "nurse", "pharmacist", "ahp"}
        registration = {"gp": "GMC", "nurse": "NMC", "pharmacist": "GPhC", "ahp": "HCPC"}.get(profession, "")
        rows.append(
            [
                email,
                f"Dr {name}" if profession == "gp" else name,
                profession,
                {"gp": "GP partner", "manager": "Director of commissioning", "lay": "Lay member"}.get(
                    profession, ""
                ),
                registration,
                f"{7000000 + i}" if registration else "",
                "yes" if clinical else "no",
                "yes" if clinical and i % 4 else "no",
                codes[i % len(codes)] if profession in {"gp", "nurse", "pharmacist"} else "",
            ]
        )
        made.append((email, profession, rows[-1][1]))
    _write(
        "people.csv",
        [
            "email",
            "name",
            "profession",
            "job_title",
            "registration_body",
            "registration_number",
            "practising",
            "has_caseload",
            "organisation",
        ],
        rows,
    )
    return made


BOARD = "Avonmere Primary Care Trust Board"
PEC = "Professional Executive Committee"
# (committee, profession, which of them, role, start, end, co-opted for)
SEATS = [
    (BOARD, "lay", 0, "chair", "2024-04-01", "", ""),
    (BOARD, "manager", 0, "chief_executive", "2024-04-01", "", ""),
    (BOARD, "manager", 1, "executive_director", "2024-04-01", "", ""),
    (BOARD, "lay", 1, "non_executive", "2024-04-01", "", ""),
    (BOARD, "gp", 0, "board_director", "2024-04-01", "", ""),
    (PEC, "gp", 0, "chair", "2024-04-01", "", ""),
    (PEC, "gp", 1, "vice_chair", "2024-04-01", "", ""),
    *[(PEC, "gp", n, "clinical", "2024-04-01", "", "") for n in (2, 3, 4)],
    *[(PEC, "nurse", n, "clinical", "2024-04-01", "", "") for n in (0, 1)],
    (PEC, "pharmacist", 0, "clinical", "2024-04-01", "", ""),
    (PEC, "ahp", 0, "clinical", "2024-04-01", "", ""),
    (PEC, "manager", 1, "management", "2024-04-01", "", ""),
    (PEC, "public_health", 0, "co_opted", "2025-01-01", "2026-12-31", "Health needs assessment"),
]
COMMITTEES = {
    BOARD: ("board", "", "The trust's statutory board"),
    PEC: ("pec", BOARD, "Clinical leadership of commissioning"),
}


def members(made: list[tuple[str, str, str]]) -> None:
    header = [
        "committee",
        "kind",
        "parent",
        "purpose",
        "person",
        "role",
        "start_date",
        "end_date",
        "co_opted_scope",
    ]
    by_profession: dict[str, list[str]] = {}
    for email, profession, _ in made:
        by_profession.setdefault(profession, []).append(email)
    rows = [
        [committee, *COMMITTEES[committee], by_profession[profession][n], role, start, end, scope]
        for committee, profession, n, role, start, end, scope in SEATS
    ]
    _write("pec-members.csv", header, rows)


def declarations(made: list[tuple[str, str, str]], codes: list[str]) -> None:
    header = ["person", "category", "organisation", "description", "start_date", "end_date"]
    rows = []
    for i in range(200):
        email = made[i % len(made)][0]
        start = dt.date(2015, 1, 1) + dt.timedelta(days=(i * 37) % 3650)
        organisation = codes[i % len(codes)] if i % 3 == 0 else COMPANIES[i % len(COMPANIES)]
        description = ["GP partner", "Shareholder", "Trustee", "Spouse is a director", "Paid adviser"][i % 5]
        end = (start + dt.timedelta(days=400)).isoformat() if i % 6 == 0 else ""
        rows.append(
            [email, CATEGORIES[i % 4], organisation, f"{description} ({i + 1})", start.isoformat(), end]
        )
    _write("declarations.csv", header, rows)
    first = made[0][0]
    bad = [
        [first, "financial", "Avon Pathology Ltd", "Shareholder", "31/02/2026", ""],
        ["nobody@avonmere.example.org", "financial", "Mere Valley Pharmacy", "Trustee", "2024-01-01", ""],
        [first, "gift", "Avonmere Hospice", "Trustee", "2024-01-01", ""],
        [first, "indirect", "Carewell Homes Ltd", "Spouse is a director", "2024-05-01", "2023-05-01"],
        [first, "financial", "Westmere Diagnostics Ltd", "", "2024-01-01", ""],
        [made[1][0], "financial", "Riverside Physio Ltd", "Shareholder", "2020-06-01", ""],
        [made[1][0], "financial", "Riverside Physio Ltd", "Shareholder again", "2020-06-01", ""],
    ]
    _write("declarations-bad.csv", header, bad)


if __name__ == "__main__":
    codes = practices()
    made = people(codes)
    members(made)
    declarations(made, codes)
