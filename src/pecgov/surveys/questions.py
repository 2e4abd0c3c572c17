"""The default questions of an effectiveness survey (EFF-2), as data: one or two on each of the
five guiding principles (DH 2.2), one on each of the four key function groups (DH 3.2), the
"rubberstamp" test (DH 3.1) and two free-text questions. A survey copies them when it is created;
the lead adds, removes and rewords them before it opens."""

from __future__ import annotations

from pecgov.surveys.results import LIKERT, TEXT, QuestionSpec

DEFAULT_QUESTIONS: tuple[QuestionSpec, ...] = (
    QuestionSpec(
        "patient_focus",
        "The PEC keeps patients and the health of our communities at the centre of its decisions.",
        LIKERT,
        "DH 2.2 (patient-focused, promoting health and well-being)",
    ),
    QuestionSpec(
        "inequalities",
        "The PEC's decisions address health inequalities.",
        LIKERT,
        "DH 2.2 (addressing health inequalities)",
    ),
    QuestionSpec(
        "clinical_leadership",
        "The PEC provides strong clinical leadership for the PCT.",
        LIKERT,
        "DH 2.2 (drivers of strong clinical leadership)",
    ),
    QuestionSpec(
        "decision_making",
        "The PEC makes real decisions and is part of the PCT's governance and accountability.",
        LIKERT,
        "DH 2.2 (decision-making, part of the governance framework)",
    ),
    QuestionSpec(
        "not_rubberstamp",
        "The PEC adds value to decisions rather than rubber-stamping them.",
        LIKERT,
        "DH 3.1",
    ),
    QuestionSpec(
        "range_of_professions",
        "The PEC draws on a range of clinical professions and their experience.",
        LIKERT,
        "DH 2.2 (a range of clinical professions)",
    ),
    QuestionSpec(
        "local_freedom",
        "The way the PEC works suits our local circumstances.",
        LIKERT,
        "DH 2.2 (freedom to determine how PECs operate)",
    ),
    QuestionSpec(
        "vision_strategy",
        "The PEC helps the PCT set its vision and strategic direction.",
        LIKERT,
        "DH 3.2 (vision and strategic direction)",
    ),
    QuestionSpec(
        "commissioning_pbc",
        "The PEC supports commissioning and practice-based commissioning well.",
        LIKERT,
        "DH 3.2 (commissioning and supporting PBC)",
    ),
    QuestionSpec(
        "clinical_governance",
        "The PEC improves clinical effectiveness and clinical governance.",
        LIKERT,
        "DH 3.2 (clinical effectiveness and clinical governance)",
    ),
    QuestionSpec(
        "communications",
        "The PEC leads clinical communication with partners and stakeholders well.",
        LIKERT,
        "DH 3.2 (leading clinical communications with partners)",
    ),
    QuestionSpec("works_well", "What does the PEC do well?", TEXT, "DH Annex C (feed back effectiveness)"),
    QuestionSpec(
        "improve", "What should the PEC do differently?", TEXT, "DH Annex C (feed back effectiveness)"
    ),
)
