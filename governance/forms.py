"""Forms for a board's meetings, decisions and actions. Forms only validate; the
services in governance/services.py check the rules again and write."""

import datetime

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import (
    ConditionalQuestion,
    ConditionalRadios,
    Field,
    Fixed,
    Layout,
    Size,
)
from django import forms
from django.utils import timezone

from adoptadapt.forms import GovUKForm, GovUKModelForm
from sites.forms import GovUKDateField

from .models import Action, BoardMeeting, Decision, GovernanceBoard
from .months import parse_month
from .selectors import action_owner_choices

# How many of the board's meetings the decision form offers, latest first.
DECISION_MEETING_CHOICES = 8
NEW_MEETING = "new"
NEW_MEETING_LABEL = "A meeting not recorded yet"


def _in_past(value: datetime.date | None, what: str) -> datetime.date | None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"The {what} must be today or in the past")
    return value


def _text(label: str, *, required: bool = False, rows: int = 4, help_text: str = "", **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        **kwargs,
    )


def meeting_label(meeting: BoardMeeting) -> str:
    return f"{meeting.held_on:%-d %B %Y}"


class BoardMeetingForm(GovUKForm):
    """A meeting's date, who came and what was discussed."""

    submit_label = "Save meeting"

    held_on = GovUKDateField(
        label="Date of the meeting", noun="meeting date", help_text="For example, 12 3 2026"
    )
    attendees = forms.MultipleChoiceField(
        label="Board members who attended",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose attendees from the board's members"},
    )
    other_attendees = _text(
        "Other attendees (optional)",
        rows=3,
        help_text="People at the meeting who do not sign in to this service, such as guests "
        "presenting an item. Names or job titles.",
    )
    notes = _text(
        "Notes (optional)",
        rows=8,
        help_text="What the board discussed. Decide adaptations from the board's dashboard; "
        "record actions on the actions page.",
    )

    def __init__(self, *args, board: GovernanceBoard, meeting: BoardMeeting | None = None, **kw):
        super().__init__(*args, **kw)
        memberships = board.memberships.select_related("user").order_by(
            "role", "user__first_name", "user__last_name"
        )
        labels = {m.user: f"{m.user} ({m.get_role_display().lower()})" for m in memberships}
        if meeting is not None:
            # Someone who has left the board stays on the meetings they attended.
            for user in meeting.attendees.all():
                labels.setdefault(user, f"{user} (no longer on the board)")
        self.people = {str(user.pk): user for user in labels}
        self.fields["attendees"].choices = [(str(u.pk), label) for u, label in labels.items()]
        self.helper.layout = Layout(
            "held_on",
            Field.checkboxes("attendees", legend_size=Size.SMALL, small=True),
            "other_attendees",
            "notes",
        )

    def clean_held_on(self):
        return _in_past(self.cleaned_data.get("held_on"), "meeting date")

    def clean_attendees(self):
        return [self.people[pk] for pk in self.cleaned_data["attendees"]]

    @staticmethod
    def initial_for(meeting: BoardMeeting) -> dict:
        return {
            "held_on": meeting.held_on,
            "attendees": [str(user.pk) for user in meeting.attendees.all()],
            "other_attendees": meeting.other_attendees,
            "notes": meeting.notes,
        }


