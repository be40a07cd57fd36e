"""Template tags for the adoption journey pages: statuses and ratings in words."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from sites.forms import rating_label
from sites.models import ContextFactor, Rag, ReadinessItem
from sites.selectors import TaskStatus

register = template.Library()

TASK_STATUS_COLOURS = {
    TaskStatus.NOT_STARTED: "grey",
    TaskStatus.IN_PROGRESS: "light-blue",
    TaskStatus.COMPLETED: "",
}

FIT_COLOURS = {
    ContextFactor.Fit.ALIGNED: "green",
    ContextFactor.Fit.GAP: "yellow",
    ContextFactor.Fit.BLOCKER: "red",
}

READINESS_COLOURS = {
    ReadinessItem.Status.NOT_STARTED: "grey",
    ReadinessItem.Status.IN_PROGRESS: "light-blue",
    ReadinessItem.Status.DONE: "green",
}


def _tag(colour: str, label: str, extra_class: str = ""):
    modifier = f" govuk-tag--{colour}" if colour else ""
    return format_html('<strong class="govuk-tag{}{}">{}</strong>', modifier, extra_class, label)


@register.simple_tag
def url_if_exists(name: str, *args, **kwargs) -> str:
    """The URL, or "" while the page does not exist yet (another part of the product)."""
    try:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


@register.simple_tag
def task_status_tag(status: str, task_id: str = ""):
    """A task list status: completed is plain text, the others are tags (GOV.UK pattern)."""
    label = TaskStatus.LABELS[status]
    id_attr = format_html(' id="{}"', task_id) if task_id else ""
    if status == TaskStatus.COMPLETED:
        return format_html("<span{}>{}</span>", id_attr, label)
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}"{}>{}</strong>',
        TASK_STATUS_COLOURS[status],
        id_attr,
        label,
    )


@register.simple_tag
def fit_tag(fit: str):
    return _tag(FIT_COLOURS[fit], ContextFactor.Fit(fit).label)


@register.simple_tag
def readiness_status_tag(status: str):
    return _tag(READINESS_COLOURS[status], ReadinessItem.Status(status).label)


@register.filter
def rating(value) -> str:
    """A −2..+2 rating as a signed number with words: "+2 strongly helps"."""
    return rating_label(value)


# The RAG trend chart: bar height says the status as well as colour does.
RAG_BARS = {
    Rag.GREEN: (100, "#00703c"),
    Rag.AMBER_GREEN: (80, "#85994b"),
    Rag.AMBER: (60, "#ffbf47"),
    Rag.AMBER_RED: (40, "#f47738"),
    Rag.RED: (20, "#d4351c"),
}


@register.simple_tag
def rag_bar(rag: str, index: int) -> dict:
    """Where the bar for the `index`th month goes in the 480 × 140 chart."""
    height, fill = RAG_BARS.get(rag, (0, ""))
    x = 5 + index * 40
    return {"x": x, "mid": x + 15, "y": 110 - height, "height": height, "fill": fill}


@register.simple_tag
def rag_label(rag: str) -> str:
    return Rag(rag).label if rag else "no submitted update"


NEXT_READINESS_STATUS = {
    ReadinessItem.Status.NOT_STARTED: ReadinessItem.Status.IN_PROGRESS,
    ReadinessItem.Status.IN_PROGRESS: ReadinessItem.Status.DONE,
}


@register.simple_tag
def next_readiness_status(status: str):
    """The status the checklist's quick button moves an item to; None once done."""
    return NEXT_READINESS_STATUS.get(status)
