"""Template tags for the board dashboard, board pack and digest."""

from decimal import Decimal

from django import template

from .. import charts

register = template.Library()

register.simple_tag(charts.rag_sparkline, name="rag_sparkline")
register.simple_tag(charts.rag_count_bars, name="rag_count_bars")
register.simple_tag(charts.target_bars, name="target_bars")
register.simple_tag(charts.heatmap_grid, name="heatmap_grid")


@register.filter
def figure(value) -> str:
    """A metric figure as people write it: 1,250 or 59.9, never 1250.00."""
    if value is None or value == "":
        return "–"
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{number:,.0f}"
    return f"{number.normalize():,f}"


@register.filter
def month_param(month) -> str:
    """The ?month= value for a period: 2026-10."""
    return f"{month:%Y-%m}" if month else ""


@register.filter
def points_change(change) -> str:
    """A change in fidelity score in words, so it does not rest on an arrow or colour."""
    if change is None:
        return "No earlier assessment"
    if change == 0:
        return "No change"
    direction = "Up" if change > 0 else "Down"
    points = abs(change)
    return f"{direction} {points} point{'s' if points != 1 else ''}"


@register.filter
def rag_letters(rag) -> str:
    return charts.RAG_LETTERS.get(rag, "–")
