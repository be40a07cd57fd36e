"""Forms about organisations and what happens at them. Forms only validate."""

import datetime
import re

import django_filters
from crispy_forms_gds.choices import Choice
from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Field, Fieldset, Fixed, Layout, Size
from crispy_forms_gds.layout.content import HTML
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from adoptadapt.digits import is_digits
from adoptadapt.forms import GovUKForm, GovUKModelForm, ModelMultipleChoiceField
from innovations.models import FidelityCriterion

from .models import (
    Accreditation,
    Adaptation,
    Adoption,
    AdoptionRole,
    ContextFactor,
    CriterionScore,
    FidelityAssessment,
    LessonTag,
    Milestone,
    MustHaveConflict,
    PersonnelExchange,
    Rag,
    ReadinessItem,
    Site,
    Stage,
)
from .services import (
    ACCREDITATION_FIELDS,
    DFE_NUMBER_ONLY_FOR_LOCAL_AUTHORITIES,
    RESERVED_SITE_SLUGS,
)

# --- sites (organisations) ---------------------------------------------------

GSS_CODE_FORMAT = (
    "Enter an ONS GSS code: a letter E, W, S or N followed by 8 digits, like E09000012."
)
DFE_NUMBER_FORMAT = "Enter the DfE LA number as 3 digits, like 204."
WEBSITE_FORMAT = "Enter a website address that starts with https://"


def normalise_gss_code(value: str) -> str:
    """Upper case, spaces removed: " e09 000012" becomes "E09000012"."""
    return re.sub(r"\s+", "", value or "").upper()