class AdaptationDecisionForm(GovUKForm):
    """Approve or reject an adaptation, at one of the board's recent meetings or a new one.

    `month` carries the dashboard month the person came from, so they go back to it.
    """

    submit_label = "Record decision"

    outcome = forms.ChoiceField(
        label="The board's decision",
        choices=[
            Choice(
                Decision.Outcome.APPROVED,
                "Approve the adaptation",
                hint="The site may keep making this change.",
            ),
            Choice(
                Decision.Outcome.REJECTED,
                "Reject the adaptation",
                hint="The site should return to the innovation as designed.",
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the board approves or rejects the adaptation"},
    )
    rationale = _text(
        "Rationale",
        required=True,
        rows=5,
        help_text="Why the board decided this, and any conditions. The project lead sees this "
        "on the adaptation.",
        error_messages={"required": "Enter the board's rationale"},
    )
    meeting = forms.ChoiceField(
        label="Meeting",
        help_text="The meeting at which the board made this decision, latest first.",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the meeting at which the board decided",
            "invalid_choice": "Select one of the board's meetings",
        },
    )
    meeting_held_on = GovUKDateField(
        label="Date of the meeting",
        noun="meeting date",
        required=False,
        help_text="The meeting is recorded with this decision. For example, 12 3 2026",
    )
    month = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, meetings: list[BoardMeeting], **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {str(meeting.pk): meeting for meeting in meetings}
        labels = [meeting_label(meeting) for meeting in meetings]
        self.fields["meeting"].choices = [
            *zip(self.meetings, labels, strict=True),
            (NEW_MEETING, NEW_MEETING_LABEL),
        ]
        if not meetings:
            self.initial.setdefault("meeting", NEW_MEETING)
        self.helper.layout = Layout(
            Field.radios("outcome", legend_size=Size.SMALL),
            Field.textarea("rationale", rows=5),
            ConditionalRadios(
                "meeting",
                *labels,
                ConditionalQuestion(NEW_MEETING_LABEL, "meeting_held_on"),
            ),
            "month",
        )

    def clean_meeting_held_on(self):
        return _in_past(self.cleaned_data.get("meeting_held_on"), "meeting date")

    def clean_month(self):
        """Only a real YYYY-MM month goes back into the dashboard's address."""
        month = parse_month(self.cleaned_data.get("month"))
        return f"{month:%Y-%m}" if month else ""

    def clean(self):
        data = super().clean()
        if (
            data.get("meeting") == NEW_MEETING
            and not data.get("meeting_held_on")
            and "meeting_held_on" not in self.errors
        ):
            self.add_error("meeting_held_on", "Enter the date of the meeting")
        return data

    @property
    def chosen_meeting(self) -> dict:
        """The service's keywords: `meeting`, or `meeting_held_on` for a new one."""
        choice = self.cleaned_data["meeting"]
        if choice == NEW_MEETING:
            return {"meeting_held_on": self.cleaned_data["meeting_held_on"]}
        return {"meeting": self.meetings[choice]}


class ActionCreateForm(GovUKForm):
    submit_label = "Save action"

    description = _text(
        "What needs to be done",
        required=True,
        rows=3,
        error_messages={"required": "Enter what needs to be done"},
    )
    owner = forms.ModelChoiceField(
        label="Owner",
        queryset=None,
        empty_label="Select an owner",
        help_text="A member of the board or a project lead of one of its adoptions.",
        error_messages={
            "required": "Select who owns the action",
            "invalid_choice": "Select a member of the board or a project lead",
        },
    )
    due_on = GovUKDateField(label="Due date", help_text="For example, 30 4 2026")
    meeting = forms.ModelChoiceField(
        label="Meeting (optional)",
        queryset=None,
        required=False,
        empty_label="Not from a meeting",
        help_text="The meeting that agreed the action.",
        error_messages={"invalid_choice": "Select one of the board's meetings"},
    )

    def __init__(self, *args, board: GovernanceBoard, **kwargs):
        super().__init__(*args, **kwargs)
        owners = action_owner_choices(board).select_related("organisation")
        self.fields["owner"].queryset = owners.order_by("first_name", "last_name", "email")
        self.fields["owner"].label_from_instance = _owner_label
        self.fields["meeting"].queryset = board.meetings.order_by("-held_on")
        self.fields["meeting"].label_from_instance = meeting_label


def _owner_label(user) -> str:
    return f"{user}, {user.organisation}" if user.organisation_id else str(user)


class ActionUpdateForm(GovUKForm):
    """Where an action stands. Marking it done without a date records today."""

    submit_label = "Save action"

    status = forms.ChoiceField(
        label="Status",
        choices=Action.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the action's status"},
    )
    completed_on = GovUKDateField(
        label="Date completed (optional)",
        noun="completion date",
        required=False,
        help_text="Leave blank if it was done today.",
    )
    progress_note = _text(
        "Progress note (optional)",
        rows=3,
        help_text="Where the action stands, in a sentence or two.",
    )
    due_on = GovUKDateField(label="Due date", help_text="For example, 30 4 2026")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        done_label = Action.Status.DONE.label
        self.helper.layout = Layout(
            ConditionalRadios(
                "status",
                *(
                    ConditionalQuestion(label, "completed_on") if label == done_label else label
                    for _value, label in Action.Status.choices
                ),
            ),
            "progress_note",
            "due_on",
        )

    def clean_completed_on(self):
        return _in_past(self.cleaned_data.get("completed_on"), "completion date")

    def clean(self):
        data = super().clean()
        done = data.get("status") == Action.Status.DONE
        if done and not data.get("completed_on") and "completed_on" not in self.errors:
            data["completed_on"] = timezone.localdate()
        return data

    @staticmethod
    def initial_for(action: Action) -> dict:
        return {
            "status": action.status,
            "completed_on": action.completed_on,
            "progress_note": action.progress_note,
            "due_on": action.due_on,
        }


class BoardSettingsForm(GovUKModelForm):
    submit_label = "Save settings"

    class Meta:
        model = GovernanceBoard
        fields = ["digest_day"]
        # GOV.UK asks for a text input with a numeric keyboard rather than type=number.
        widgets = {"digest_day": forms.TextInput(attrs={"inputmode": "numeric"})}
        labels = {"digest_day": "Day of the month the digest is sent"}
        help_texts = {
            "digest_day": (
                "From 1 to 28, so it falls in every month. The digest covers the month "
                "before; updates are due on day {due_day} of the month, so a later day "
                "gives a fuller digest."
            )
        }
        error_messages = {
            "digest_day": {
                "required": "Enter the day of the month the digest is sent",
                "invalid": "Enter the day as a number, like 12",
                "min_value": "The day must be 1 or more",
                "max_value": "The day must be 28 or less, so it falls in every month",
            }
        }

    def __init__(self, *args, due_day: int, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["digest_day"]
        field.help_text = field.help_text.format(due_day=due_day)
        self.helper.layout = Layout(Field.text("digest_day", field_width=Fixed.TWO))


class DigestSubscriptionForm(GovUKForm):
    """The one-button form on the digest archive; the button carries the choice."""

    receives_digest = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": "Choose whether to receive the digest",
            "invalid_choice": "Choose whether to receive the digest",
        },
    )
