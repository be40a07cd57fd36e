"""Geometry for the dashboard's server-rendered SVG charts.

Each function returns plain numbers and labels; the templates under
`templates/governance/charts/` draw them, each with a title, a description and a table
of the same data beside it. Colour is never the only signal: bar length, text labels
and letters carry the meaning too. The templates draw the SVG inside `{% localize off %}`:
its coordinates are for the browser, never for a locale's number format (and formatting
each of them was most of what a chart cost to render).
"""

from dataclasses import dataclass

from sites.models import Rag
from sites.templatetags.journey import RAG_BARS

from .dashboard import RagCount, TrendPoint
from .heatmaps import Heatmap
from .rollups import MetricTotal

RAG_LETTERS = {
    Rag.GREEN: "G",
    Rag.AMBER_GREEN: "AG",
    Rag.AMBER: "A",
    Rag.AMBER_RED: "AR",
    Rag.RED: "R",
}
GREY = "#b1b4b6"
TEXT = "#0b0c0c"


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    label: str = ""
    text_x: float = 0
    text_y: float = 0


def rag_sparkline(trend: list[TrendPoint]) -> list[Bar]:
    """Six small bars in a 92 × 28 box, taller for greener, as in the adoption's chart."""
    bars = []
    for index, point in enumerate(trend):
        height, fill = RAG_BARS.get(point.rag, (0, ""))
        scaled = round(height * 0.24) if height else 3
        bars.append(
            Bar(
                x=2 + index * 15,
                y=26 - scaled,
                width=12,
                height=scaled,
                fill=fill or GREY,
                label=f"{point.period:%B %Y}: {point.label}",
            )
        )
    return bars


def rag_count_bars(counts: list[RagCount]) -> dict:
    """Horizontal bars, one pair per RAG status: this month (solid) and last month
    (outline), in a 560-wide box with the status names at the left and room for
    the "n last month" labels at the right."""
    most = max([1] + [c.this_month for c in counts] + [c.last_month for c in counts])
    left, width, row = 110, 340, 44
    bars = []
    for index, count in enumerate(counts):
        top = 8 + index * row
        fill = RAG_BARS[count.rag][1] if count.rag else GREY
        this_width = count.this_month / most * width
        last_width = count.last_month / most * width
        bars.append(
            {
                "label": count.label,
                "label_y": top + 19,
                "this": Bar(left, top, this_width, 16, fill, str(count.this_month)),
                "this_text_x": left + this_width + 6,
                "this_text_y": top + 13,
                "last": Bar(left, top + 20, last_width, 12, "none", str(count.last_month)),
                "last_text_x": left + last_width + 6,
                "last_text_y": top + 31,
            }
        )
    return {"bars": bars, "height": 16 + len(counts) * row, "left": left}


def target_bars(metrics: list[MetricTotal]) -> dict:
    """One bar per metric: how far its total has come towards its target (a bar to
    the target line at 100 %, longer when the target is passed, capped at 150 %)."""
    left, width, row = 0, 420, 48
    full = width / 1.5
    bars = []
    for index, total in enumerate(metrics):
        percent = total.percent_of_target
        top = 22 + index * row
        length = min(percent or 0, 150) / 100 * full
        bars.append(
            {
                "total": total,
                "name_y": top - 6,
                "bar": Bar(left, top, length, 18, "#1d70b8"),
                "text_x": left + length + 6,
                "text_y": top + 14,
                "percent": percent,
            }
        )
    return {
        "bars": bars,
        "height": 12 + len(metrics) * row,
        "target_x": left + full,
        "width": width + 60,
    }


def heatmap_grid(heatmap: Heatmap) -> dict:
    """Sites down, must-haves across; each cell has its score in words."""
    cell_w, cell_h, left, top = 74, 30, 190, 34
    rows = []
    for row_index, row in enumerate(heatmap.rows):
        y = top + row_index * cell_h
        cells = []
        for col_index, cell in enumerate(row.cells):
            x = left + col_index * cell_w
            cells.append(
                {
                    "x": x,
                    "y": y,
                    "fill": CELL_FILLS[cell.colour],
                    "text": cell.short_label,
                    "text_fill": "#ffffff" if cell.colour in ("green", "red") else TEXT,
                    "mid_x": x + cell_w / 2,
                    "mid_y": y + cell_h / 2 + 5,
                    "title": f"{row.adoption.adopting_site.name}, {cell.criterion.name}: "
                    f"{cell.label}",
                }
            )
        rows.append(
            {"name": row.adoption.adopting_site.name[:26], "y": y + cell_h / 2 + 5, "cells": cells}
        )
    columns = [
        {"number": index + 1, "x": left + index * cell_w + cell_w / 2}
        for index in range(len(heatmap.criteria))
    ]
    return {
        "rows": rows,
        "columns": columns,
        "cell_w": cell_w - 2,
        "cell_h": cell_h - 2,
        "width": left + len(heatmap.criteria) * cell_w + 4,
        "height": top + len(heatmap.rows) * cell_h + 4,
    }


CELL_FILLS = {"green": "#00703c", "yellow": "#ffdd00", "red": "#d4351c", "grey": "#f3f2f1"}
