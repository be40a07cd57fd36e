"""GET filter forms for lists about one adoption; the URL carries the filters."""

import django_filters
from django.db.models import QuerySet

from adoptadapt.forms import GovUKForm

from .models import Adaptation, Adoption

ADAPTATION_STATUSES = [
    (Adaptation.DecisionStatus.PROPOSED, "Awaiting board decision"),
    (Adaptation.DecisionStatus.APPROVED, "Approved"),
    (Adaptation.DecisionStatus.REJECTED, "Rejected"),
    (Adaptation.DecisionStatus.WITHDRAWN, "Withdrawn"),
]


class AdaptationFilterForm(GovUKForm):
    submit_label = "Apply filters"


class AdaptationFilter(django_filters.FilterSet):
    """Filter an adoption's adaptations by status, type and the criterion they touch.

    The criterion choices are the innovation's criteria, must-haves first, retired
    ones included: past adaptations still touch them.
    """

    status = django_filters.ChoiceFilter(
        field_name="decision_status",
        label="Status",
        choices=ADAPTATION_STATUSES,
        empty_label="Any status",
    )
    modification_type = django_filters.ChoiceFilter(
        label="Type of modification",
        choices=Adaptation.ModificationType.choices,
        empty_label="Any type",
    )
    criterion = django_filters.ChoiceFilter(
        label="Criterion it touches",
        empty_label="Any criterion",
        method="filter_criterion",
    )

    class Meta:
        model = Adaptation
        fields = ["status", "modification_type", "criterion"]
        form = AdaptationFilterForm

    def __init__(self, data=None, queryset=None, *, adoption: Adoption, **kwargs):
        super().__init__(data, queryset, **kwargs)
        criteria = adoption.innovation.criteria.order_by("position", "id")
        groups = {True: [], False: []}
        for criterion in criteria:
            label = f"{criterion.name} (retired)" if criterion.is_retired else criterion.name
            groups[criterion.is_must_have].append((str(criterion.pk), label))
        self.filters["criterion"].extra["choices"] = [
            (heading, options)
            for heading, options in (("Must-haves", groups[True]), ("Adaptable", groups[False]))
            if options
        ]

    def filter_criterion(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(criteria__pk=value)

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.form.cleaned_data.get(name) for name in self.filters)
