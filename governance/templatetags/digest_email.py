"""Tags for emails: a status as words in a tinted box, styled inline for mail clients.

Mail clients drop style sheets, so each colour is a style attribute; the words are
always there, so colour is never the only signal.
"""

from django import template
from django.utils.html import format_html

from sites.models import FidelityBand, Rag

register = template.Library()

# (background, text) pairs from the GOV.UK tag palette.
TINTS = {
    "green": ("#cce2d8", "#005a30"),
    "yellow": ("#fff7bf", "#594d00"),
    "orange": ("#fcd6c3", "#6e3619"),
    "pink": ("#f9e1ec", "#6b1c40"),
    "red": ("#f4cdc6", "#2a0b06"),
    "grey": ("#e5e6e7", "#0b0c0c"),
}
RAG_TINTS = {
    Rag.GREEN: "green",
    Rag.AMBER_GREEN: "yellow",
    Rag.AMBER: "orange",
    Rag.AMBER_RED: "pink",
    Rag.RED: "red",
}
BAND_TINTS = {FidelityBand.LOW: "red", FidelityBand.MODERATE: "yellow", FidelityBand.HIGH: "green"}


def _tinted(tint: str, label: str):
    background, colour = TINTS[tint]
    return format_html(
        '<span style="display:inline-block;padding:2px 6px;background:{};color:{};'
        'font-weight:bold;font-size:16px;">{}</span>',
        background,
        colour,
        label,
    )


@register.simple_tag
def email_rag(rag: str | None):
    if not rag:
        return _tinted("grey", "No update")
    return _tinted(RAG_TINTS[Rag(rag)], Rag(rag).label)


@register.simple_tag
def email_band(band: str | None):
    if not band:
        return _tinted("grey", "Not assessed")
    return _tinted(BAND_TINTS[band], FidelityBand(band).label)


@register.filter
def rag_label(rag: str | None) -> str:
    return Rag(rag).label if rag else "No update"


@register.filter
def signed(number: int | None) -> str:
    """+3, −2 or 0: a change with its direction in the text."""
    if number is None:
        return ""
    if number > 0:
        return f"+{number}"
    if number < 0:
        return f"\u2212{-number}"
    return "0"
