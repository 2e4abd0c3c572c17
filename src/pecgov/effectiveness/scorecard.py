"""The guiding-principles scorecard (EFF-3, DH 2.2): evidence from the record and the surveys,
rated green, amber or red against the policy pack's thresholds, each rating saying why.

A pure engine: plain data in, plain data out, no Django. Percentages are compared exactly
(as fractions), so a share that sits on a threshold is rated by the threshold, never by rounding.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

GREEN, AMBER, RED, NOT_RATED = "green", "amber", "red", "not_rated"
RATING_WORDS = {GREEN: "Green", AMBER: "Amber", RED: "Red", NOT_RATED: "Not rated"}
_ORDER = {NOT_RATED: 0, GREEN: 1, AMBER: 2, RED: 3}

# The pack parameters the engine reads (policy/packs/*.toml, "scorecard.*").
THRESHOLD_KEYS = (
    "patient_focus_green_percent",
    "patient_focus_amber_percent",
    "clinical_leads_green_percent",
    "clinical_leads_amber_percent",
    "development_green_percent",
    "development_amber_percent",
    "noted_only_green_max_percent",
    "noted_only_amber_max_percent",
    "board_tracked_green_percent",
    "board_tracked_amber_percent",
    "clinical_professions_green",
    "clinical_professions_amber",
    "override_reason_min_chars",
    "sha_without_chair_green_max",
    "sha_without_chair_amber_max",
)


@dataclass(frozen=True)
class Thresholds:
    """The pack's `scorecard.*` parameters, by their key without the prefix."""

    values: Mapping[str, int]

    def __getitem__(self, key: str) -> int:
        return int(self.values[key])


@dataclass(frozen=True)
class Evidence:
    """What the record (and the SHA log, when it is kept) says about one period."""

    cases_decided: int = 0
    cases_assessed: int = 0  # decided cases scrutinised on patient focus and on inequalities
    assessments_not_met: int = 0  # of those assessments, how many found the criterion not met
    has_chair: bool = False
    chair_is_clinician: bool = False
    lead_areas: int = 0
    clinical_lead_areas: int = 0
    members: int = 0
    members_developing: int = 0  # members with training or leadership development in the period
    items_decided: int = 0
    items_noted_only: int = 0
    recommendations_sent: int = 0
    recommendations_board_decided: int = 0
    statements_sent: int = 0
    clinical_professions: tuple[str, ...] = ()
    overrides: tuple[tuple[str, str], ...] = ()  # (parameter, reason) in force at the period's end
    sha_meetings: int | None = None  # None: the SHA log is not kept (ORG-7)
    sha_without_chair: int = 0


@dataclass
class Rating:
    """One principle: its rating, each reason in words, and the figures it stands on."""

    key: str
    principle: str
    source: str
    rating: str = NOT_RATED
    reasons: list[str] = field(default_factory=list)
    figures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def words(self) -> str:
        return RATING_WORDS[self.rating]

    def add(self, rating: str, reason: str) -> None:
        """Record one reason; the principle's rating is the worst of its reasons' ratings."""
        self.reasons.append(reason)
        if _ORDER[rating] > _ORDER[self.rating]:
            self.rating = rating


def rate(value: Fraction | int, *, green: int, amber: int, higher_is_better: bool = True) -> str:
    """Green at or beyond `green`, amber at or beyond `amber`, else red. For a figure where lower is
    better (`higher_is_better=False`) the thresholds are maximums: green at or below `green`."""
    if higher_is_better:
        return GREEN if value >= green else AMBER if value >= amber else RED
    return GREEN if value <= green else AMBER if value <= amber else RED


def percent(part: int, whole: int) -> Fraction:
    return Fraction(100 * part, whole)


def shown(part: int, whole: int) -> str:
    """A share as people read it: "7 of 9 (78%)"."""
    return f"{part} of {whole} ({round(percent(part, whole))}%)"


def _band(
    card: Rating, part: int, whole: int, t: Thresholds, key: str, what: str, *, higher: bool = True
) -> None:
    value = percent(part, whole)
    green, amber = (
        t[f"{key}_green{'' if higher else '_max'}_percent"],
        t[f"{key}_amber{'' if higher else '_max'}_percent"],
    )
    rating = rate(value, green=green, amber=amber, higher_is_better=higher)
    sign = "at least" if higher else "at most"
    card.add(rating, f"{what}: {shown(part, whole)}; green needs {sign} {green}%, amber {sign} {amber}%.")
    card.figures.append((what, shown(part, whole)))


