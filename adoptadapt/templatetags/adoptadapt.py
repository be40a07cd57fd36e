"""Shared template tags: status tags that always say their meaning in words, and parts of
pages kept until anything stored changes."""

from django import template
from django.utils.html import format_html

from adoptadapt import fragment_cache
from sites.models import FidelityBand, ProgressUpdate, Rag

register = template.Library()

RAG_COLOURS = {
    Rag.GREEN: "green",
    Rag.AMBER_GREEN: "yellow",
    Rag.AMBER: "orange",
    Rag.AMBER_RED: "pink",
    Rag.RED: "red",
}

UPDATE_STATUS_COLOURS = {
    ProgressUpdate.Status.DRAFT: "grey",
    ProgressUpdate.Status.SUBMITTED: "turquoise",
    ProgressUpdate.Status.RETURNED: "orange",
    ProgressUpdate.Status.ACCEPTED: "green",
}

BAND_COLOURS = {
    FidelityBand.LOW: "red",
    FidelityBand.MODERATE: "yellow",
    FidelityBand.HIGH: "green",
}


def _tag(colour: str, label: str):
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)


@register.simple_tag
def rag_tag(rag: str | None):
    """A RAG status as a coloured tag with its name; colour is never the only signal."""
    if not rag:
        return _tag("grey", "Not reported")
    return _tag(RAG_COLOURS[Rag(rag)], Rag(rag).label)


@register.simple_tag
def update_status_tag(status: str | None):
    if not status:
        return _tag("grey", "Not started")
    return _tag(UPDATE_STATUS_COLOURS[status], ProgressUpdate.Status(status).label)


@register.simple_tag
def band_tag(band: str | None):
    if not band:
        return _tag("grey", "Not assessed")
    return _tag(BAND_COLOURS[band], FidelityBand(band).label)


@register.filter
def adoption_role_label(role: str) -> str:
    from sites.models import AdoptionRole

    return AdoptionRole.Role(role).label if role else ""


@register.filter
def board_role_label(role: str) -> str:
    from governance.models import BoardMembership

    return BoardMembership.Role(role).label if role else ""


# --- fidelity assessments and adaptations ---

SCORE_COLOURS = {
    "met": "green",
    "partly_met": "yellow",
    "not_met": "red",
    "not_assessed": "grey",
}

ADAPTATION_STATUS_COLOURS = {
    "proposed": "orange",
    "approved": "green",
    "rejected": "red",
    "withdrawn": "grey",
}


@register.simple_tag
def criterion_score_tag(score: str | None):
    """A criterion's score in words; "Not scored" where the assessment left it out."""
    from sites.models import CriterionScore

    if not score:
        return _tag("grey", "Not scored")
    return _tag(SCORE_COLOURS[score], CriterionScore.Score(score).label)


@register.simple_tag
def adaptation_status_tag(status: str | None):
    """Where an adaptation stands; a proposal says it awaits the board's decision."""
    from sites.models import Adaptation

    if status == Adaptation.DecisionStatus.PROPOSED:
        return _tag(ADAPTATION_STATUS_COLOURS[status], "Awaiting board decision")
    return _tag(ADAPTATION_STATUS_COLOURS[status], Adaptation.DecisionStatus(status).label)


@register.simple_tag
def period_status_tag(status):
    """A month's update status (sites.periods.PeriodStatus): due, overdue, draft, ..."""
    return _tag(status.colour, status.label)


@register.simple_tag
def elided_page_range(page_obj):
    """Page numbers with ellipses (1 … 4 5 6 … 20), as GOV.UK pagination shows them."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)


class CachedFragmentNode(template.Node):
    def __init__(self, name, vary_on, nodelist):
        self.name, self.vary_on, self.nodelist = name, vary_on, nodelist

    def render(self, context):
        values = [value.resolve(context) for value in self.vary_on]
        return fragment_cache.kept(
            self.name.resolve(context), values, lambda: self.nodelist.render(context)
        )


@register.tag
def cached_fragment(parser, token):
    """`{% cached_fragment "name" value ... %}…{% endcached_fragment %}`: what is between
    is drawn once and kept until anything stored changes, per day and per the values
    (adoptadapt/fragment_cache.py); variables used only inside are never looked up when
    it is kept, so a view can hand the template lazy values that cost nothing then."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a fragment name")
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )
