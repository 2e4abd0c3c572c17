"""The demo sign-ins: one per role in REQUIREMENTS "Who uses it". Demo mode only."""

from __future__ import annotations

from dataclasses import dataclass

# Published on the sign-in page in demo mode; never created when PECGOV_DEMO is off.
DEMO_PASSWORD = "pec-demo-2007"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    person: str | None
    password: str = DEMO_PASSWORD


DEMO_ACCOUNTS = [
    DemoAccount("lead", "Governance lead / Board secretary", "Helen Marsh"),
    DemoAccount("pecchair", "PEC chair", "Dr Anika Rahman"),
    DemoAccount("member", "PEC member (GP)", "Dr Tom Hollis"),
    DemoAccount("manager", "PEC management member", "Gareth Pryce"),
    DemoAccount("pctchair", "PCT chair", "Margaret Ellery"),
    DemoAccount("chiefexec", "Chief executive", "David Okafor"),
    DemoAccount("director", "Executive director", "Priya Natarajan"),
    DemoAccount("practicelead", "Practice / PBC group lead", "Sandra Lowe"),
    DemoAccount("applicant", "Applicant for a PEC post", None),
]