class SiteForm(GovUKModelForm):
    """An organisation's details. The service makes the slug when it is left blank."""

    submit_label = "Save organisation"

    dfe_la_number = forms.CharField(
        label="DfE LA number (optional)",
        required=False,
        max_length=10,
        help_text=(
            "Local authorities only: the Department for Education's 3-digit number, "
            "for example 204 for Hackney. Leave blank for other kinds of organisation."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    gss_code = forms.CharField(
        label="ONS GSS code (optional)",
        required=False,
        max_length=20,  # room for spaces, which are taken out
        help_text=(
            "The Office for National Statistics code: E, W, S or N then 8 digits, "
            "for example E09000012."
        ),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    website = forms.URLField(
        label="Website (optional)",
        required=False,
        max_length=300,
        assume_scheme="https",
        help_text="The organisation's public website, starting with https://",
        error_messages={"invalid": WEBSITE_FORMAT},
        # A text input: crispy-forms-gds styles TextInput, not URLInput, as a GOV.UK input.
        widget=forms.TextInput(
            attrs={"spellcheck": "false", "autocomplete": "url", "inputmode": "url"}
        ),
    )

    class Meta:
        model = Site
        fields = ["name", "slug", "kind", "region", "gss_code", "dfe_la_number", "website"]
        labels = {
            "name": "Name",
            "slug": "Web address name (optional)",
            "kind": "Kind of organisation",
            "region": "Region",
        }
        help_texts = {
            "name": "The organisation's full name, for example London Borough of Hackney.",
            "slug": (
                "Used in this organisation's page address. Lower-case letters, numbers and "
                "hyphens. Leave blank to make one from the name."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
        }
        error_messages = {
            "name": {
                "required": "Enter the organisation's name.",
                "unique": "Another organisation already has this name.",
            },
            "slug": {
                "unique": "Another organisation already uses this web address name.",
                "invalid": "Use only lower-case letters, numbers and hyphens in the web "
                "address name.",
            },
            "kind": {"required": "Select the kind of organisation."},
            "region": {"required": "Select the region."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["kind"].choices = Site.Kind.choices  # radios need no blank choice
        self.fields["region"].choices = [("", "Select a region")] + list(Site.Region.choices)
        if self.instance.pk and self.instance.dfe_la_number is not None:
            self.initial["dfe_la_number"] = str(self.instance.dfe_la_number)

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip().lower()
        if slug in RESERVED_SITE_SLUGS:
            raise forms.ValidationError(
                "This web address name is used by the service; choose another."
            )
        return slug

    def clean_gss_code(self):
        code = normalise_gss_code(self.cleaned_data.get("gss_code"))
        if not code:
            return ""
        if not re.fullmatch(r"[ENSW]\d{8}", code):
            raise forms.ValidationError(GSS_CODE_FORMAT)
        other = Site.objects.filter(gss_code=code).exclude(pk=self.instance.pk).first()
        if other is not None:
            raise forms.ValidationError(f"{other.name} already has the ONS GSS code {code}.")
        return code

    def clean_dfe_la_number(self):
        value = (self.cleaned_data.get("dfe_la_number") or "").strip()
        if not value:
            return None
        if not re.fullmatch(r"[1-9]\d{2}", value):
            raise forms.ValidationError(DFE_NUMBER_FORMAT)
        number = int(value)
        other = Site.objects.filter(dfe_la_number=number).exclude(pk=self.instance.pk).first()
        if other is not None:
            raise forms.ValidationError(f"{other.name} already has the DfE LA number {number}.")
        return number

    def clean_website(self):
        website = self.cleaned_data.get("website") or ""
        if website and not website.lower().startswith("https://"):
            raise forms.ValidationError(WEBSITE_FORMAT)
        return website

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if cleaned.get("dfe_la_number") is not None and kind and kind != Site.Kind.LOCAL_AUTHORITY:
            self.add_error("dfe_la_number", DFE_NUMBER_ONLY_FOR_LOCAL_AUTHORITIES)
        return cleaned


class SiteFilterForm(GovUKForm):
    """The template draws its own button, so the URL carries no submit=… parameter."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs = []


class SiteFilter(django_filters.FilterSet):
    """Search and filters for the sites list; a GET form, so the URL says what is shown."""

    q = django_filters.CharFilter(
        label="Search organisations",
        method="search",
        help_text="Name, ONS GSS code or DfE LA number.",
    )
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=Site.Kind.choices, empty_label="All kinds"
    )
    region = django_filters.ChoiceFilter(
        label="Region", choices=Site.Region.choices, empty_label="All regions"
    )

    class Meta:
        model = Site
        fields = ["q", "kind", "region"]
        form = SiteFilterForm

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        match = Q(name__icontains=value) | Q(gss_code=normalise_gss_code(value))
        if is_digits(value) and len(value) <= 3:
            match |= Q(dfe_la_number=int(value))
        return queryset.filter(match)


# --- monthly progress updates ---

PERSONAL_DETAILS_WARNING = "Do not enter children’s or families’ personal details."
EXPLANATION_NEEDED = ("amber_red", "red")

RAG_CHOICES = [
    Choice(Rag.GREEN, "Green", hint="On track: success looks highly likely, with no major issues."),
    Choice(
        Rag.AMBER_GREEN,
        "Amber/green",
        hint="Likely to succeed: some issues, which the team can manage.",
    ),
    Choice(Rag.AMBER, "Amber", hint="Feasible, but significant issues need attention now."),
    Choice(
        Rag.AMBER_RED,
        "Amber/red",
        hint="In doubt: major risks or issues in several areas. Explain below.",
    ),
    Choice(
        Rag.RED,
        "Red",
        hint="Not achievable as planned without changes to plan, scope or resources. "
        "Explain below.",
    ),
]


class MetricValueField(forms.DecimalField):
    """A number as people type it: "1,200" and " 12 " are fine."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace(",", "").strip()
        return super().to_python(value)


def _narrative(label: str, hint: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=20000,
        help_text=f"{hint} {PERSONAL_DETAILS_WARNING}".strip(),
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ProgressUpdateForm(GovUKForm):
    """The monthly update. A draft may be incomplete; submitting needs a RAG status and
    a summary. An amber/red or red status always needs its explanation."""

    NARRATIVE_FIELDS = (
        "summary",
        "achievements",
        "barriers_and_risks",
        "lessons_learned",
        "next_steps",
    )

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    rag = forms.ChoiceField(
        label="RAG status",
        choices=RAG_CHOICES,
        required=False,
        widget=forms.RadioSelect,
        help_text="How confident are you that the adoption will deliver what it set out to?",
        error_messages={"invalid_choice": "Select a RAG status from the list"},
    )
    rag_explanation = _narrative(
        "Why is the adoption at this status?", "Required for amber/red and red.", rows=3
    )
    summary = _narrative("Summary of the month", "Required to submit.")
    achievements = _narrative("Achievements")
    barriers_and_risks = _narrative("Barriers and risks")
    lessons_learned = _narrative(
        "Lessons learned", "What would you tell another site adopting this innovation?"
    )
    lesson_tags = ModelMultipleChoiceField(
        label="Tags for these lessons",
        queryset=LessonTag.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tags let other adopters find lessons on the same theme.",
        error_messages={"invalid_choice": "Select tags from the list"},
    )
    new_lesson_tags = forms.CharField(
        label="Add new tags (optional)",
        required=False,
        max_length=500,
        help_text="Separate tags with commas, for example: recruitment, partner agencies",
    )
    next_steps = _narrative("Next steps")

    def __init__(
        self,
        *args,
        metrics=(),
        metric_hints=None,
        submitting: bool = False,
        rag_required: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        self.rag_required = rag_required
        self.metrics = list(metrics)
        metric_hints = metric_hints or {}
        for metric in self.metrics:
            name = metric.name
            self.fields[self.metric_field_name(metric)] = MetricValueField(
                label=f"{name} ({metric.unit})" if metric.unit else name,
                required=False,
                min_value=0,
                max_value=100 if metric.unit.strip() == "%" else None,
                max_digits=12,
                decimal_places=2,
                help_text=metric_hints.get(metric.pk, ""),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
                error_messages={
                    "invalid": f"Enter {name} as a number, like 12 or 12.5",
                    "min_value": f"{name} must be 0 or more",
                    "max_value": f"{name} is a percentage, so it must be 100 or less",
                    "max_digits": f"{name} must be less than 10,000,000,000",
                    "max_whole_digits": f"{name} must be less than 10,000,000,000",
                    "max_decimal_places": f"{name} can have no more than 2 decimal places",
                },
            )
        self.helper.inputs = []  # the template writes "Save as draft" and "Submit"
        # One query for the tags, rather than one to ask whether there are any and two
        # more (a count and the rows) when the checkboxes are drawn.
        tags_field = self.fields["lesson_tags"]
        tags = list(tags_field.queryset)
        tags_field.choices = [(tag.pk, tags_field.label_from_instance(tag)) for tag in tags]
        self.has_tags = bool(tags)
        if not self.has_tags:
            self.fields["new_lesson_tags"].label = "Tags for these lessons (optional)"
        parts = [
            "version",
            Field.radios("rag", legend_size=Size.MEDIUM, legend_tag="h2"),
            Field.textarea("rag_explanation"),
            Field.textarea("summary"),
            Field.textarea("achievements"),
            Field.textarea("barriers_and_risks"),
            Field.textarea("lessons_learned"),
            Field.checkboxes("lesson_tags", small=True) if self.has_tags else "",
            Field.text("new_lesson_tags"),
            Field.textarea("next_steps"),
        ]
        parts = [part for part in parts if part]
        if self.metrics:
            metric_fields = [
                Field.text(self.metric_field_name(m), field_width=Fixed.TEN) for m in self.metrics
            ]
            parts.append(
                Fieldset(
                    *metric_fields,
                    legend="Outcome measures",
                    legend_size=Size.MEDIUM,
                    legend_tag="h2",
                )
            )
        self.helper.layout = Layout(*parts)

    @staticmethod
    def metric_field_name(metric) -> str:
        return f"metric_{metric.pk}"

    def clean_new_lesson_tags(self) -> list[str]:
        names, seen = [], set()
        for raw in self.cleaned_data.get("new_lesson_tags", "").split(","):
            name = " ".join(raw.split())
            if not name:
                continue
            if len(name) > 100:
                raise forms.ValidationError("Each tag must be 100 characters or fewer")
            key = slugify(name)
            if not key:
                raise forms.ValidationError(
                    f"Tag “{name}” must include at least one letter or number"
                )
            if key not in seen:
                seen.add(key)
                names.append(name)
        return names

    def clean(self):
        data = super().clean()
        rag = data.get("rag")
        if rag in EXPLANATION_NEEDED and not data.get("rag_explanation", "").strip():
            self.add_error("rag_explanation", "Explain why the RAG status is amber/red or red")
        if (self.submitting or self.rag_required) and not rag and "rag" not in self.errors:
            self.add_error("rag", "Select a RAG status")
        if self.submitting and not data.get("summary", "").strip():
            self.add_error("summary", "Enter a summary of the month")
        return data

    def update_fields(self) -> dict[str, str]:
        names = ("rag", "rag_explanation", *self.NARRATIVE_FIELDS)
        return {name: self.cleaned_data.get(name) or "" for name in names}

    def metric_values(self) -> dict:
        return {m: self.cleaned_data.get(self.metric_field_name(m)) for m in self.metrics}


class ProgressUpdateReviewForm(GovUKForm):
    """Accept a submitted update, or return it to the team saying what to change."""

    ACCEPT, RETURN = "accept", "return"

    submit_label = "Confirm review"

    decision = forms.ChoiceField(
        label="Your review",
        choices=[
            Choice(ACCEPT, "Accept the update"),
            Choice(
                RETURN,
                "Return it for revision",
                hint="The project lead sees your note and can change the update and submit "
                "it again.",
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to accept the update or return it"},
    )
    note = _narrative(
        "Note for the project lead", "Required if you return the update: say what to change."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("decision", legend_size=Size.MEDIUM, legend_tag="h2"),
            Field.textarea("note"),
        )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.RETURN and not data.get("note", "").strip():
            self.add_error("note", "Say what needs to change before the update can be accepted")
        return data


class ContributorsMaySubmitForm(GovUKForm):
    submit_label = "Save who can submit"

    contributors_may_submit = forms.TypedChoiceField(
        label="Who can submit monthly updates?",
        choices=[
            Choice("no", "Only the project lead", hint="Contributors can write drafts."),
            Choice("yes", "The project lead and contributors"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select who can submit monthly updates"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios(
                "contributors_may_submit", legend_size=Size.MEDIUM, legend_tag="h2", small=True
            ),
        )


# --- fidelity assessments and adaptations ---------------------------------------


def _choices_with_hints(choices, hints: dict[str, str]) -> list[Choice]:
    return [Choice(value, label, hint=hints.get(value, "")) for value, label in choices]


def _person_label(grant: AdoptionRole) -> str:
    organisation = f", {grant.user.organisation}" if grant.user.organisation_id else ""
    return f"{grant.user} ({grant.get_role_display()}{organisation})"


METHOD_HINTS = {
    FidelityAssessment.Method.SELF: "Your own team looked at its practice.",
    FidelityAssessment.Method.PEER: "Another site that runs the innovation reviewed yours.",
    FidelityAssessment.Method.ORIGINATING_TEAM: (
        "The team that created the innovation assessed how it runs here."
    ),
    FidelityAssessment.Method.ACCREDITOR: (
        "A licensing or accrediting body assessed it, for example for a licence to deliver."
    ),
}


class FidelityAssessmentForm(GovUKForm):
    """A dated assessment scoring every active criterion, must-haves first.

    Each criterion gets a `score_<id>` radio group and an `evidence_<id>` note.
    """

    submit_label = "Save assessment"

    method = forms.ChoiceField(
        label="How was it assessed?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the assessment was made"},
    )
    co_assessors = forms.MultipleChoiceField(
        label="Who assessed with you (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "People with a role on this adoption who took part, for example the "
            "originating partner."
        ),
        error_messages={"invalid_choice": "Choose people with a role on this adoption"},
    )
    summary = forms.CharField(
        label="Summary (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "What the assessment found overall and what the team will do next. Do not "
            "enter children's or families' personal details."
        ),
    )

    def __init__(self, *args, criteria, people, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {
            "assessed_on": GovUKDateField(
                label="Date of the assessment",
                help_text="The day the assessment was made, for example 27 3 2025.",
            ),
            **self.fields,
        }
        self.criteria = sorted(criteria, key=lambda c: (not c.is_must_have, c.position, c.pk))
        self.fields["method"].choices = _choices_with_hints(
            FidelityAssessment.Method.choices, METHOD_HINTS
        )
        self.people = {str(grant.user_id): grant.user for grant in people}
        self.fields["co_assessors"].choices = [
            (str(grant.user_id), _person_label(grant))
            for grant in people
            if grant.user_id != actor.pk
        ]
        if not self.fields["co_assessors"].choices:
            del self.fields["co_assessors"]
        for criterion in self.criteria:
            hint = " ".join(
                part
                for part in (
                    criterion.description,
                    f"Evidence: {criterion.how_evidenced}" if criterion.how_evidenced else "",
                )
                if part
            )
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.name,
                help_text=hint,
                choices=CriterionScore.Score.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select a score for “{criterion.name}”"},
            )
            self.fields[f"evidence_{criterion.pk}"] = forms.CharField(
                label=f"Evidence for “{criterion.name}” (optional)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.helper.layout = self._layout()

    def _criterion_fields(self, must_have: bool) -> list:
        fields = []
        for criterion in self.criteria:
            if criterion.is_must_have == must_have:
                fields += [
                    Field.radios(
                        f"score_{criterion.pk}", legend_size=Size.MEDIUM, small=True, inline=True
                    ),
                    Field.textarea(f"evidence_{criterion.pk}", label_size=Size.SMALL, rows=2),
                ]
        return fields

    def _layout(self) -> Layout:
        parts = [
            Field("assessed_on", context={"legend_size": Size.for_legend(Size.MEDIUM)}),
            Field.radios("method", legend_size=Size.MEDIUM),
        ]
        if "co_assessors" in self.fields:
            parts.append(Field.checkboxes("co_assessors", legend_size=Size.MEDIUM, small=True))
        must_haves, adaptables = self._criterion_fields(True), self._criterion_fields(False)
        if must_haves:
            parts += [
                HTML(
                    '<h2 class="govuk-heading-l">Must-haves</h2>'
                    '<p class="govuk-body">What every site keeps. They make up the must-have '
                    "score: met counts in full, partly met counts half, not assessed is left "
                    "out.</p>"
                ),
                *must_haves,
            ]
        if adaptables:
            parts += [
                HTML(
                    '<h2 class="govuk-heading-l">Adaptable components</h2>'
                    '<p class="govuk-body">What sites may change to fit local needs.</p>'
                ),
                *adaptables,
            ]
        parts.append(Field.textarea("summary", label_size=Size.MEDIUM, rows=4))
        return Layout(*parts)

    def clean_assessed_on(self):
        assessed_on = self.cleaned_data["assessed_on"]
        if assessed_on and assessed_on > timezone.localdate():
            raise ValidationError("The date of the assessment must be today or in the past")
        return assessed_on

    @property
    def scores(self) -> dict:
        """criterion → (score, evidence note), for the service."""
        return {
            criterion: (
                self.cleaned_data[f"score_{criterion.pk}"],
                self.cleaned_data.get(f"evidence_{criterion.pk}", "").strip(),
            )
            for criterion in self.criteria
        }

    @property
    def chosen_co_assessors(self) -> list:
        return [self.people[pk] for pk in self.cleaned_data.get("co_assessors", [])]


FRAME_HINTS = {
    "phase": {
        Adaptation.Phase.PRE_IMPLEMENTATION: "While planning and preparing, before it ran here.",
        Adaptation.Phase.IMPLEMENTATION: "While first putting it into practice.",
        Adaptation.Phase.SCALE_UP: "While extending it to more teams, areas or families.",
        Adaptation.Phase.SUSTAINMENT: "Once it was established as normal practice.",
    },
    "planning": {
        Adaptation.Planning.PLANNED_PROACTIVE: (
            "Planned in advance, to fit local needs before a problem arose."
        ),
        Adaptation.Planning.PLANNED_REACTIVE: "Planned in response to a problem that came up.",
        Adaptation.Planning.UNPLANNED_REACTIVE: (
            "Made on the spot, in response to something unexpected."
        ),
    },
    "what_modified": {
        Adaptation.Modified.CONTENT: "What is delivered: the activities, sessions or materials.",
        Adaptation.Modified.CONTEXT_FORMAT: (
            "How it is delivered, for example online rather than face to face."
        ),
        Adaptation.Modified.CONTEXT_SETTING: "Where it is delivered.",
        Adaptation.Modified.CONTEXT_PERSONNEL: "Who delivers it.",
        Adaptation.Modified.CONTEXT_POPULATION: "Who it is for: a different group of families.",
        Adaptation.Modified.TRAINING: "How staff are trained or supervised.",
        Adaptation.Modified.EVALUATION: "How it is monitored or evaluated.",
        Adaptation.Modified.IMPLEMENTATION_ACTIVITIES: (
            "The work of putting it in place: recruitment, referral routes, governance."
        ),
    },
    "fidelity_relation": {
        Adaptation.FidelityRelation.CONSISTENT: (
            "It keeps the must-haves and what makes the innovation work."
        ),
        Adaptation.FidelityRelation.INCONSISTENT: (
            "It changes or drops something that makes it work. The board will decide on it."
        ),
        Adaptation.FidelityRelation.UNKNOWN: "It is not yet clear whether it affects this.",
    },
}

FRAME_REQUIRED = {
    "phase": "Select when the adaptation was made",
    "planning": "Select whether the adaptation was planned",
    "decided_by": "Select who decided to make the adaptation",
    "what_modified": "Select what was modified",
    "level_of_delivery": "Select who or what the change applies to",
    "modification_type": "Select the type of modification",
    "fidelity_relation": "Select how the adaptation relates to fidelity",
    "goal": "Select the main goal of the adaptation",
}

FRAME_HELP = {
    "phase": "The stage the innovation was at here when the change was made.",
    "decided_by": "Who made the final decision to change it.",
    "level_of_delivery": "Who or what the change applies to.",
    "modification_type": (
        "The kind of change: tailoring keeps an element but adjusts it; adding, removing "
        "or substituting changes what the innovation contains."
    ),
    "fidelity_relation": (
        "Whether the change keeps to what makes the innovation work. One that is "
        "fidelity-inconsistent needs a decision from the governance board."
    ),
    "goal": "What the change is mainly meant to achieve.",
}

REASON_HINTS = {
    "reasons_sociopolitical": "For example legislation, policy, funding or political priorities.",
    "reasons_organisation": (
        "For example staffing, caseloads, budgets, how services are organised, or culture."
    ),
    "reasons_provider": "For example practitioners' skills, confidence, training or preferences.",
    "reasons_recipient": (
        "For example the needs, culture, language or circumstances of children and families."
    ),
}


class AdaptationForm(GovUKModelForm):
    """An adaptation coded after FRAME, with the criteria it touches.

    Must-haves and adaptable components are two checkbox groups, so the person logging
    it sees which choices will send it to the board.
    """

    submit_label = "Log adaptation"

    must_have_criteria = forms.MultipleChoiceField(
        label="Must-haves it touches",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="An adaptation that touches a must-have waits for a governance board decision.",
        error_messages={"invalid_choice": "Choose must-haves of this innovation"},
    )
    adaptable_criteria = forms.MultipleChoiceField(
        label="Adaptable components it touches",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose adaptable components of this innovation"},
    )

    class Meta:
        model = Adaptation
        fields = [
            "title",
            "description",
            "made_on",
            "phase",
            "planning",
            "decided_by",
            "what_modified",
            "level_of_delivery",
            "modification_type",
            "fidelity_relation",
            "goal",
            "reasons_sociopolitical",
            "reasons_organisation",
            "reasons_provider",
            "reasons_recipient",
        ]
        labels = {
            "title": "Title",
            "description": "What was changed",
            "phase": "When was it made?",
            "planning": "Was it planned?",
            "decided_by": "Who decided?",
            "what_modified": "What was modified?",
            "level_of_delivery": "Level of delivery",
            "modification_type": "Type of modification",
            "fidelity_relation": "Relation to fidelity",
            "goal": "Main goal",
            "reasons_sociopolitical": "Sociopolitical reasons",
            "reasons_organisation": "Organisation or setting reasons",
            "reasons_provider": "Practitioner reasons",
            "reasons_recipient": "Children and families reasons",
        }
        help_texts = {
            "title": "A short name the board will recognise, for example “Fortnightly unit "
            "meetings in rural teams”.",
            "description": "What changed and how, in a few sentences. Do not enter children's "
            "or families' personal details.",
        }
        error_messages = {
            "title": {"required": "Enter a title for the adaptation"},
            "description": {"required": "Describe what was changed"},
        }

    RADIOS = ("phase", "planning", "what_modified", "level_of_delivery", "fidelity_relation")
    SELECTS = ("decided_by", "modification_type", "goal")

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["made_on"] = GovUKDateField(
            label="Date of the adaptation",
            help_text="When the change was made or is planned to start, for example 3 2 2025.",
        )
        for name in self.RADIOS + self.SELECTS:
            field = self.fields[name]
            field.required = True
            field.error_messages["required"] = FRAME_REQUIRED[name]
            field.help_text = FRAME_HELP.get(name, "")
            model_choices = [c for c in Adaptation._meta.get_field(name).choices if c[0]]
            if name in self.RADIOS:
                field.widget = forms.RadioSelect()
                field.choices = _choices_with_hints(model_choices, FRAME_HINTS.get(name, {}))
            else:
                field.choices = [("", "Select one")] + model_choices
        for name, hint in REASON_HINTS.items():
            self.fields[name].help_text = hint
            self.fields[name].widget.attrs["rows"] = 3
        self.criteria = {str(c.pk): c for c in criteria}
        for field_name, must_have in (("must_have_criteria", True), ("adaptable_criteria", False)):
            self.fields[field_name].choices = [
                Choice(str(c.pk), c.name, hint=c.description)
                for c in criteria
                if c.is_must_have == must_have
            ]
        self.helper.layout = self._layout()

    def _layout(self) -> Layout:
        radios = {name: Field.radios(name, legend_size=Size.MEDIUM) for name in self.RADIOS}
        criteria = [
            Field.checkboxes(name, legend_size=Size.MEDIUM)
            for name in ("must_have_criteria", "adaptable_criteria")
            if self.fields[name].choices
        ]
        return Layout(
            Field.text("title", label_size=Size.MEDIUM),
            Field.textarea("description", label_size=Size.MEDIUM, rows=5),
            Field("made_on", context={"legend_size": Size.for_legend(Size.MEDIUM)}),
            HTML('<h2 class="govuk-heading-l">How it was made</h2>'),
            radios["phase"],
            radios["planning"],
            Field.text("decided_by", label_size=Size.MEDIUM),
            HTML('<h2 class="govuk-heading-l">What changed</h2>'),
            radios["what_modified"],
            radios["level_of_delivery"],
            Field.text("modification_type", label_size=Size.MEDIUM),
            radios["fidelity_relation"],
            *criteria,
            HTML(
                '<h2 class="govuk-heading-l">Why</h2>'
                '<p class="govuk-body">Give at least one reason, at whichever level applies.</p>'
            ),
            Field.text("goal", label_size=Size.MEDIUM),
            *(Field.textarea(name, label_size=Size.SMALL, rows=3) for name in REASON_HINTS),
        )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name, "").strip() for name in REASON_HINTS):
            self.add_error(
                "reasons_sociopolitical",
                "Give at least one reason for the adaptation, at any of the four levels",
            )
        return cleaned

    def _post_clean(self):
        # The service builds and checks the adaptation; the form only validates input.
        pass

    @property
    def chosen_criteria(self) -> list:
        chosen = self.cleaned_data.get("must_have_criteria", []) + self.cleaned_data.get(
            "adaptable_criteria", []
        )
        return [self.criteria[pk] for pk in chosen]

    @property
    def frame_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


# --- the adoption journey: partnerships, notes, context, readiness, stage, milestones ---

RATING_WORDS = {
    2: "strongly helps",
    1: "helps",
    0: "neither helps nor hinders",
    -1: "hinders",
    -2: "strongly hinders",
}


def rating_label(rating: int | None) -> str:
    """A −2..+2 rating as a signed number with words, like "+2 strongly helps"."""
    if rating is None:
        return "Not rated"
    sign = "+" if rating > 0 else ("\u2212" if rating < 0 else "")
    return f"{sign}{abs(rating)} {RATING_WORDS[rating]}"


RATING_CHOICES = [(value, rating_label(value)) for value in RATING_WORDS]


class GovUKDateField(DateInputField):
    """The GOV.UK date input (day, month and year boxes) with the Design System's messages.

    A date typed in part is an error, never silently dropped, and what the person
    typed is shown again. `noun` names the date in messages ("Enter the start date");
    it defaults to the label.
    """

    def __init__(self, *, label: str, noun: str | None = None, **kwargs):
        super().__init__(label=label, **kwargs)
        self.noun = noun or label.removesuffix(" (optional)").lower()
        self.error_messages["required"] = f"Enter the {self.noun}"

    def _fail(self, message: str, parts=(0, 1, 2)):
        # On the first box to fix only: the error summary then links to it, once.
        self.fields[parts[0]].widget.errors = [message]
        raise forms.ValidationError(message, code="invalid")

    def clean(self, value):
        if self.disabled and not isinstance(value, list):
            value = self.widget.decompress(value)
        parts = [str(v).strip() if v is not None else "" for v in [*(value or []), "", "", ""][:3]]
        for field in self.fields:
            field.widget.errors = []
        if not any(parts):
            if self.required:
                # Shown against the day box, so the error summary links to an input.
                self.fields[0].widget.errors = [self.error_messages["required"]]
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        missing = [index for index, part in enumerate(parts) if not part]
        if missing:
            names = " and a ".join(("day", "month", "year")[index] for index in missing)
            self._fail(f"The {self.noun} must include a {names}", missing)
        if not all(part.isdigit() for part in parts):
            self._fail(f"The {self.noun} must be a real date")
        if len(parts[2]) != 4:
            self._fail(f"The year of the {self.noun} must include 4 numbers", (2,))
        try:
            day = datetime.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except (ValueError, OverflowError):  # no such day, or a number past any calendar
            self._fail(f"The {self.noun} must be a real date")
        self.run_validators(day)
        return day


def _small_radios_layout(form, *, inline: tuple[str, ...] = ()) -> Layout:
    """The form's fields in order, with radios small (and some inline) to keep it short."""
    return Layout(
        *(
            Field.radios(name, legend_size=Size.SMALL, small=True, inline=name in inline)
            if isinstance(field.widget, forms.RadioSelect)
            else name
            for name, field in form.fields.items()
        )
    )


def _not_in_future(value, what: str):
    if value and value > timezone.localdate():
        raise forms.ValidationError(f"The {what} must be today or in the past")
    return value


class AdoptionPartnershipForm(GovUKModelForm):
    submit_label = "Save partnerships"

    class Meta:
        model = Adoption
        fields = ["partner_site", "support_organisation"]
        labels = {
            "partner_site": "Originating partner site",
            "support_organisation": "Support organisation",
        }
        help_texts = {
            "partner_site": "The site that already runs the innovation and is helping you.",
            "support_organisation": (
                "An organisation that helps sites adopt it, such as a licensed provider. "
                "Leave as none if you have no support organisation."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        others = Site.objects.exclude(pk=self.instance.adopting_site_id).order_by("name")
        for name in self.Meta.fields:
            self.fields[name].queryset = others
            self.fields[name].empty_label = "None"


class AdoptionTeamNotesForm(GovUKForm):
    submit_label = "Save notes"

    def __init__(self, *args, adoption: Adoption | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.label_size = "m"

    team_notes = forms.CharField(
        label="What makes it work: our notes",
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=(
            "In your own words: what really matters about this innovation here, what you "
            "must protect and what you have learned. " + PERSONAL_DETAILS_WARNING
        ),
    )


class PersonnelExchangeForm(GovUKModelForm):
    submit_label = "Save exchange"

    started_on = GovUKDateField(
        noun="start date", label="Start date", help_text="For example, 27 3 2025"
    )
    ended_on = GovUKDateField(
        noun="end date",
        label="End date (optional)",
        required=False,
        help_text="Leave blank if it is still going on. For example, 30 9 2025",
    )

    class Meta:
        model = PersonnelExchange
        fields = [
            "kind",
            "from_site",
            "to_site",
            "person_name",
            "role_description",
            "started_on",
            "ended_on",
            "notes",
        ]
        labels = {
            "kind": "Kind of exchange",
            "from_site": "From",
            "to_site": "To",
            "person_name": "Who (optional)",
            "role_description": "Their role in the exchange (optional)",
            "notes": "Notes (optional)",
        }
        help_texts = {
            "from_site": "The site the person comes from.",
            "to_site": "The site they join, visit or advise.",
            "person_name": "A name or a job title. " + PERSONAL_DETAILS_WARNING,
            "notes": PERSONAL_DETAILS_WARNING,
        }
        widgets = {"kind": forms.RadioSelect, "notes": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "kind": {"required": "Select the kind of exchange"},
            "from_site": {"required": "Select the site the person comes from"},
            "to_site": {"required": "Select the site they go to"},
        }

    def __init__(self, *args, adoption: Adoption, **kwargs):
        super().__init__(*args, **kwargs)
        self.adoption = adoption
        self.fields["kind"].choices = PersonnelExchange.Kind.choices
        self.helper.layout = _small_radios_layout(self)
        sites = Site.objects.order_by("name")
        for name in ("from_site", "to_site"):
            self.fields[name].queryset = sites
            self.fields[name].empty_label = "Select a site"
        if not self.instance.pk:
            self.initial.setdefault("from_site", adoption.partner_site_id)
            self.initial.setdefault("to_site", adoption.adopting_site_id)

    def clean(self):
        cleaned = super().clean()
        from_site, to_site = cleaned.get("from_site"), cleaned.get("to_site")
        if from_site and to_site:
            if from_site == to_site:
                self.add_error("to_site", "Select a different site from the one they come from")
            elif self.adoption.adopting_site_id not in (from_site.pk, to_site.pk):
                self.add_error(
                    "to_site", f"One of the two sites must be {self.adoption.adopting_site}"
                )
        started_on, ended_on = cleaned.get("started_on"), cleaned.get("ended_on")
        if started_on and ended_on and ended_on < started_on:
            self.add_error("ended_on", "End date must be the same as or after the start date")
        return cleaned


class ContextFactorForm(GovUKModelForm):
    submit_label = "Save factor"

    originating_rating = forms.TypedChoiceField(
        label="How much it helped the originating site",
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how much it helped the originating site"},
    )
    adopting_rating = forms.TypedChoiceField(
        label="How much it helps here",
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how much it helps here"},
    )

    class Meta:
        model = ContextFactor
        fields = [
            "domain",
            "name",
            "originating_context",
            "originating_rating",
            "adopting_context",
            "adopting_rating",
            "nature",
            "fit",
            "mitigation",
        ]
        labels = {
            "domain": "Domain",
            "name": "Factor",
            "originating_context": "What the originating site had (optional)",
            "adopting_context": "What this site has (optional)",
            "nature": "Here, is it a constraint or an asset?",
            "fit": "Fit",
            "mitigation": "Mitigation",
        }
        help_texts = {
            "domain": "Where the factor sits in the Consolidated Framework for Implementation "
            "Research (CFIR).",
            "name": "For example, supply of systemic clinicians.",
            "fit": "Aligned: it works here as it did there. Gap: it needs work. "
            "Blocker: the innovation cannot work here until it is resolved.",
            "mitigation": "Required for a gap or a blocker: what you will do about it.",
        }
        widgets = {
            "domain": forms.RadioSelect,
            "nature": forms.RadioSelect,
            "fit": forms.RadioSelect,
            "originating_context": forms.Textarea(attrs={"rows": 3}),
            "adopting_context": forms.Textarea(attrs={"rows": 3}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "domain": {"required": "Select the domain"},
            "name": {"required": "Enter the factor"},
            "nature": {"required": "Select whether it is a constraint or an asset here"},
            "fit": {"required": "Select the fit"},
        }

    def __init__(self, *args, adoption: Adoption, **kwargs):
        super().__init__(*args, **kwargs)
        self.adoption = adoption
        for name, choices in (
            ("domain", ContextFactor.Domain.choices),
            ("nature", ContextFactor.Nature.choices),
            ("fit", ContextFactor.Fit.choices),
        ):
            self.fields[name].choices = choices
        self.helper.layout = _small_radios_layout(self, inline=("nature", "fit"))

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean(self):
        cleaned = super().clean()
        fit = cleaned.get("fit")
        gap_or_blocker = fit in (ContextFactor.Fit.GAP, ContextFactor.Fit.BLOCKER)
        if gap_or_blocker and not (cleaned.get("mitigation") or "").strip():
            self.add_error(
                "mitigation",
                "Enter a mitigation: say how you will deal with this "
                f"{ContextFactor.Fit(fit).label.lower()}",
            )
        domain, name = cleaned.get("domain"), cleaned.get("name")
        if domain and name:
            same = ContextFactor.objects.filter(
                adoption=self.adoption, domain=domain, name__iexact=name
            ).exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error(
                    "name",
                    "There is already a factor with this name in this domain; edit that one",
                )
        return cleaned


class ReadinessItemForm(GovUKModelForm):
    submit_label = "Save item"

    due_on = GovUKDateField(
        noun="due date",
        label="Due date (optional)",
        required=False,
        help_text="For example, 30 6 2025",
    )

    class Meta:
        model = ReadinessItem
        fields = ["area", "description", "status", "due_on", "notes"]
        labels = {
            "area": "Area",
            "description": "What needs to be in place",
            "status": "Status",
            "notes": "Notes (optional)",
        }
        help_texts = {
            "description": "For example, approval of the new job descriptions by HR.",
            "notes": PERSONAL_DETAILS_WARNING,
        }
        widgets = {
            "area": forms.RadioSelect,
            "status": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "area": {"required": "Select the area"},
            "description": {"required": "Enter what needs to be in place"},
            "status": {"required": "Select the status"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = ReadinessItem.Area.choices
        self.fields["status"].choices = ReadinessItem.Status.choices
        self.helper.layout = _small_radios_layout(self, inline=("status",))


class ReadinessStatusForm(GovUKForm):
    submit_label = "Change status"

    status = forms.ChoiceField(
        choices=ReadinessItem.Status.choices,
        error_messages={"required": "Select a status", "invalid_choice": "Select a status"},
    )


class StageChangeForm(GovUKForm):
    """Move the adoption to another stage, dated, with a note on why."""

    submit_label = "Change stage"

    stage = forms.ChoiceField(
        label="New stage",
        choices=Stage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the new stage"},
    )
    changed_on = GovUKDateField(
        noun="date of the change", label="Date of the change", help_text="For example, 1 4 2025"
    )
    note = forms.CharField(
        label="Why (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the board approved the move. " + PERSONAL_DETAILS_WARNING,
    )

    def __init__(self, *args, adoption: Adoption, last_changed_on: datetime.date | None, **kw):
        super().__init__(*args, **kw)
        self.adoption = adoption
        self.last_changed_on = last_changed_on
        self.fields["stage"].choices = [
            Choice(value, label, hint="The current stage" if value == adoption.stage else "")
            for value, label in Stage.choices
        ]
        self.helper.layout = _small_radios_layout(self)

    def clean_stage(self):
        stage = self.cleaned_data["stage"]
        if stage == self.adoption.stage:
            raise forms.ValidationError(
                f"The adoption is already in {Stage(stage).label.lower()}; select a different stage"
            )
        return stage

    def clean_changed_on(self):
        changed_on = _not_in_future(self.cleaned_data["changed_on"], "date of the change")
        if self.last_changed_on and changed_on < self.last_changed_on:
            raise forms.ValidationError(
                "The date of the change must be the same as or after "
                f"{self.last_changed_on:%-d %B %Y}, the date of the last change"
            )
        return changed_on


class MilestoneForm(GovUKModelForm):
    submit_label = "Save milestone"

    due_on = GovUKDateField(
        noun="due date",
        label="Due date (optional)",
        required=False,
        help_text="For example, 30 6 2025",
    )
    completed_on = GovUKDateField(
        noun="date completed",
        label="Date completed (optional)",
        required=False,
        help_text="Leave blank until it is done.",
    )

    class Meta:
        model = Milestone
        fields = ["title", "stage", "due_on", "completed_on", "notes"]
        labels = {
            "title": "Milestone activity",
            "stage": "Stage it belongs to",
            "notes": "Notes (optional)",
        }
        help_texts = {
            "title": "For example, first unit goes live.",
            "notes": PERSONAL_DETAILS_WARNING,
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "title": {"required": "Enter the milestone activity"},
            "stage": {"required": "Select the stage it belongs to"},
        }

    def __init__(self, *args, adoption: Adoption, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = Stage.choices
        if not self.instance.pk:
            self.initial.setdefault("stage", adoption.stage)

    def clean_completed_on(self):
        return _not_in_future(self.cleaned_data.get("completed_on"), "date completed")


class AccreditationForm(GovUKModelForm):
    submit_label = "Save accreditation or licence"

    evidence_url = forms.URLField(
        label="Link to evidence (optional)",
        help_text="Where the certificate, letter or agreement is kept.",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": "Enter a full web address, starting https://"},
    )

    awarded_on = GovUKDateField(
        noun="award date",
        label="Award date (if awarded)",
        required=False,
        help_text="For example, 1 4 2025",
    )
    expires_on = GovUKDateField(
        noun="expiry date",
        label="Expiry date (optional)",
        required=False,
        help_text="Leave blank if it does not expire. For example, 31 3 2028",
    )

    class Meta:
        model = Accreditation
        fields = list(ACCREDITATION_FIELDS)
        labels = {
            "kind": "Is it an accreditation or a licence?",
            "awarding_body": "Awarding body",
            "standard": "Standard or licence name",
            "status": "Status",
            "conditions": "Conditions or notes (optional)",
        }
        help_texts = {
            "awarding_body": "Who accredits or licenses delivery, for example Daybreak.",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "status": forms.RadioSelect,
            "conditions": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "kind": {"required": "Select accreditation or licence"},
            "awarding_body": {"required": "Enter the awarding body"},
            "standard": {"required": "Enter the standard or licence name"},
            "status": {"required": "Select the status"},
        }

    def __init__(self, *args, adoption: Adoption, **kwargs):
        super().__init__(*args, **kwargs)
        self.adoption = adoption
        self.fields["kind"].choices = Accreditation.Kind.choices
        self.fields["status"].choices = Accreditation.Status.choices
        self.helper.layout = _small_radios_layout(self, inline=("kind",))

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        awarded_on, expires_on = cleaned.get("awarded_on"), cleaned.get("expires_on")
        held = status in (Accreditation.Status.AWARDED, Accreditation.Status.CONDITIONS)
        if held and not awarded_on and "awarded_on" not in self.errors:
            self.add_error("awarded_on", "Enter the award date")
        if awarded_on and awarded_on > timezone.localdate():
            self.add_error("awarded_on", "The award date must be today or in the past")
        if awarded_on and expires_on and expires_on <= awarded_on:
            self.add_error("expires_on", "The expiry date must be after the award date")
        return cleaned


class MustHaveConflictForm(GovUKForm):
    """Record where a must-have of one innovation in a programme pulls against another's."""

    submit_label = "Record the conflict"

    first_criterion = forms.ModelChoiceField(
        label="A must-have of one innovation",
        queryset=FidelityCriterion.objects.none(),
        empty_label="Select a must-have",
        error_messages={
            "required": "Select the first must-have",
            "invalid_choice": "Select a must-have from the list",
        },
    )
    second_criterion = forms.ModelChoiceField(
        label="The must-have of another innovation that it conflicts with",
        queryset=FidelityCriterion.objects.none(),
        empty_label="Select a must-have",
        error_messages={
            "required": "Select the second must-have",
            "invalid_choice": "Select a must-have from the list",
        },
    )
    description = forms.CharField(
        label="How do they conflict?",
        help_text="What goes wrong when the programme tries to keep both.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Say how the two must-haves conflict",
            "max_length": "Describe the conflict in 5,000 characters or fewer",
        },
    )

    def __init__(self, *args, must_haves, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_criterion", "second_criterion"):
            field = self.fields[name]
            field.queryset = must_haves
            field.label_from_instance = lambda c: f"{c.innovation.name}: {c.name}"

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("first_criterion"), cleaned.get("second_criterion")
        if first and second and first.innovation_id == second.innovation_id:
            self.add_error(
                "second_criterion", "Select a must-have of a different innovation from the first"
            )
        return cleaned


class MustHaveConflictUpdateForm(GovUKForm):
    submit_label = "Save"

    description = forms.CharField(
        label="How do they conflict?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Say how the two must-haves conflict",
            "max_length": "Describe the conflict in 5,000 characters or fewer",
        },
    )
    status = forms.ChoiceField(
        label="Is it resolved?",
        choices=MustHaveConflict.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the conflict is resolved"},
    )
    resolution = forms.CharField(
        label="How is it resolved?",
        help_text="What the programme does so that both must-haves still hold. Needed once "
        "it is resolved.",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Describe the resolution in 5,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = _small_radios_layout(self, inline=("status",))

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == MustHaveConflict.Status.RESOLVED
            and not (cleaned.get("resolution") or "").strip()
        ):
            self.add_error("resolution", "Say how the conflict is resolved")
        return cleaned
