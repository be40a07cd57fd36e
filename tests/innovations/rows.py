"""Building the POST data of an entry's list pages, as a browser would send it."""

from django.forms.models import model_to_dict

from innovations.models import EvidenceSource, FidelityCriterion, OutcomeMetric, Resource

PREFIX = "rows"

FIELDS = {
    FidelityCriterion: ["name", "kind", "description", "dimension", "how_evidenced", "position"],
    OutcomeMetric: ["name", "description", "unit", "higher_is_better", "aggregation", "position"],
    EvidenceSource: ["title", "kind", "publisher", "year", "url", "position"],
    Resource: ["title", "kind", "description", "url", "position"],
}


def existing(obj, **changes) -> dict:
    """A row for a saved object, with its current values and any changes."""
    values = model_to_dict(obj, fields=FIELDS[type(obj)])
    values.update(id=obj.pk, innovation=obj.innovation_id)
    values.update(changes)
    return values


def new_criterion(**values) -> dict:
    return {
        "name": "A new must-have",
        "kind": FidelityCriterion.Kind.MUST_HAVE,
        "dimension": FidelityCriterion.Dimension.ADHERENCE,
        **values,
    }


def new_metric(**values) -> dict:
    return {
        "name": "Children supported",
        "unit": "children",
        "higher_is_better": "on",
        "aggregation": OutcomeMetric.Aggregation.CUMULATIVE,
        **values,
    }


def new_evidence(**values) -> dict:
    return {"title": "An evaluation report", "kind": EvidenceSource.Kind.EVALUATION, **values}


def new_resource(**values) -> dict:
    return {"title": "Implementation toolkit", "kind": Resource.Kind.TOOLKIT, **values}


def formset_data(*, initial: list[dict], new: list[dict] = (), **extra) -> dict:
    """The management form and every row's fields; booleans as a browser sends them
    (present and "on" when ticked, absent when not); None as an empty field."""
    rows = [*initial, *new]
    data = {
        f"{PREFIX}-TOTAL_FORMS": str(len(rows)),
        f"{PREFIX}-INITIAL_FORMS": str(len(initial)),
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            if value is False:
                continue
            if value is True:
                value = "on"
            data[f"{PREFIX}-{index}-{name}"] = "" if value is None else str(value)
    data.update(extra)
    return data
