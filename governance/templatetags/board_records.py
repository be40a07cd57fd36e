"""Tags for a board's decisions and actions: colour plus words, never colour alone."""

from django import template
from django.utils.html import format_html

from ..models import Action, Decision

register = template.Library()

ACTION_STATUS_COLOURS = {
    Action.Status.OPEN: "blue",
    Action.Status.IN_PROGRESS: "light-blue",
    Action.Status.DONE: "green",
    Action.Status.CANCELLED: "grey",
}

DECISION_OUTCOME_COLOURS = {
    Decision.Outcome.APPROVED: "green",
    Decision.Outcome.REJECTED: "red",
    Decision.Outcome.NOTED: "grey",
}


def _tag(colour: str, label: str):
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)


@register.simple_tag
def action_status_tag(status: str):
    return _tag(ACTION_STATUS_COLOURS[status], Action.Status(status).label)


@register.simple_tag
def overdue_tag(days: int):
    """The red "Overdue" tag with how long, for an open action past its due date."""
    return format_html(
        '<strong class="govuk-tag govuk-tag--red">Overdue</strong> '
        '<span class="govuk-body-s govuk-!-display-block govuk-!-margin-top-1 '
        'govuk-!-margin-bottom-0">Overdue by {} day{}</span>',
        days,
        "" if days == 1 else "s",
    )


@register.simple_tag
def decision_outcome_tag(outcome: str):
    return _tag(DECISION_OUTCOME_COLOURS[outcome], Decision.Outcome(outcome).label)