def patient_focus(e: Evidence, t: Thresholds) -> Rating:
    card = Rating("patient_focus", "Patient-focused, promoting health and addressing inequalities", "DH 2.2")
    if e.cases_decided == 0:
        card.reasons.append("No business case was decided in the period: nothing to rate.")
        return card
    _band(
        card,
        e.cases_assessed,
        e.cases_decided,
        t,
        "patient_focus",
        "Decided business cases scrutinised for patient focus and inequalities",
    )
    card.figures.append(("Patient-focus and inequalities assessments not met", str(e.assessments_not_met)))
    if e.assessments_not_met:
        card.reasons.append(f"{e.assessments_not_met} of those assessments found the criterion not met.")
    return card


def clinical_leadership(e: Evidence, t: Thresholds) -> Rating:
    card = Rating("clinical_leadership", "Drivers of strong clinical leadership", "DH 2.2, 6.2")
    if not e.has_chair:
        card.add(RED, "The PEC has no chair in post at the end of the period.")
    elif not e.chair_is_clinician:
        card.add(RED, "The PEC chair is not a clinician: DH 6.2 expects a clinical chair.")
    else:
        card.add(GREEN, "The PEC chair is a clinician.")
    card.figures.append(("Chair is a clinician", "Yes" if e.has_chair and e.chair_is_clinician else "No"))
    if e.lead_areas:
        _band(card, e.clinical_lead_areas, e.lead_areas, t, "clinical_leads", "Lead areas held by clinicians")
    else:
        card.add(AMBER, "No member holds a lead area for a function (TOR-3).")
    if e.members:
        _band(
            card,
            e.members_developing,
            e.members,
            t,
            "development",
            "Members with training or leadership development in the period",
        )
    return card


def decision_making(e: Evidence, t: Thresholds) -> Rating:
    card = Rating("decision_making", "Decision-making, and part of the PCT's governance", "DH 2.2, 3.1")
    if e.items_decided:
        _band(
            card,
            e.items_noted_only,
            e.items_decided,
            t,
            "noted_only",
            "Items only noted (the rubber-stamp ratio)",
            higher=False,
        )
    else:
        card.reasons.append("No item was decided in the period.")
    if e.recommendations_sent:
        _band(
            card,
            e.recommendations_board_decided,
            e.recommendations_sent,
            t,
            "board_tracked",
            "Recommendations to the Board with the Board's decision recorded",
        )
        card.figures.append(("Statements to the Board sent", str(e.statements_sent)))
    return card


def professions(e: Evidence, t: Thresholds) -> Rating:
    card = Rating("professions", "A range of clinical professions", "DH 2.2, 6.2")
    count = len(e.clinical_professions)
    green, amber = t["clinical_professions_green"], t["clinical_professions_amber"]
    listed = ", ".join(e.clinical_professions) or "none"
    card.add(
        rate(count, green=green, amber=amber),
        f"{count} clinical professions on the PEC ({listed}); green needs {green}, amber {amber}.",
    )
    card.figures.append(("Clinical professions on the PEC", str(count)))
    return card


def local_freedom(e: Evidence, t: Thresholds) -> Rating:
    card = Rating("local_freedom", "Operating according to local circumstances", "DH 2.2")
    card.figures.append(("Local policy variations in force", str(len(e.overrides))))
    if not e.overrides:
        card.add(GREEN, "The trust follows its policy pack as written: no local variation was needed.")
        return card
    least = t["override_reason_min_chars"]
    thin = [key for key, reason in e.overrides if len(reason.strip()) < least]
    if thin:
        card.add(
            AMBER,
            f"{len(thin)} of {len(e.overrides)} local variations give a reason shorter than "
            f"{least} characters ({', '.join(thin)}): say why each suits local circumstances.",
        )
    else:
        card.add(GREEN, f"Each of the {len(e.overrides)} local variations records its reason.")
    return card


def third_pin(e: Evidence, t: Thresholds) -> Rating:
    card = Rating(
        "third_pin", 'The PEC chair at the SHA\'s table (the "third pin")', 'Alliance "Links to SHAs"; DH 4.3'
    )
    if e.sha_meetings is None:
        card.reasons.append("The log of meetings with the SHA is not yet available.")
        return card
    green, amber = t["sha_without_chair_green_max"], t["sha_without_chair_amber_max"]
    card.add(
        rate(e.sha_without_chair, green=green, amber=amber, higher_is_better=False),
        f"{e.sha_without_chair} of {e.sha_meetings} high-level meetings with the SHA were held without "
        f"the PEC chair; green allows {green}, amber {amber}.",
    )
    card.figures.append(
        ("High-level SHA meetings without the PEC chair", f"{e.sha_without_chair} of {e.sha_meetings}")
    )
    return card


def score(evidence: Evidence, thresholds: Thresholds) -> list[Rating]:
    """The five principles of DH 2.2, then the SHA's third pin (ORG-7)."""
    rules = (patient_focus, clinical_leadership, decision_making, professions, local_freedom, third_pin)
    return [rule(evidence, thresholds) for rule in rules]
