"""Forms for maintaining the directory. They validate; the services write.

An entry's own fields are one form. Its four lists (criteria, metrics, evidence
sources, resources) are each an inline formset whose rows can be added, reordered,
retired or deleted; `RowFormSet.row_changes()` turns them into the services' terms.
"""

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fieldset, Fixed, Fluid, Layout, Size
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.text import slugify

from adoptadapt.forms import GovUKForm, GovUKModelForm, ModelMultipleChoiceField
from sites.models import Site

from .importing import KIND_CHOICES, MAX_ROWS, MAX_UPLOAD_BYTES, ImportFileError, read_upload
from .models import EvidenceSource, FidelityCriterion, Innovation, OutcomeMetric, Resource, Theme
from .services import ALLOWED_MOVES, RowChange

URL_ERROR = "Enter a full web address, like https://www.example.org/report.pdf."


def reserved_slugs() -> set[str]:
    """Addresses under /directory/ that are pages, not entries (new, export, …)."""
    from . import urls

    reserved = set()
    for pattern in urls.urlpatterns:
        first = str(pattern.pattern).split("/")[0]
        if first and "<" not in first:
            reserved.add(first)
    return reserved


def link_field() -> forms.URLField:
    return forms.URLField(
        label="Link",
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={
            "invalid": URL_ERROR,
            "max_length": "The link must be 500 characters or fewer.",
        },
        widget=forms.URLInput(attrs={"spellcheck": "false"}),
    )


