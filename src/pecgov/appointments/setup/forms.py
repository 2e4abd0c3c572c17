"""Forms for setting up an appointment round (APP-1 to APP-4): the plan and its steps, the trust's
own competencies, posts, campaigns, the panel and panel members' conflicts.

They parse what was posted; the services decide whether it is allowed. Most fields are optional
here on purpose: the service checks them and says what to do in its own words, on the field, so
the model forms declare their fields again to keep them optional and keep those messages.
Edit pages give `initial`, not `instance`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from pecgov.appointments import framework
from pecgov.appointments.enums import ApplicationStatus, ConflictHandling, PanelRole, PostKind
from pecgov.appointments.models import (
    Application,
    AppointmentPlan,
    Campaign,
    MemberNotice,
    PanelSeat,
    Post,
    TrustCompetency,
)
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Committee, Membership, Person
from pecgov.ui.forms import NhsDateField, NhsFormMixin, ServiceModelForm


def _people(trust_id: int) -> QuerySet[Person]:
    return Person.objects.filter(trust_id=trust_id).order_by("name", "pk")


def _text_area(label: str, rows: int = 4, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, widget=forms.Textarea(attrs={"rows": rows}), required=False, help_text=help_text
    )


# The plan (APP-1, EFF-1) -------------------------------------------------------------------------


class PlanForm(ServiceModelForm):
    class Meta:
        model = AppointmentPlan
        fields = ["title", "target_date"]

    title = forms.CharField(
        label="Title",
        max_length=200,
        required=False,
        help_text="For example, Appointing the new PEC 2007",
        error_messages={"max_length": "The title must be 200 characters or fewer"},
    )
    target_date = NhsDateField(
        label="When should the new PEC be in place?", required=False, help_text="For example, 1 10 2007"
    )


class StepForm(NhsFormMixin, forms.Form):
    owner = forms.ModelChoiceField(
        label="Owner",
        queryset=Person.objects.none(),
        required=False,
        empty_label="No owner yet",
        help_text="The person responsible for this step",
        error_messages={"invalid_choice": "Select a person in this trust"},
    )
    due_date = NhsDateField(label="Due date", required=False)
    done_on = NhsDateField(label="Date done", required=False, help_text="Leave blank until the step is done")
    note = _text_area("Note (optional)", rows=3)

    def __init__(self, *args: Any, trust_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people(trust_id)  # type: ignore[attr-defined]


# Competencies and posts (APP-2) ------------------------------------------------------------------


class CompetencyForm(ServiceModelForm):
    class Meta:
        model = TrustCompetency
        fields = ["heading", "title", "description"]

    heading = forms.ChoiceField(
        label="Heading",
        choices=[(h, framework.HEADING_NAMES[h]) for h in framework.HEADINGS],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select the heading the competency comes under"},
    )
    title = forms.CharField(
        label="Competency",
        max_length=200,
        required=False,
        help_text="For example, Knowledge of local health needs",
        error_messages={"max_length": "The competency must be 200 characters or fewer"},
    )
    description = _text_area("Description (optional)", rows=3)


class PostForm(ServiceModelForm):
    """APP-2: a post with its job description, person specification and competencies."""

    class Meta:
        model = Post
        fields = [
            "committee",
            "title",
            "kind",
            "membership_role",
            "job_description",
            "person_specification",
            "competency_keys",
            "time_commitment",
            "tenure_terms",
        ]

    committee = forms.ModelChoiceField(
        label="Committee",
        queryset=Committee.objects.none(),
        required=False,
        empty_label="Select the committee",
        error_messages={"invalid_choice": "Select the committee the post is on"},
    )
    title = forms.CharField(
        label="Title of the post",
        max_length=200,
        required=False,
        help_text="For example, Clinical member (GP)",
        error_messages={"max_length": "The title must be 200 characters or fewer"},
    )
    kind = forms.ChoiceField(
        label="Is the post the chair or a member?",
        choices=PostKind.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select whether the post is the chair or a member"},
    )
    membership_role = forms.ChoiceField(
        label="Seat the appointee will hold on the committee",
        choices=[("", "Select the seat"), *MembershipRole.choices],
        required=False,
        error_messages={"invalid_choice": "Select the seat the appointee will hold on the committee"},
    )
    job_description = _text_area("Job description", rows=8)
    person_specification = _text_area(
        "Person specification",
        rows=6,
        help_text="One criterion a line: the panel scores each application against each line at the sift",
    )
    competency_keys = forms.MultipleChoiceField(
        label="Competencies candidates are scored against at interview",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select at least one competency under each of the core and added value headings "
        "(DH Annex B)",
        error_messages={"invalid_choice": "Select competencies from the list"},
    )
    time_commitment = forms.CharField(
        label="Time commitment (optional)",
        max_length=200,
        required=False,
        help_text="For example, 2 sessions a week",
        error_messages={"max_length": "The time commitment must be 200 characters or fewer"},
    )
    tenure_terms = _text_area("Tenure terms (optional)", rows=3)

    def __init__(
        self, *args: Any, trust_id: int, competencies: list[framework.Competency], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.filter(  # type: ignore[attr-defined]
            trust_id=trust_id
        ).order_by("name")
        self.competencies = competencies
        self.fields["competency_keys"].choices = [(c.key, c.text) for c in competencies]  # type: ignore[attr-defined]

    def competency_groups(self) -> list[dict[str, Any]]:
        """The competency checkboxes by heading, as the NHS.UK checkboxes macro wants them."""
        value = self["competency_keys"].value() or []
        chosen = {str(v) for v in value}
        groups: list[dict[str, Any]] = []
        for heading in framework.HEADINGS:
            items = [
                {
                    "value": c.key,
                    "text": c.text,
                    "checked": c.key in chosen,
                    "hint": {"text": c.source},
                }
                for c in self.competencies
                if c.heading == heading
            ]
            if items:
                prefix = "id_competency_keys" if not groups else f"id_competency_keys-{heading}"
                groups.append(
                    {"heading": framework.HEADING_NAMES[heading], "id_prefix": prefix, "items": items}
                )
        return groups


# Campaigns (APP-3) -------------------------------------------------------------------------------


class CampaignForm(ServiceModelForm):
    class Meta:
        model = Campaign
        fields = [
            "vacancies",
            "advert",
            "opens_on",
            "closes_on",
            "interview_date",
            "first_appointment",
            "plan",
        ]

    vacancies = forms.IntegerField(
        label="How many posts does this round fill?",
        required=False,
        min_value=1,
        max_value=99,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-2"}),
        error_messages={
            "invalid": "Enter how many posts this round fills as a number, like 2",
            "min_value": "Enter how many posts this round fills, 1 or more",
            "max_value": "Enter how many posts this round fills, 99 or fewer",
        },
    )
    advert = _text_area("Advert", rows=8, help_text="What applicants read on the list of open posts")
    opens_on = NhsDateField(label="Applications open", required=False)
    closes_on = NhsDateField(label="Closing date", required=False)
    interview_date = NhsDateField(
        label="Interview date (optional)", required=False, help_text="After the closing date"
    )
    first_appointment = forms.BooleanField(
        label="This is the first appointment to a new PEC",
        required=False,
        help_text="DH asks for a former PEC member, ideally a chair, on the panel",
    )
    plan = forms.ModelChoiceField(
        label="Appointment plan (optional)",
        queryset=AppointmentPlan.objects.none(),
        required=False,
        empty_label="Not part of a plan",
        error_messages={"invalid_choice": "Select a plan in this trust"},
    )

    def __init__(self, *args: Any, trust_id: int, with_plan: bool = True, **kwargs: Any) -> None:
        """The plan is chosen when the campaign is created; it cannot change afterwards."""
        super().__init__(*args, **kwargs)
        if with_plan:
            self.fields["plan"].queryset = AppointmentPlan.objects.filter(  # type: ignore[attr-defined]
                trust_id=trust_id
            ).order_by("-target_date", "-pk")
        else:
            del self.fields["plan"]


class NoteForm(NhsFormMixin, forms.Form):
    note = _text_area("Note for the record (optional)", rows=4)


# The panel (APP-4) -------------------------------------------------------------------------------


class SeatForm(ServiceModelForm):
    class Meta:
        model = PanelSeat
        fields = ["person", "role", "is_chair"]

    person = forms.ModelChoiceField(
        label="Person",
        queryset=Person.objects.none(),
        required=False,
        empty_label="Select a person",
        error_messages={"invalid_choice": "Select a person in this trust"},
    )
    role = forms.ChoiceField(
        label="Role on the panel",
        choices=[("", "Select the role"), *PanelRole.choices],
        required=False,
        help_text="The role the panel rules look at; add a person twice if they bring two roles",
        error_messages={"invalid_choice": "Select the role this person brings to the panel"},
    )
    is_chair = forms.BooleanField(label="Chairs the panel", required=False)

    def __init__(self, *args: Any, trust_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = _people(trust_id)  # type: ignore[attr-defined]


class ConflictDeclareForm(NhsFormMixin, forms.Form):
    seat = forms.ModelChoiceField(
        label="Panel member",
        queryset=PanelSeat.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Select a member of this panel"},
    )
    application = forms.ModelChoiceField(
        label="Candidate",
        queryset=Application.objects.none(),
        required=False,
        empty_label="Select the candidate",
        error_messages={"invalid_choice": "Select a candidate in this campaign"},
    )
    description = _text_area(
        "Describe the conflict", help_text="For example, We are partners in the same practice"
    )

    def __init__(self, *args: Any, campaign: Campaign, seats: list[PanelSeat], **kwargs: Any) -> None:
        """`seats` are those the user may declare for: every seat for the lead, else their own."""
        super().__init__(*args, **kwargs)
        # Both are needed before the service can look at the conflict at all.
        for name, message in [
            ("seat", "Select the panel member who has the conflict"),
            ("application", "Select the candidate the conflict is with"),
        ]:
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message
        seat_field = self.fields["seat"]
        seat_field.queryset = PanelSeat.objects.filter(  # type: ignore[attr-defined]
            pk__in=[s.pk for s in seats]
        ).select_related("person")
        seat_field.label_from_instance = lambda s: f"{s.person.name} ({s.get_role_display()})"  # type: ignore[attr-defined]
        if len(seats) == 1:
            seat_field.empty_label = None  # type: ignore[attr-defined]
            self.initial.setdefault("seat", seats[0].pk)
        else:
            seat_field.empty_label = "Select the panel member"  # type: ignore[attr-defined]
        self.fields["application"].queryset = (  # type: ignore[attr-defined]
            Application.objects.filter(campaign=campaign)
            .exclude(status=ApplicationStatus.WITHDRAWN)
            .order_by("name", "pk")
        )


class ConflictHandleForm(NhsFormMixin, forms.Form):
    handling = forms.ChoiceField(
        label="How is the conflict handled?",
        choices=[
            (ConflictHandling.STEPS_ASIDE.value, ConflictHandling.STEPS_ASIDE.label),
            (ConflictHandling.NO_ACTION.value, ConflictHandling.NO_ACTION.label),
        ],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select how the conflict is handled"},
    )
    reason = _text_area("Reason", help_text="Required when no action is needed")


# Notice to outgoing members (APP-3, DH Annex C) ----------------------------------------------------


def _membership_label(membership: Membership) -> str:
    return (
        f"{membership.person.name}, {membership.get_role_display()} since {membership.start_date:%-d %B %Y}"
    )


class NoticeForm(NhsFormMixin, forms.ModelForm[MemberNotice]):
    """Notice given to a current PEC member whose seat ends: labels and help from the model; the
    service checks the dates and the seat."""

    given_on = NhsDateField(label="Date notice was given")
    end_date = NhsDateField(label="End date notified", help_text="The last day of the member's seat")

    class Meta:
        model = MemberNotice
        fields = ["membership", "given_on", "end_date", "note"]
        labels = {"membership": "Member given notice", "note": "Note (optional)"}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "membership": {
                "required": "Select the member given notice",
                "invalid_choice": "Select a current member of the trust's PEC",
            }
        }

    def __init__(self, *args: Any, memberships: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = memberships
        field.label_from_instance = _membership_label  # type: ignore[method-assign,assignment]  # Django's hook
        field.empty_label = "Select a member"

    def _post_clean(self) -> None:
        # The service validates: the model's own checks would run before it, on a half-made row.
        pass