def order_field() -> forms.IntegerField:
    return forms.IntegerField(
        label="Order",
        required=False,
        min_value=0,
        help_text="Lower numbers are listed first.",
        error_messages={
            "invalid": "Enter the order as a whole number, like 3.",
            "min_value": "Enter an order of 0 or more.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


def checkbox(name: str) -> Field:
    """A lone checkbox with its hint under the label, as GOV.UK places it."""
    return Field(name, template="innovations/maintain/checkbox.html")


# --- The entry itself ------------------------------------------------------------

COST_RATINGS = [
    Choice(1, "1 – lowest cost"),
    Choice(2, "2"),
    Choice(3, "3"),
    Choice(4, "4"),
    Choice(5, "5 – highest cost", divider="or"),
    Choice("", "Not rated"),
]


class InnovationForm(GovUKModelForm):
    """Create or edit an entry's own fields (its lists have their own pages)."""

    submit_label = "Save"

    slug = forms.CharField(
        label="Web address",
        required=False,
        max_length=200,
        help_text=(
            "Lower-case letters, numbers and hyphens, used in the page’s address: "
            "/directory/web-address/. Leave it blank to make one from the name."
        ),
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocapitalize": "none"}),
    )
    cost_rating = forms.TypedChoiceField(
        label="Cost rating",
        choices=COST_RATINGS,
        coerce=int,
        empty_value=None,
        required=False,
        help_text="From 1 (lowest cost) to 5 (highest cost), where it has been rated.",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select a cost rating from 1 to 5, or “Not rated”."},
    )

    class Meta:
        model = Innovation
        fields = [
            "name",
            "slug",
            "summary",
            "problem_addressed",
            "originating_site",
            "original_constraints",
            "original_assets",
            "culture",
            "values",
            "leadership",
            "themes",
            "evidence_level",
            "evidence_summary",
            "cost_rating",
            "accreditation",
            "support_organisations",
            "adapted_from",
            "lineage_changes",
            "lineage_reasons",
            "adapted_at",
            "adapted_by",
        ]
        field_classes = {
            "themes": ModelMultipleChoiceField,
            "support_organisations": ModelMultipleChoiceField,
        }
        labels = {
            "name": "Name",
            "summary": "Summary",
            "problem_addressed": "The problem it addresses",
            "originating_site": "Originating site",
            "original_constraints": "Constraints",
            "original_assets": "Assets",
            "culture": "Culture",
            "values": "Values",
            "leadership": "Leadership",
            "themes": "Themes",
            "evidence_level": "Evidence level",
            "evidence_summary": "Summary of the evidence",
            "accreditation": "Accreditation or licensing",
            "support_organisations": "Support organisations",
            "adapted_from": "Adapted from",
            "lineage_changes": "What changed",
            "lineage_reasons": "Why it changed",
            "adapted_at": "Where it was adapted",
            "adapted_by": "Who adapted it",
        }
        help_texts = {
            "summary": "What the innovation is, in a paragraph. Visitors read this first.",
            "problem_addressed": "What was going wrong for children and families before it.",
            "originating_site": "Where it was first developed and run.",
            "themes": "Select all that apply.",
            "evidence_level": "How strong the evidence is that it improves outcomes.",
        }
        error_messages = {
            "name": {
                "required": "Enter the innovation’s name.",
                "max_length": "The name must be 200 characters or fewer.",
            },
            "summary": {"required": "Enter a summary of the innovation."},
            "evidence_level": {
                "required": "Select the evidence level.",
                "invalid_choice": "Select one of the evidence levels shown.",
            },
            "originating_site": {"invalid_choice": "Select an organisation from the list."},
            "themes": {"invalid_choice": "Select themes from the list."},
            "support_organisations": {"invalid_choice": "Select organisations from the list."},
            "adapted_from": {"invalid_choice": "Select an innovation from the list."},
            "adapted_at": {"invalid_choice": "Select an organisation from the list."},
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "problem_addressed": forms.Textarea(attrs={"rows": 4}),
            "original_constraints": forms.Textarea(attrs={"rows": 3}),
            "original_assets": forms.Textarea(attrs={"rows": 3}),
            "culture": forms.Textarea(attrs={"rows": 3}),
            "values": forms.Textarea(attrs={"rows": 3}),
            "leadership": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
            "evidence_level": forms.RadioSelect,
            "evidence_summary": forms.Textarea(attrs={"rows": 4}),
            "accreditation": forms.Textarea(attrs={"rows": 3}),
            "support_organisations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs = []
        sites = Site.objects.order_by("name")
        self.fields["originating_site"].queryset = sites
        self.fields["originating_site"].empty_label = "Not recorded"
        self.fields["support_organisations"].queryset = sites
        self.fields["adapted_at"].queryset = sites
        self.fields["adapted_at"].empty_label = "Not recorded"
        self.fields["adapted_from"].queryset = Innovation.objects.exclude(
            pk=self.instance.pk
        ).order_by("name")
        self.fields["adapted_from"].empty_label = "Not adapted from another innovation"
        self.fields[
            "adapted_from"
        ].help_text = "If this innovation is a version of another one in the directory, select it."
        self.fields[
            "lineage_changes"
        ].help_text = (
            "What is different from the innovation it came from. Needed when it was adapted."
        )
        self.fields["themes"].queryset = Theme.objects.order_by("name")
        self.fields["evidence_level"].choices = Innovation.EvidenceLevel.choices
        self.fields[
            "original_constraints"
        ].help_text = "What limited the originating site when it began: money, staff, rules."
        self.fields[
            "original_assets"
        ].help_text = "What it could draw on: people, partnerships, funding, goodwill."
        if self.initial.get("cost_rating") is None:
            self.initial["cost_rating"] = ""  # so "Not rated" shows as selected
        if self.instance.pk:
            self.fields["slug"].help_text = (
                "Used in the page’s address: /directory/web-address/. Changing it "
                "changes the address, so links to the old one stop working."
            )
        self.helper.layout = Layout(
            Fieldset(
                Field.text("name", field_width=Fluid.TWO_THIRDS),
                Field.text("slug", field_width=Fluid.TWO_THIRDS),
                Field.textarea("summary", rows=4),
                Field.textarea("problem_addressed", rows=4),
                legend="About the innovation",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.select("originating_site"),
                Field.textarea("original_constraints", rows=3),
                Field.textarea("original_assets", rows=3),
                legend="Where it began",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.select("adapted_from"),
                Field.textarea("lineage_changes", rows=3),
                Field.textarea("lineage_reasons", rows=3),
                Field.select("adapted_at"),
                Field.text("adapted_by", field_width=Fluid.TWO_THIRDS),
                legend="Where it came from",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.textarea("culture", rows=3),
                Field.textarea("values", rows=3),
                Field.textarea("leadership", rows=3),
                legend="Less tangible elements",
                legend_size=Size.MEDIUM,
            ),
            Field.checkboxes("themes", legend_size=Size.MEDIUM, small=True),
            Fieldset(
                Field.radios("evidence_level", small=True),
                Field.textarea("evidence_summary", rows=4),
                Field.radios("cost_rating", small=True),
                Field.textarea("accreditation", rows=3),
                legend="Evidence and cost",
                legend_size=Size.MEDIUM,
            ),
            Field.checkboxes("support_organisations", legend_size=Size.MEDIUM, small=True),
        )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        others = Innovation.objects.exclude(pk=self.instance.pk)
        if others.filter(name__iexact=name).exists():
            raise forms.ValidationError(
                f"Another innovation is already called “{name}”. Enter a different name."
            )
        return name

    def clean(self):
        cleaned = super().clean()
        typed = (cleaned.get("slug") or "").strip()
        if "slug" in self.errors:
            return cleaned
        if not typed and "name" not in cleaned:
            return cleaned  # the name's own error says what to do
        slug = slugify(typed or cleaned["name"])[:200].strip("-")
        source = "" if typed else " made from the name"
        if not slug:
            self.add_error(
                "slug",
                "Enter a web address using letters or numbers, like family-group-conferencing.",
            )
        elif typed and slug != typed:
            # Say what would be used rather than silently changing what they typed.
            self.add_error(
                "slug",
                "The web address can only use lower-case letters, numbers and hyphens. "
                f"Try “{slug}”.",
            )
        elif slug in reserved_slugs():
            self.add_error(
                "slug",
                f"The web address{source} “{slug}” is used by the site itself. "
                "Enter a different one.",
            )
        else:
            clash = Innovation.objects.exclude(pk=self.instance.pk).filter(slug=slug).first()
            if clash is not None:
                self.add_error(
                    "slug",
                    f"The web address{source} “{slug}” is already used by “{clash.name}”. "
                    "Enter a different one.",
                )
            else:
                cleaned["slug"] = slug
        return cleaned

    def service_fields(self) -> dict:
        """The cleaned values in the terms `innovation_create`/`innovation_update` take."""
        return dict(self.cleaned_data)


# --- Publication -----------------------------------------------------------------

MOVES = {
    Innovation.Status.PUBLISHED: ("Publish it", "Anyone can find it in the directory."),
    Innovation.Status.ARCHIVED: (
        "Archive it",
        "It leaves the public directory. Adoptions and their history are kept.",
    ),
    Innovation.Status.DRAFT: (
        "Return it to draft",
        "Only directory admins can see it while it is being worked on.",
    ),
}


class InnovationStatusForm(GovUKForm):
    submit_label = "Change status"

    status = forms.ChoiceField(label="What do you want to do?", widget=forms.RadioSelect)

    def __init__(self, *args, innovation: Innovation, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs = []
        current = Innovation.Status(innovation.status)
        allowed = [s for s in Innovation.Status if s in ALLOWED_MOVES[current]]
        self.fields["status"].choices = [
            Choice(status.value, MOVES[status][0], hint=MOVES[status][1]) for status in allowed
        ]
        self.fields["status"].error_messages = {
            "required": "Select what you want to do with this entry.",
            "invalid_choice": (
                f"A {current.label.lower()} entry cannot be moved that way. "
                "Select one of the options shown."
            ),
        }
        self.helper.layout = Layout(Field.radios("status", legend_size=Size.MEDIUM))


# --- The entry's lists -------------------------------------------------------------


class RowForm(GovUKModelForm):
    """One row of a list. Rows show their fields inside the page's single <form>."""

    retirable = False
    in_use_hint = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.inputs = []
        self.helper.disable_csrf = True
        if self.retirable and self.instance.pk:
            self.fields["retire"] = forms.BooleanField(
                label="Retire",
                required=False,
                help_text="It stops being used from now on; past records keep it.",
            )

    @property
    def name_field(self) -> str:
        return "name" if "name" in self.fields else "title"

    def layout_fields(self) -> list:
        raise NotImplementedError

    def build_layout(self) -> None:
        extras = [checkbox(name) for name in ("retire", "DELETE") if name in self.fields]
        self.helper.layout = Layout(*self.layout_fields(), *extras)

    # Names are checked once for the whole list (RowFormSet.clean), not per row
    # against the database, so renaming rows in one save does not trip over itself.
    def validate_unique(self):
        pass


class CriterionForm(RowForm):
    retirable = True
    kind = forms.ChoiceField(
        label="Kind",
        choices=FidelityCriterion.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether it is a must-have or adaptable."},
    )
    position = order_field()

    class Meta:
        model = FidelityCriterion
        fields = ["name", "kind", "description", "dimension", "how_evidenced", "position"]
        labels = {
            "name": "Name",
            "dimension": "Fidelity dimension",
            "how_evidenced": "How fidelity is evidenced",
        }
        help_texts = {"how_evidenced": "What an assessor looks at to judge it."}
        error_messages = {
            "name": {
                "required": "Enter the criterion’s name.",
                "max_length": "The name must be 200 characters or fewer.",
            },
            "dimension": {"required": "Select the fidelity dimension."},
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "how_evidenced": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = [("", "Select a dimension")] + list(
            FidelityCriterion.Dimension.choices
        )

    def layout_fields(self):
        return [
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.radios("kind", inline=True, small=True),
            Field.textarea("description", rows=2),
            Field.select("dimension"),
            Field.textarea("how_evidenced", rows=2),
            Field.text("position", field_width=Fixed.TWO),
        ]


class MetricForm(RowForm):
    retirable = True
    aggregation = forms.ChoiceField(
        label="How values add up",
        choices=OutcomeMetric.Aggregation.choices,
        initial=OutcomeMetric.Aggregation.POINT_IN_TIME,
        widget=forms.RadioSelect,
        help_text="How monthly values roll up across months and sites.",
        error_messages={"required": "Select how values add up."},
    )
    position = order_field()

    class Meta:
        model = OutcomeMetric
        fields = ["name", "description", "unit", "higher_is_better", "aggregation", "position"]
        labels = {"name": "Name", "unit": "Unit", "higher_is_better": "Higher is better"}
        error_messages = {
            "name": {
                "required": "Enter the metric’s name.",
                "max_length": "The name must be 200 characters or fewer.",
            },
            "unit": {
                "required": "Enter the unit, like carers or children.",
                "max_length": "The unit must be 50 characters or fewer.",
            },
        }
        help_texts = {
            "unit": "What is counted, like carers, children or %.",
            "higher_is_better": "Untick it when a lower number is the better result.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def layout_fields(self):
        return [
            Field.text("name", field_width=Fluid.TWO_THIRDS),
            Field.textarea("description", rows=2),
            Field.text("unit", field_width=Fixed.TEN),
            checkbox("higher_is_better"),
            Field.radios("aggregation", small=True),
            Field.text("position", field_width=Fixed.TWO),
        ]


class EvidenceSourceForm(RowForm):
    year = forms.IntegerField(
        label="Year",
        required=False,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
        error_messages={"invalid": "Enter the year as four digits, like 2019."},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    url = link_field()
    position = order_field()

    class Meta:
        model = EvidenceSource
        fields = ["title", "kind", "publisher", "year", "url", "position"]
        labels = {"title": "Title", "kind": "Kind", "publisher": "Publisher"}
        error_messages = {
            "title": {
                "required": "Enter the title of the evidence source.",
                "max_length": "The title must be 300 characters or fewer.",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for validator in self.fields["year"].validators:
            if isinstance(validator, MinValueValidator | MaxValueValidator):
                validator.message = "Enter a year from 1950 to 2100."

    def layout_fields(self):
        return [
            Field.text("title", field_width=Fluid.TWO_THIRDS),
            Field.select("kind"),
            Field.text("publisher", field_width=Fluid.TWO_THIRDS),
            Field.text("year", field_width=Fixed.FOUR),
            Field.text("url"),
            Field.text("position", field_width=Fixed.TWO),
        ]


class ResourceForm(RowForm):
    url = link_field()
    position = order_field()

    class Meta:
        model = Resource
        fields = ["title", "kind", "description", "url", "position"]
        labels = {"title": "Title", "kind": "Kind", "description": "Description"}
        error_messages = {
            "title": {
                "required": "Enter the resource’s title.",
                "max_length": "The title must be 300 characters or fewer.",
            },
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def layout_fields(self):
        return [
            Field.text("title", field_width=Fluid.TWO_THIRDS),
            Field.select("kind"),
            Field.textarea("description", rows=2),
            Field.text("url"),
            Field.text("position", field_width=Fixed.TWO),
        ]


class RowFormSet(BaseInlineFormSet):
    """An entry's list as rows: check the whole list, then hand it to a service.

    `other_names` are names taken by rows not on the page (retired ones), so a new
    row cannot reuse them. `duplicate_message` and `in_use_message` say, in the
    admins' words, why a name or a deletion is refused.
    """

    duplicate_message = "This innovation already has an item with this name."
    retired_name_message = (
        "A retired item is called this. Bring it back instead of adding it again."
    )
    in_use_message = "It cannot be deleted."

    def __init__(self, *args, other_names=(), **kwargs):
        self.other_names = {name.strip().casefold() for name in other_names}
        self.refused_deletions = False
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[self._pk_field.name].error_messages["invalid_choice"] = (
            "Someone else has deleted or retired this row since you opened the page. "
            "Open the page again to see the latest list."
        )
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Delete"
            if getattr(form.instance, "in_use", False):
                form.fields["DELETE"].help_text = form.in_use_hint
        form.build_layout()

    def validate_unique(self):
        pass  # clean() does it, with messages that say which row and why

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data"):
                continue
            if self.can_delete and self._should_delete_form(form):
                if getattr(form.instance, "in_use", False):
                    form.add_error("DELETE", self.in_use_message.format(name=form.instance))
                    self.refused_deletions = True
                    seen.add(form.instance.name.strip().casefold())  # it stays, so does its name
                continue
            if form.instance.pk is None and not form.has_changed():
                continue
            name = form.cleaned_data.get(form.name_field)
            if not name or not self.duplicate_message:
                continue
            key = name.strip().casefold()
            if key in seen:
                form.add_error(form.name_field, self.duplicate_message)
            elif key in self.other_names:
                form.add_error(form.name_field, self.retired_name_message)
            seen.add(key)

    def is_valid(self):
        return super().is_valid() and not self.refused_deletions

    def row_changes(self) -> list[RowChange]:
        """The rows in the services' terms; call after is_valid()."""
        rows = []
        for form in self.forms:
            deleting = self.can_delete and self._should_delete_form(form)
            if form.instance.pk is None and (deleting or not form.has_changed()):
                continue
            fields = [name for name in form._meta.fields if name != self.fk.name]
            values = {name: form.cleaned_data.get(name) for name in fields}
            for name, value in values.items():
                if isinstance(value, str):
                    values[name] = value.strip()
            rows.append(
                RowChange(
                    instance=form.instance if form.instance.pk else None,
                    values=values,
                    delete=deleting,
                    retire=bool(form.cleaned_data.get("retire")),
                )
            )
        return rows

    @property
    def error_forms(self):
        """Rows with something to correct, for the error summary."""
        return [form for form in self.forms if form.errors]


class CriterionFormSet(RowFormSet):
    duplicate_message = FidelityCriterion._meta.constraints[0].violation_error_message
    retired_name_message = (
        "A retired criterion is called this. Bring it back instead of adding it again."
    )
    in_use_message = (
        "“{name}” has been scored in a fidelity assessment, so it cannot be deleted. "
        "Tick “Retire” instead."
    )


class MetricFormSet(RowFormSet):
    duplicate_message = OutcomeMetric._meta.constraints[0].violation_error_message
    retired_name_message = (
        "A retired metric is called this. Bring it back instead of adding it again."
    )
    in_use_message = (
        "“{name}” has values or targets recorded by adopting sites, so it cannot be "
        "deleted. Tick “Retire” instead."
    )


class UnnamedRowFormSet(RowFormSet):
    duplicate_message = ""  # evidence sources and resources may share a title


CriterionForm.in_use_hint = (
    "It has been scored in an assessment, so it can be retired but not deleted."
)
MetricForm.in_use_hint = (
    "Sites have recorded values or targets, so it can be retired but not deleted."
)


# Far more rows than any entry has (the benchmark's have 8-15 criteria). Django's own
# ceiling is 2,000, and a posted count is believed up to it: rendering 2,000 blank rows
# took one request 10-20 seconds.
MAX_ROWS_PER_LIST = 100


def _formset(model, form, formset):
    return inlineformset_factory(
        Innovation,
        model,
        form=form,
        formset=formset,
        extra=0,
        can_delete=True,
        can_delete_extra=False,
        max_num=MAX_ROWS_PER_LIST,
        absolute_max=MAX_ROWS_PER_LIST,
    )


CriteriaFormSet = _formset(FidelityCriterion, CriterionForm, CriterionFormSet)
MetricsFormSet = _formset(OutcomeMetric, MetricForm, MetricFormSet)
EvidenceSourcesFormSet = _formset(EvidenceSource, EvidenceSourceForm, UnnamedRowFormSet)
ResourcesFormSet = _formset(Resource, ResourceForm, UnnamedRowFormSet)


# --- directory export and import ---------------------------------------------------


class DirectoryImportForm(GovUKForm):
    """Checks the file and reads its rows; the rows wait in the session for the preview."""

    submit_label = "Upload and preview"

    kind = forms.ChoiceField(
        label="What are you importing?",
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you are importing."},
    )
    file = forms.FileField(
        label="Upload a file",
        help_text=(
            "A CSV file (.csv) or Excel workbook (.xlsx), smaller than "
            f"{MAX_UPLOAD_BYTES // (1024 * 1024)} MB and up to {MAX_ROWS:,} rows, with the "
            "column headings in the first row."
        ),
        error_messages={
            "required": "Select a CSV or Excel file to upload.",
            "empty": "The file is empty.",
            "invalid": "Select a CSV or Excel file to upload.",
        },
        # crispy-forms-gds styles the clearable input as a GOV.UK file upload; with no
        # initial file it has no "clear" box, so it is a plain file input.
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean(self):
        cleaned = super().clean()
        upload, kind = cleaned.get("file"), cleaned.get("kind")
        if upload is not None and kind:
            try:
                self.parsed = read_upload(upload, kind)
            except ImportFileError as error:
                self.add_error("file", str(error))
        return cleaned


class PromoteAdaptationForm(GovUKForm):
    """A new directory entry from an adaptation logged at an adopting site."""

    submit_label = "Create the draft entry"

    name = forms.CharField(
        label="Name of the new innovation",
        max_length=200,
        error_messages={
            "required": "Enter a name for the new innovation.",
            "max_length": "The name must be 200 characters or fewer.",
        },
    )
    summary = forms.CharField(
        label="Summary",
        help_text="What the innovation is, in a paragraph. Visitors read this first.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter a summary of the new innovation."},
    )
    lineage_changes = forms.CharField(
        label="What changed",
        help_text="What is different from the innovation it was adapted from.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what changed from the innovation it came from."},
    )
    lineage_reasons = forms.CharField(
        label="Why it changed (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    adapted_by = forms.CharField(
        label="Who adapted it (optional)",
        required=False,
        max_length=300,
        error_messages={"max_length": "Who adapted it must be 300 characters or fewer."},
    )
    copy_parts = forms.BooleanField(
        label="Start with its parent’s must-haves, adaptable parts and metrics",
        help_text="You can change them before publishing.",
        required=False,
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if Innovation.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(
                f"Another innovation is already called “{name}”. Enter a different name."
            )
        if not slugify(name):
            raise forms.ValidationError("Enter a name with at least one letter or number.")
        if Innovation.objects.filter(slug=slugify(name)[:200]).exists():
            raise forms.ValidationError(
                f"Another innovation already uses the web address /directory/{slugify(name)}/. "
                "Enter a different name."
            )
        return name
